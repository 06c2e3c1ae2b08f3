import { expect, waitUntil } from '@open-wc/testing';
import { afterEach, describe, it } from '../test-support/mocha.ts';
import { DrawScheduler } from './draw-scheduler.ts';

const budget = DrawScheduler.maxDrawMsPerFrame;
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Busy-waits: a draw that takes `ms` of main-thread time. */
const spend = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end) { /* drawing */ } };

describe('DrawScheduler', () => {
  afterEach(() => {
    DrawScheduler.maxDrawMsPerFrame = budget;
  });

  it('runs a draw requested many times before its turn once', async () => {
    const scheduler = new DrawScheduler();
    let draws = 0;
    const draw = () => { draws += 1; };
    for (let i = 0; i < 10; i++) scheduler.request(draw);
    await nextFrame();
    await nextFrame();
    expect(draws).to.equal(1);
  });

  it('spreads draws over frames within the budget, in request order, and runs each in the end', async () => {
    DrawScheduler.maxDrawMsPerFrame = 5;
    const scheduler = new DrawScheduler();
    const order: number[] = [];
    const perFrame: number[] = [];
    let thisFrame = 0;
    for (let i = 0; i < 12; i++) scheduler.request(() => { spend(2); order.push(i); thisFrame += 1; });
    while (scheduler.waiting > 0) {
      thisFrame = 0;
      await nextFrame();
      await Promise.resolve();
      if (thisFrame) perFrame.push(thisFrame);
    }
    expect(order).to.deep.equal([...Array(12).keys()]);
    // 2 ms draws under a 5 ms budget: three a frame (the third crosses the budget), never all twelve.
    expect(Math.max(...perFrame)).to.be.at.most(3);
    expect(perFrame.length).to.be.at.least(4);
  });

  it('runs at least one draw a frame even when one draw costs more than the budget', async () => {
    DrawScheduler.maxDrawMsPerFrame = 1;
    const scheduler = new DrawScheduler();
    let draws = 0;
    for (let i = 0; i < 3; i++) scheduler.request(() => { spend(3); draws += 1; });
    await waitUntil(() => draws === 3, 'every draw should run', { timeout: 2_000 });
  });

  it('a cancelled draw does not run; a failing one does not stop the others', async () => {
    const scheduler = new DrawScheduler();
    const error = console.error;
    console.error = () => {};
    try {
      const ran: string[] = [];
      const cancelled = () => { ran.push('cancelled'); };
      scheduler.request(() => { throw new Error('broken chart'); });
      scheduler.request(cancelled);
      scheduler.request(() => { ran.push('after'); });
      scheduler.cancel(cancelled);
      await waitUntil(() => scheduler.waiting === 0, 'queue should drain', { timeout: 2_000 });
      await nextFrame();
      expect(ran).to.deep.equal(['after']);
    } finally {
      console.error = error;
    }
  });
});
