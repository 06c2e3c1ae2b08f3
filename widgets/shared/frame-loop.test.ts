import { expect } from '@open-wc/testing';
import { describe, it } from '../test-support/mocha.ts';
import { FrameLoop, type FrameTask } from './frame-loop.ts';

/** A hand-cranked requestAnimationFrame: frames run only when the test says so. */
function manualFrames() {
  let pending: FrameRequestCallback[] = [];
  let requests = 0;
  const loop = new FrameLoop(
    (cb) => { requests += 1; pending.push(cb); return pending.length; },
    () => { pending = []; },
  );
  return {
    loop,
    get requests() { return requests; },
    get waiting() { return pending.length; },
    frame(now: number) {
      const run = pending;
      pending = [];
      for (const cb of run) cb(now);
    },
  };
}

describe('FrameLoop', () => {
  it('drives every task from one frame request per frame', () => {
    const frames = manualFrames();
    const calls: number[] = [];
    const tasks: FrameTask[] = Array.from({ length: 100 }, (_, i) => () => { calls.push(i); return true; });
    for (const task of tasks) frames.loop.add(task);
    expect(frames.requests).to.equal(1);
    frames.frame(16);
    frames.frame(32);
    expect(calls.length).to.equal(200);
    expect(frames.requests).to.equal(3); // one per frame (the next one included), none per task
  });

  it('drops a task that returns false and stops asking for frames when none is left', () => {
    const frames = manualFrames();
    let left = 3;
    frames.loop.add(() => --left > 0);
    frames.frame(1);
    frames.frame(2);
    expect(frames.loop.size).to.equal(1);
    frames.frame(3);
    expect(frames.loop.size).to.equal(0);
    expect(frames.waiting).to.equal(0);
  });

  it('cancels its frame when the last task is removed, and adding a task twice runs it once', () => {
    const frames = manualFrames();
    let runs = 0;
    const task: FrameTask = () => { runs += 1; return true; };
    frames.loop.add(task);
    frames.loop.add(task);
    frames.frame(1);
    expect(runs).to.equal(1);
    frames.loop.remove(task);
    expect(frames.waiting).to.equal(0);
    expect(frames.loop.has(task)).to.equal(false);
  });

  it('a task added during a frame runs from the next frame; a removed one not at all', () => {
    const frames = manualFrames();
    const seen: string[] = [];
    const late: FrameTask = () => { seen.push('late'); return false; };
    const removed: FrameTask = () => { seen.push('removed'); return false; };
    frames.loop.add(() => { seen.push('first'); frames.loop.add(late); frames.loop.remove(removed); return false; });
    frames.loop.add(removed);
    frames.frame(1);
    expect(seen).to.deep.equal(['first']);
    frames.frame(2);
    expect(seen).to.deep.equal(['first', 'late']);
  });

  it('a task that throws is dropped and the others keep running', () => {
    const frames = manualFrames();
    const error = console.error;
    console.error = () => {};
    try {
      let runs = 0;
      frames.loop.add(() => { throw new Error('broken'); });
      frames.loop.add(() => { runs += 1; return true; });
      frames.frame(1);
      frames.frame(2);
      expect(runs).to.equal(2);
      expect(frames.loop.size).to.equal(1);
    } finally {
      console.error = error;
    }
  });
});
