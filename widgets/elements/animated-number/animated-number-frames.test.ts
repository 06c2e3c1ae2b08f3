/** How <rt-animated-number> spends frames: one shared loop, short tweens for fast feeds, no idle work. */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { afterEach, beforeEach, describe, it } from '../../test-support/mocha.ts';
import { RtAnimatedNumber } from './animated-number.ts';

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
  });

  afterEach(() => {
    RtAnimatedNumber.prefersReducedMotion = realReducedMotion;
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
});
