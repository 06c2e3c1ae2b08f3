import { expect, waitUntil } from '@open-wc/testing';
import { afterEach, beforeEach, describe, it } from '../../test-support/mocha.ts';
import { NumberTween } from './number-tween.ts';

const budget = NumberTween.maxRedrawsPerFrame;
const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

describe('NumberTween', () => {
  beforeEach(() => {
    // The stride arithmetic, on a fixed budget: a loaded test machine's late frames would shrink it.
    NumberTween.adaptiveBudget = false;
  });

  afterEach(() => {
    NumberTween.maxRedrawsPerFrame = budget;
    NumberTween.adaptiveBudget = true;
  });

  it('eases from one value to the other and lands exactly on the end', async () => {
    const shown: number[] = [];
    const tween = new NumberTween((v) => shown.push(v));
    tween.start(10, 20, 150);
    expect(shown).to.deep.equal([10]);
    await waitUntil(() => !tween.active, 'tween should end', { timeout: 2_000 });
    expect(shown.at(-1)).to.equal(20);
    expect(shown.some((v) => v > 10 && v < 20)).to.equal(true);
    for (let i = 1; i < shown.length; i++) expect(shown[i]).to.be.at.least(shown[i - 1]);
    expect(NumberTween.running).to.equal(0);
  });

  it('past the budget, tweens take turns: each frame redraws about running ÷ stride of them', async () => {
    NumberTween.maxRedrawsPerFrame = 4;
    const redrawsPerFrame: number[] = [];
    let thisFrame = 0;
    const tweens = Array.from({ length: 16 }, () => new NumberTween(() => { thisFrame += 1; }));
    for (const tween of tweens) tween.start(0, 100, 2_000);
    expect(NumberTween.running).to.equal(16);
    await nextFrame(); // the frame in which they started
    for (let i = 0; i < 8; i++) {
      thisFrame = 0;
      await nextFrame();
      await Promise.resolve();
      redrawsPerFrame.push(thisFrame);
    }
    for (const tween of tweens) tween.stop();
    expect(NumberTween.running).to.equal(0);
    // 16 tweens over a budget of 4: a stride of 4, so 4 redraws a frame, never all 16.
    for (const n of redrawsPerFrame) expect(n).to.be.at.most(8);
    expect(redrawsPerFrame.reduce((a, b) => a + b, 0)).to.be.at.least(8 * 2);
  });

  it('within the budget every tween redraws every frame', async () => {
    let redraws = 0;
    const tweens = Array.from({ length: 3 }, () => new NumberTween(() => { redraws += 1; }));
    for (const tween of tweens) tween.start(0, 100, 2_000);
    await nextFrame();
    redraws = 0;
    await nextFrame();
    await Promise.resolve();
    for (const tween of tweens) tween.stop();
    expect(redraws).to.equal(3);
  });

  it('a tween that takes turns still shows its last value on its last frame', async () => {
    NumberTween.maxRedrawsPerFrame = 1;
    const last: number[] = [];
    const tweens = Array.from({ length: 5 }, (_, i) => new NumberTween((v) => { last[i] = v; }));
    tweens.forEach((tween, i) => tween.start(0, i + 1, 60));
    await waitUntil(() => tweens.every((t) => !t.active), 'tweens should end', { timeout: 2_000 });
    expect(last).to.deep.equal([1, 2, 3, 4, 5]);
  });

  it('late frames shrink the budget until no redraw between the ends is left, and canAnimate says so', async () => {
    NumberTween.adaptiveBudget = true;
    let redraws = 0;
    const tweens = Array.from({ length: 4 }, () => new NumberTween(() => { redraws += 1; }));
    for (const tween of tweens) tween.start(0, 100, 5_000);
    expect(NumberTween.canAnimate).to.equal(true);
    await nextFrame();
    await nextFrame();
    // Ten frames of 80 ms each: every one late against a 60 Hz (or faster) display.
    for (let i = 0; i < 10 && NumberTween.redrawBudget > 0; i++) {
      const started = performance.now();
      while (performance.now() - started < 80) { /* a long frame */ }
      await nextFrame();
    }
    expect(NumberTween.redrawBudget).to.equal(0);
    expect(NumberTween.canAnimate).to.equal(false);
    redraws = 0;
    const started = performance.now();
    while (performance.now() - started < 80) { /* one more long frame: no redraw in the next */ }
    await nextFrame();
    await Promise.resolve();
    expect(redraws).to.equal(0);
    for (const tween of tweens) tween.stop();
    await waitUntil(() => NumberTween.redrawBudget === NumberTween.maxRedrawsPerFrame, 'budget recovers on time frames', { timeout: 3_000 });
  });
});
