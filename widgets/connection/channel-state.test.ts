import { expect } from '@open-wc/testing';
import type { WireEvent } from '../../protocol/index.ts';
import { ChannelState, type ChannelChange } from './channel-state.ts';
import { HistoryWindow } from './history-window.ts';
import { describe, it } from '../test-support/mocha.ts';

const ev = (id: string, data: WireEvent['data'], partial = false): WireEvent =>
  ({ channel: 'prices.AAPL', id, ts: 1, data, ...(partial ? { partial: true as const } : {}) });

describe('ChannelState', () => {
  it('takes newer ids and drops older and duplicate ones', () => {
    const state = new ChannelState('prices.AAPL');
    expect(state.apply(ev('0-5', { price: 5 }))).to.equal('event');
    expect(state.apply(ev('0-4', { price: 4 }))).to.equal('older');
    expect(state.apply(ev('0-5', { price: 55 }))).to.equal('duplicate');
    expect(state.apply(ev('0-10', { price: 10 }))).to.equal('event');
    expect(state.data).to.deep.equal({ price: 10 });
    expect(state.id).to.equal('0-10');
    expect(state.history.toArray().map((p) => p.id)).to.deep.equal(['0-5', '0-10']);
  });

  it('refines a partial event in place with the full one of the same id, once', () => {
    const state = new ChannelState('prices.AAPL');
    const changes: ChannelChange[] = [];
    state.addListener((_, change) => changes.push(change));
    state.apply(ev('0-1', { price: 1 }));
    expect(state.apply(ev('0-2', { price: 2 }, true))).to.equal('event');
    expect(state.partial).to.equal(true);
    expect(state.apply(ev('0-2', { price: 2.01, volume: 9 }))).to.equal('refine');
    expect(state.partial).to.equal(false);
    expect(state.apply(ev('0-2', { price: 3 }))).to.equal('duplicate');
    expect(state.apply(ev('0-2', { price: 4 }, true))).to.equal('duplicate');
    expect(state.data).to.deep.equal({ price: 2.01, volume: 9 });
    expect(state.history.toArray().map((p) => p.data)).to.deep.equal([{ price: 1 }, { price: 2.01, volume: 9 }]);
    expect(changes).to.deep.equal(['event', 'event', 'refine']);
  });

  it('a hint that overtakes an older full event costs no data: hints never move the position', () => {
    const state = new ChannelState('prices.AAPL');
    state.apply(ev('0-1', { price: 1 }));
    expect(state.apply(ev('0-3', { price: 3 }, true))).to.equal('event');
    expect(state.position).to.equal('0-1');
    // The full event 0-2 arrives after the hint of 0-3 (Redis is faster than the log).
    expect(state.apply(ev('0-2', { price: 2 }))).to.equal('event');
    expect(state.data).to.deep.equal({ price: 3 });
    expect(state.position).to.equal('0-2');
    expect(state.apply(ev('0-3', { price: 3.01 }))).to.equal('refine');
    expect(state.position).to.equal('0-3');
    expect(state.history.toArray().map((p) => p.id)).to.deep.equal(['0-1', '0-2', '0-3']);
  });

  it('a reset forgets the position but never the value', () => {
    const state = new ChannelState('prices.AAPL');
    state.apply(ev('0-100', { price: 100 }));
    state.resetPosition();
    expect(state.id).to.equal(undefined);
    expect(state.data).to.deep.equal({ price: 100 });
    expect(state.stale).to.equal(true);
    expect(state.apply(ev('0-3', { price: 3 }))).to.equal('event');
    expect(state.stale).to.equal(false);
  });

  it('tells a late listener the current value at once', () => {
    const state = new ChannelState('prices.AAPL');
    state.apply(ev('0-1', { price: 1 }));
    const seen: unknown[] = [];
    state.addListener((value, change) => seen.push([value.data, change]));
    expect(seen).to.deep.equal([[{ price: 1 }, 'initial']]);
  });

  it('keeps a bounded window of history', () => {
    const state = new ChannelState('prices.AAPL', 3);
    for (let i = 1; i <= 5; i++) state.apply(ev(`0-${i}`, i));
    expect(state.history.toArray().map((p) => p.data)).to.deep.equal([3, 4, 5]);
    expect(new ChannelState('x').history.capacity).to.equal(500);
  });

  it('one throwing listener does not stop the others', () => {
    const state = new ChannelState('prices.AAPL');
    const original = globalThis.reportError;
    const reported: unknown[] = [];
    globalThis.reportError = (error: unknown) => reported.push(error);
    try {
      let called = false;
      state.addListener(() => { throw new Error('broken widget'); });
      state.addListener(() => { called = true; });
      state.apply(ev('0-1', 1));
      expect(called).to.equal(true);
      expect(reported).to.have.length(1);
    } finally {
      globalThis.reportError = original;
    }
  });
});

describe('HistoryWindow', () => {
  it('wraps around, keeping the newest', () => {
    const window = new HistoryWindow<number>(3);
    for (const n of [1, 2, 3, 4]) window.push(n);
    expect(window.toArray()).to.deep.equal([2, 3, 4]);
    expect(window.last()).to.equal(4);
    expect(() => new HistoryWindow(0)).to.throw(RangeError);
  });
});
