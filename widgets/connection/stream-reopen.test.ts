import { expect } from '@open-wc/testing';
import { StreamReopen } from './stream-reopen.ts';
import { FakeClock } from '../test-support/fake-clock.ts';
import { describe, it } from '../test-support/mocha.ts';

const request = (...channels: string[]) => ({ channels, positions: {} });

describe('StreamReopen', () => {
  it('compares channel sets, not the order they were asked for in', () => {
    const reopen = new StreamReopen(new FakeClock(), 100, () => {});
    reopen.carrying(request('prices.A', 'prices.B'));
    expect(reopen.differs(request('prices.B', 'prices.A'))).to.equal(false);
    expect(reopen.differs(request('prices.A'))).to.equal(true);
    expect(reopen.differs(request('prices.A', 'prices.B', 'prices.C'))).to.equal(true);
  });

  it('a two-way link or a stopped one carries nothing: any wanted set differs', () => {
    const reopen = new StreamReopen(new FakeClock(), 100, () => {});
    reopen.carrying(undefined);
    expect(reopen.differs(request('prices.A'))).to.equal(true);
    reopen.carrying(request('prices.A'));
    reopen.stop();
    expect(reopen.differs(request('prices.A'))).to.equal(true);
  });

  it('gathers a burst: due once, delayMs after the first change, however many follow', () => {
    const clock = new FakeClock();
    let due = 0;
    const reopen = new StreamReopen(clock, 100, () => due++);
    reopen.schedule();
    clock.advance(60);
    reopen.schedule(); // a later change does not push the deadline back
    clock.advance(39);
    expect(due).to.equal(0);
    clock.advance(1);
    expect(due).to.equal(1);
    clock.advance(1_000);
    expect(due).to.equal(1);
  });

  it('stop() cancels what was due', () => {
    const clock = new FakeClock();
    let due = 0;
    const reopen = new StreamReopen(clock, 100, () => due++);
    reopen.schedule();
    reopen.stop();
    clock.advance(1_000);
    expect(due).to.equal(0);
  });
});
