/** How <rt-animated-number> spends frames: one shared loop, short tweens for fast feeds, no idle work. */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { afterEach, beforeEach, describe, it } from '../../test-support/mocha.ts';
import { RtAnimatedNumber } from './animated-number.ts';
import { NumberTween } from './number-tween.ts';

const realReducedMotion = RtAnimatedNumber.prefersReducedMotion;
const text = (el: RtAnimatedNumber) => el.shadowRoot!.querySelector('[part="value"]')?.textContent ?? '';

async function setValue(el: RtAnimatedNumber, value: number): Promise<void> {
  el.value = value;
  await el.updateComplete;
}

/** Counts requestAnimationFrame calls while `during` runs. */
async function countFrameRequests(during: () => Promise<void>): Promise<number> {
  const real = window.requestAnimationFrame;
  let calls = 0;
  window.requestAnimationFrame = (cb) => { calls += 1; return real.call(window, cb); };
  try {
    await during();
  } finally {
    window.requestAnimationFrame = real;
  }
  return calls;
}

describe('<rt-animated-number> frames', () => {
  beforeEach(() => {
    RtAnimatedNumber.prefersReducedMotion = () => false;
    RtAnimatedNumber.adaptTweenRedraws = false;
  });

  afterEach(() => {
    RtAnimatedNumber.prefersReducedMotion = realReducedMotion;
    RtAnimatedNumber.adaptTweenRedraws = true;
  });

  it('fifty tweening numbers share one animation frame request per frame', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>${Array.from({ length: 50 }, () => html`<rt-animated-number value="1" decimals="2"></rt-animated-number>`)}</div>`);
    const numbers = [...wrapper.querySelectorAll('rt-animated-number')];
    await Promise.all(numbers.map((el) => el.updateComplete));
    let frames = 0;
    const requests = await countFrameRequests(async () => {
      await Promise.all(numbers.map((el) => setValue(el, 2)));
      const started = performance.now();
      await new Promise<void>((done) => {
        const tick = () => { frames += 1; if (performance.now() - started < 200) requestAnimationFrame(tick); else done(); };
        requestAnimationFrame(tick);
      });
    });
    // The counting loop asks once per frame itself; the fifty tweens add about one more, not fifty.
    expect(frames).to.be.above(3);
    expect(requests).to.be.at.most(frames * 2 + 2);
  });

  it('a tween is never longer than the gap between updates', async () => {
    const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number value="100" decimals="2" locale="en-US"></rt-animated-number>`);
    await setValue(el, 101); // the first change after a quiet spell: the full 500 ms
    await aTimeout(120);
    const started = performance.now();
    await setValue(el, 150); // 120 ms after the last change: a tween of about 120 ms
    await waitUntil(() => text(el) === '150.00', 'short tween should land', { timeout: 2_000, interval: 5 });
    expect(performance.now() - started).to.be.below(400);
  });

  it('keeps the 500 ms tween when updates come slower than it', async () => {
    const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number value="100" decimals="2" locale="en-US"></rt-animated-number>`);
    await setValue(el, 101);
    await aTimeout(700);
    const started = performance.now();
    await setValue(el, 200);
    await waitUntil(() => text(el) === '200.00', 'tween should land', { timeout: 2_000, interval: 5 });
    expect(performance.now() - started).to.be.at.least(400);
  });

  it('does not rewrite the text on frames where the formatted value stays the same', async () => {
    const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number value="100" decimals="0" locale="en-US"></rt-animated-number>`);
    const value = el.shadowRoot!.querySelector('[part="value"]')!;
    let writes = 0;
    const observer = new MutationObserver((records) => { writes += records.length; });
    observer.observe(value, { characterData: true, subtree: true, childList: true });
    await setValue(el, 100.4); // every frame of this tween formats as "100"
    await aTimeout(700);
    observer.disconnect();
    expect(text(el)).to.equal('100');
    expect(writes).to.equal(0);
  });

  it('names its page-wide redraw budget as a setting and refuses a bad one', () => {
    const before = RtAnimatedNumber.maxTweenRedrawsPerFrame;
    expect(before).to.equal(80);
    try {
      RtAnimatedNumber.maxTweenRedrawsPerFrame = 10;
      expect(RtAnimatedNumber.maxTweenRedrawsPerFrame).to.equal(10);
      expect(() => { RtAnimatedNumber.maxTweenRedrawsPerFrame = 0; }).to.throw(RangeError, /positive integer/);
      expect(() => { RtAnimatedNumber.maxTweenRedrawsPerFrame = 2.5; }).to.throw(RangeError);
    } finally {
      RtAnimatedNumber.maxTweenRedrawsPerFrame = before;
    }
  });

  it('skips the tween while the element is not on screen', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div style="display: none"><rt-animated-number value="100" locale="en-US"></rt-animated-number></div>`);
    const el = wrapper.querySelector('rt-animated-number')!;
    await el.updateComplete;
    await aTimeout(100); // the intersection observer reports after a frame
    await setValue(el, 200);
    expect(text(el)).to.equal('200');
    expect(el.getAttribute('direction')).to.equal('up'); // the arrow and flash still mark the change
    expect(el.getAttribute('flash')).to.equal('up');
  });

  it('draws a new value at once, without a Lit update: text, arrow, direction and flash', async () => {
    RtAnimatedNumber.prefersReducedMotion = () => true;
    const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number value="100" decimals="2" locale="en-US"></rt-animated-number>`);
    el.value = 99.5;
    expect(el.isUpdatePending).to.equal(false);
    expect(text(el)).to.equal('99.50');
    expect(el.shadowRoot!.querySelector('[part="arrow"]')!.textContent).to.equal('▼');
    expect(el.direction).to.equal('down');
    expect(el.getAttribute('direction')).to.equal('down');
    expect(el.getAttribute('flash')).to.equal('down');
    el.setAttribute('value', '101');
    expect(text(el)).to.equal('101.00');
    expect(el.getAttribute('direction')).to.equal('up');
  });

  it('jumps instead of tweening while frames are late, and tweens again once they are on time', async () => {
    RtAnimatedNumber.adaptTweenRedraws = true;
    const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number value="100" decimals="2" locale="en-US"></rt-animated-number>`);
    await setValue(el, 101);
    await aTimeout(1_500);
    el.duration = 5_000; // a tween of 1.5 s (the gap since the last change) keeps the frames timed
    await setValue(el, 102);
    const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
    for (let i = 0; i < 12 && NumberTween.redrawBudget > 0; i++) {
      const started = performance.now();
      while (performance.now() - started < 80) { /* a long frame */ }
      await nextFrame();
    }
    expect(NumberTween.canAnimate).to.equal(false);
    el.duration = 500;
    el.value = 150;
    expect(text(el)).to.equal('150.00'); // at once: no tween to draw
    expect(el.getAttribute('direction')).to.equal('up');
    await waitUntil(() => NumberTween.canAnimate, 'frames on time again', { timeout: 3_000 });
    await aTimeout(600);
    await setValue(el, 250);
    expect(text(el)).to.equal('150.00'); // a tween again, from the number on screen
    await waitUntil(() => text(el) === '250.00', 'tween lands', { timeout: 2_000 });
  });
});
