import { aTimeout, expect } from '@open-wc/testing';
import { describe, it } from '../test-support/mocha.ts';
import { FlashTimer } from './flash-timer.ts';

describe('FlashTimer', () => {
  it('ends `ms` after the last restart, once, however often it was restarted', async () => {
    const ends: number[] = [];
    const started = performance.now();
    const timer = new FlashTimer(60, () => ends.push(performance.now() - started));
    timer.restart();
    for (let i = 0; i < 4; i++) {
      await aTimeout(30);
      timer.restart(); // last restart at about 120 ms
    }
    await aTimeout(150);
    expect(ends).to.have.length(1);
    expect(ends[0]).to.be.at.least(170);
  });

  it('cancel() ends nothing; a later restart starts afresh', async () => {
    let ends = 0;
    const timer = new FlashTimer(20, () => { ends += 1; });
    timer.restart();
    timer.cancel();
    await aTimeout(50);
    expect(ends).to.equal(0);
    timer.restart();
    await aTimeout(50);
    expect(ends).to.equal(1);
  });

  it('restart(ms) with a nearer end than the pending one ends then, not at the old end', async () => {
    const ends: number[] = [];
    const started = performance.now();
    const timer = new FlashTimer(500, () => ends.push(performance.now() - started));
    timer.restart();
    timer.restart(30);
    await aTimeout(120);
    expect(ends).to.have.length(1);
    expect(ends[0]).to.be.below(120);
  });
});
