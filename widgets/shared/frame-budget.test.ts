import { expect } from '@open-wc/testing';
import { describe, it } from '../test-support/mocha.ts';
import { FrameBudget } from './frame-budget.ts';
import { FrameLoop } from './frame-loop.ts';

/** A hand-cranked frame loop: `frame(now)` runs one frame at the given timestamp. */
function manualLoop() {
  let pending: FrameRequestCallback[] = [];
  const loop = new FrameLoop((cb) => { pending.push(cb); return pending.length; }, () => { pending = []; });
  return {
    loop,
    frame(now: number) {
      const run = pending;
      pending = [];
      for (const cb of run) cb(now);
    },
    get waiting() { return pending.length; },
  };
}

/** Frames at `period` ms from `start`, `count` of them; returns the next timestamp. */
function frames(run: ReturnType<typeof manualLoop>, start: number, period: number, count: number): number {
  let now = start;
  for (let i = 0; i < count; i++) {
    run.frame(now);
    now += period;
  }
  return now;
}

describe('FrameBudget', () => {
  it('stays at its ceiling while frames are on time', () => {
    const run = manualLoop();
    const budget = new FrameBudget(80, () => true, run.loop);
    budget.use();
    frames(run, 0, 16.7, 30);
    expect(budget.value).to.equal(80);
  });

  it('halves after each late frame, down to 0, and grows back by a sixteenth per frame on time', () => {
    const run = manualLoop();
    const budget = new FrameBudget(80, () => true, run.loop);
    budget.use();
    let now = frames(run, 0, 16.7, 5); // learns the 16.7 ms period
    run.frame(now += 33.4);
    expect(budget.value).to.equal(40);
    run.frame(now += 33.4);
    expect(budget.value).to.equal(20);
    for (let i = 0; i < 6; i++) run.frame(now += 50);
    expect(budget.value).to.equal(0);
    run.frame(now += 16.7);
    expect(budget.value).to.equal(5);
    frames(run, now + 16.7, 16.7, 15);
    expect(budget.value).to.equal(80);
  });

  it('takes the refresh period from the shortest interval: 33 ms frames on a 30 Hz display are on time', () => {
    const run = manualLoop();
    const budget = new FrameBudget(80, () => true, run.loop);
    budget.use();
    frames(run, 0, 33.3, 20);
    expect(budget.value).to.equal(80);
  });

  it('does not count an idle gap as a late frame', () => {
    const run = manualLoop();
    let busy = true;
    const budget = new FrameBudget(80, () => busy, run.loop);
    budget.use();
    const now = frames(run, 0, 16.7, 3);
    busy = false;
    run.frame(now);
    expect(run.waiting).to.equal(0); // at its ceiling with nobody using it: no more frames
    busy = true;
    budget.use();
    frames(run, now + 2_000, 16.7, 3);
    expect(budget.value).to.equal(80);
  });

  it('keeps timing frames while below its ceiling, so it recovers after the work stops', () => {
    const run = manualLoop();
    let busy = true;
    const budget = new FrameBudget(80, () => busy, run.loop);
    budget.use();
    let now = frames(run, 0, 16.7, 3);
    run.frame(now += 100);
    expect(budget.value).to.equal(40);
    busy = false;
    now = frames(run, now + 16.7, 16.7, 8);
    expect(budget.value).to.equal(80);
    run.frame(now);
    expect(run.waiting).to.equal(0);
  });

  it('with adaptive off, the allowance is the ceiling whatever the frames', () => {
    const run = manualLoop();
    const budget = new FrameBudget(80, () => true, run.loop);
    budget.adaptive = false;
    budget.use();
    expect(run.waiting).to.equal(0);
    frames(run, 0, 100, 5);
    expect(budget.value).to.equal(80);
    budget.max = 10;
    expect(budget.value).to.equal(10);
  });
});
