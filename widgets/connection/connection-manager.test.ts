import { expect } from '@open-wc/testing';
import type { WireEvent } from '../../protocol/index.ts';
import type { ChannelChange, ChannelValue } from './channel-state.ts';
import { ConnectionManager, type ConnectionManagerOptions } from './connection-manager.ts';
import type { ConnectionStateName, StateChange } from './connection-state.ts';
import { FakeClock } from '../test-support/fake-clock.ts';
import { FakeNetwork, FakeTransportFactory, flushMicrotasks } from '../test-support/fake-transport.ts';
import { afterEach, describe, it } from '../test-support/mocha.ts';

const URL = 'ws://gateway.test/ws';
let current: ConnectionManager | undefined;

function setup(options: ConnectionManagerOptions = {}) {
  const clock = new FakeClock();
  const factory = new FakeTransportFactory();
  const network = new FakeNetwork();
  const manager = new ConnectionManager(URL, { clock, network, transport: factory.create, backoff: { random: () => 0.5 }, ...options });
  current = manager;
  const states: ConnectionStateName[] = [];
  manager.onStateChange((change: StateChange) => states.push(change.to));
  return { manager, clock, factory, network, states };
}

function collect() {
  const calls: { data: unknown; change: ChannelChange; stale: boolean }[] = [];
  const listener = (value: ChannelValue, change: ChannelChange) => calls.push({ data: value.data, change, stale: value.stale });
  return { calls, listener };
}

const event = (channel: string, id: string, data: WireEvent['data'], partial = false) =>
  ({ type: 'event', channel, id, ts: 1, data, ...(partial ? { partial: true } : {}) }) as const;

describe('ConnectionManager', () => {
  afterEach(() => {
    current?.close();
    current = undefined;
  });

  it('connects lazily, on the first channel request', async () => {
    const { manager, factory, states } = setup();
    expect(manager.state.name).to.equal('idle');
    expect(factory.made).to.have.length(0);
    manager.subscribe('prices.AAPL', () => {});
    expect(factory.made).to.have.length(1);
    expect(factory.latest.url).to.equal(URL);
    factory.latest.open();
    await flushMicrotasks();
    expect(states).to.deep.equal(['connecting', 'open']);
  });

  it('ref-counts: two listeners on one channel → one wire subscribe; both gone → one unsubscribe', async () => {
    const { manager, clock, factory } = setup();
    const a = collect();
    const b = collect();
    const offA = manager.subscribe('prices.AAPL', a.listener);
    const offB = manager.subscribe('prices.AAPL', b.listener);
    const offC = manager.subscribe('prices.MSFT', () => {});
    const wire = factory.latest;
    wire.open();
    await flushMicrotasks();
    expect(wire.framesOfType('subscribe')).to.deep.equal([{ type: 'subscribe', channels: ['prices.AAPL', 'prices.MSFT'] }]);

    wire.receive(event('prices.AAPL', '0-1', { price: 1 }));
    expect(a.calls.map((c) => c.data)).to.deep.equal([{ price: 1 }]);
    expect(b.calls.map((c) => c.data)).to.deep.equal([{ price: 1 }]);

    offA();
    offA(); // idempotent: must not release B's share
    clock.advance(5_000);
    expect(wire.framesOfType('unsubscribe')).to.have.length(0);
    offB();
    clock.advance(500);
    expect(wire.framesOfType('unsubscribe')).to.have.length(0); // lingering
    clock.advance(600);
    expect(wire.framesOfType('unsubscribe')).to.deep.equal([{ type: 'unsubscribe', channels: ['prices.AAPL'] }]);
    expect(manager.state.name).to.equal('open');
    offC();
  });

  it('re-subscribing within the linger keeps the wire subscription and the data', async () => {
    const { manager, clock, factory } = setup();
    const off = manager.subscribe('prices.AAPL', () => {});
    factory.latest.open();
    factory.latest.receive(event('prices.AAPL', '0-1', { price: 1 }));
    off();
    clock.advance(500);
    const again = collect();
    manager.subscribe('prices.AAPL', again.listener);
    clock.advance(5_000);
    await flushMicrotasks();
    expect(again.calls).to.deep.equal([{ data: { price: 1 }, change: 'initial', stale: false }]);
    expect(factory.latest.framesOfType('unsubscribe')).to.have.length(0);
    expect(factory.latest.framesOfType('subscribe')).to.have.length(1);
  });

  it('the same function subscribed twice still counts twice', async () => {
    const { manager, clock, factory } = setup();
    const listener = () => {};
    const off1 = manager.subscribe('prices.AAPL', listener);
    manager.subscribe('prices.AAPL', listener);
    factory.latest.open();
    off1();
    clock.advance(2_000);
    expect(factory.latest.framesOfType('unsubscribe')).to.have.length(0);
  });

  it('goes idle and closes the socket when the last channel is given back', () => {
    const { manager, clock, factory } = setup();
    const off = manager.subscribe('prices.AAPL', () => {});
    factory.latest.open();
    off();
    clock.advance(1_000);
    expect(factory.latest.framesOfType('unsubscribe')).to.have.length(1);
    expect(factory.latest.closedWith?.code).to.equal(1000);
    expect(manager.state.name).to.equal('idle');
  });

  it('after a reconnect resumes with the last id per channel and subscribes channels never seen', async () => {
    const { manager, clock, factory, states } = setup();
    const aapl = collect();
    manager.subscribe('prices.AAPL', aapl.listener);
    manager.subscribe('prices.MSFT', () => {});
    manager.subscribe('metrics.web-1', () => {});
    const first = factory.latest;
    first.open();
    first.receive({ type: 'batch', events: [
      { channel: 'prices.AAPL', id: '0-7', ts: 1, data: { price: 7 } },
      { channel: 'prices.MSFT', id: '2-40', ts: 1, data: { price: 40 } },
    ] });
    first.drop(1006);
    expect(manager.state).to.include({ name: 'reconnecting', attempt: 1, delayMs: 3_000 });
    expect(aapl.calls.at(-1)).to.deep.equal({ data: { price: 7 }, change: 'stale', stale: true });

    clock.advance(3_000);
    const second = factory.latest;
    expect(second).to.not.equal(first);
    second.open();
    await flushMicrotasks();
    expect(second.framesOfType('resume')).to.deep.equal([{ type: 'resume', positions: { 'prices.AAPL': '0-7', 'prices.MSFT': '2-40' } }]);
    expect(second.framesOfType('subscribe')).to.deep.equal([{ type: 'subscribe', channels: ['metrics.web-1'] }]);
    expect(states).to.deep.equal(['connecting', 'open', 'reconnecting', 'connecting', 'open']);

    second.receive({ type: 'subscribed', channel: 'prices.AAPL', recovered: true });
    expect(aapl.calls.at(-1)).to.deep.equal({ data: { price: 7 }, change: 'fresh', stale: false });
    // Frames from the dead transport are ignored.
    first.receive(event('prices.AAPL', '0-99', { price: 99 }));
    expect(manager.channel('prices.AAPL')?.data).to.deep.equal({ price: 7 });
  });

  it('handles reset + snapshot: position dropped, value kept, snapshot taken whatever its id', () => {
    const { manager, factory } = setup();
    const seen = collect();
    manager.subscribe('prices.AAPL', seen.listener);
    factory.latest.open();
    factory.latest.receive(event('prices.AAPL', '0-500', { price: 500 }));
    factory.latest.receive({ type: 'reset', channel: 'prices.AAPL', reason: 'log-reset' });
    expect(manager.channel('prices.AAPL')).to.include({ id: undefined, stale: true });
    expect(manager.channel('prices.AAPL')?.data).to.deep.equal({ price: 500 });
    factory.latest.receive({ type: 'snapshot', channel: 'prices.AAPL', event: { channel: 'prices.AAPL', id: '0-3', ts: 2, data: { price: 3 } } });
    expect(manager.channel('prices.AAPL')).to.include({ id: '0-3', stale: false });
    expect(seen.calls.map((c) => c.change)).to.deep.equal(['event', 'stale', 'event']);
  });

  it('an empty snapshot never blanks a value', () => {
    const { manager, factory } = setup();
    manager.subscribe('prices.AAPL', () => {});
    factory.latest.open();
    factory.latest.receive(event('prices.AAPL', '0-1', { price: 1 }));
    factory.latest.receive({ type: 'snapshot', channel: 'prices.AAPL', event: null });
    expect(manager.channel('prices.AAPL')?.data).to.deep.equal({ price: 1 });
  });

  it('drops older and duplicate ids and refines a partial in place', () => {
    const { manager, factory } = setup();
    const seen = collect();
    manager.subscribe('prices.AAPL', seen.listener);
    factory.latest.open();
    const wire = factory.latest;
    wire.receive(event('prices.AAPL', '0-10', { price: 10 }));
    wire.receive(event('prices.AAPL', '0-9', { price: 9 }));
    wire.receive(event('prices.AAPL', '0-10', { price: 10.5 }));
    wire.receive(event('prices.AAPL', '0-11', { price: 11 }, true));
    wire.receive(event('prices.AAPL', '0-11', { price: 11.25, bid: 11.2 }));
    expect(seen.calls.map((c) => [c.change, c.data])).to.deep.equal([
      ['event', { price: 10 }], ['event', { price: 11 }], ['refine', { price: 11.25, bid: 11.2 }],
    ]);
    expect(manager.history('prices.AAPL').map((p) => p.id)).to.deep.equal(['0-10', '0-11']);
  });

  it('reports a bad frame with a warning and an event, never throws, and keeps going', () => {
    const { manager, factory } = setup();
    manager.subscribe('prices.AAPL', () => {});
    factory.latest.open();
    const bad: unknown[] = [];
    manager.addEventListener('badframe', (e) => bad.push((e as CustomEvent).detail.problem.code));
    const warn = console.warn;
    console.warn = () => {};
    try {
      factory.latest.receiveText('{not json');
      factory.latest.receive({ type: 'event', channel: 'prices.AAPL', id: 'nope', ts: 1, data: 1 });
      factory.latest.receive({ type: 'teleport' });
    } finally {
      console.warn = warn;
    }
    expect(bad).to.deep.equal(['bad_json', 'bad_id', 'unknown_type']);
    factory.latest.receive(event('prices.AAPL', '0-1', 1));
    expect(manager.channel('prices.AAPL')?.data).to.equal(1);
  });

  it('keeps data, marked stale, while disconnected', () => {
    const { manager, factory } = setup();
    const seen = collect();
    manager.subscribe('prices.AAPL', seen.listener);
    factory.latest.open();
    factory.latest.receive(event('prices.AAPL', '0-1', { price: 1 }));
    factory.latest.drop(1012, 'restart');
    expect(manager.channel('prices.AAPL')).to.include({ stale: true });
    expect(manager.channel('prices.AAPL')?.data).to.deep.equal({ price: 1 });
    expect(manager.state).to.deep.include({ name: 'reconnecting', cause: { code: 1012, reason: 'restart' } });
  });

  it('watchdog: no frame for 2 heartbeat intervals → reconnects without a close event', () => {
    const { manager, clock, factory } = setup();
    manager.subscribe('prices.AAPL', () => {});
    const wire = factory.latest;
    wire.open();
    wire.receive({ type: 'heartbeat', ts: clock.now(), interval: 1_000 });
    clock.advance(1_500);
    wire.receive({ type: 'heartbeat', ts: clock.now(), interval: 1_000 });
    clock.advance(1_999);
    expect(manager.state.name).to.equal('open');
    clock.advance(1);
    expect(wire.closedWith?.code).to.equal(4005);
    expect(manager.state).to.deep.include({ name: 'reconnecting', cause: { code: 4005, reason: 'no frame for 2 heartbeat intervals' } });
    clock.advance(3_000);
    expect(factory.made).to.have.length(2);
  });

  it('measures ping → pong latency', () => {
    const { manager, clock, factory } = setup();
    manager.subscribe('prices.AAPL', () => {});
    factory.latest.open();
    const ping = factory.latest.framesOfType('ping')[0];
    expect(ping?.ts).to.equal(clock.now());
    clock.advance(42);
    factory.latest.receive({ type: 'pong', ts: ping!.ts! });
    expect(manager.latencyMs).to.equal(42);
  });

  it('backs off with growing windows and opens the circuit after 5 failures, then probes', () => {
    const { manager, clock, factory, states } = setup({ breaker: { failureThreshold: 5, cooldownMs: 30_000 } });
    manager.subscribe('prices.AAPL', () => {});
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      factory.latest.drop(1006);
      const state = manager.state;
      if (state.name !== 'reconnecting') throw new Error(`expected reconnecting, got ${state.name}`);
      delays.push(state.delayMs);
      clock.advance(state.delayMs);
    }
    expect(delays).to.deep.equal([250, 500, 1_000, 2_000]);
    factory.latest.drop(1006);
    expect(manager.state).to.include({ name: 'circuit-open', retryAt: clock.now() + 30_000, failures: 5 });
    const made = factory.made.length;
    clock.advance(29_999);
    expect(factory.made).to.have.length(made);
    clock.advance(1);
    expect(factory.made).to.have.length(made + 1);
    factory.latest.drop(1006); // the probe fails: open again at once
    expect(manager.state.name).to.equal('circuit-open');
    clock.advance(30_000);
    factory.latest.open();
    factory.latest.receive({ type: 'heartbeat', ts: 0, interval: 25_000 });
    expect(manager.state.name).to.equal('open');
    factory.latest.drop(1006);
    expect(manager.state).to.include({ name: 'reconnecting', attempt: 1 });
    expect(states.filter((s) => s === 'circuit-open')).to.have.length(2);
  });

  it('spreads the first retry after a serving link is lost over reconnectSpreadMs, then backs off exponentially', () => {
    const { manager, clock, factory } = setup({ backoff: { reconnectSpreadMs: 8_000, random: () => 0.25 } });
    manager.subscribe('prices.AAPL', () => {});
    factory.latest.open();
    factory.latest.receive({ type: 'heartbeat', ts: 0, interval: 25_000 });
    factory.latest.drop(1012, 'gateway restarting');
    // A gateway that dies drops every client at once: 8 s · 0.25, not 0.5 s · 0.25.
    expect(manager.state).to.include({ name: 'reconnecting', attempt: 1, delayMs: 2_000 });
    clock.advance(2_000);
    expect(factory.made).to.have.length(2);
    // That retry fails before it ever served: the exponential windows take over (1 s · 0.25).
    factory.latest.drop(1006);
    expect(manager.state).to.include({ name: 'reconnecting', attempt: 2, delayMs: 250 });
    clock.advance(250);
    factory.latest.open();
    factory.latest.receive({ type: 'heartbeat', ts: 0, interval: 25_000 });
    // Served again: the next loss is spread again.
    factory.latest.drop(1006);
    expect(manager.state).to.include({ name: 'reconnecting', attempt: 1, delayMs: 2_000 });
  });

  it('a connection that opens but never delivers a frame does not reset the backoff', () => {
    const { manager, clock, factory } = setup();
    manager.subscribe('prices.AAPL', () => {});
    for (let i = 0; i < 4; i++) {
      factory.latest.open();
      factory.latest.drop(1011);
      clock.advance(60_000);
    }
    factory.latest.open();
    factory.latest.drop(1011);
    expect(manager.state).to.include({ name: 'circuit-open' });
  });

  it('a final close code stops reconnecting; retryNow revives it', () => {
    const { manager, clock, factory } = setup();
    manager.subscribe('prices.AAPL', () => {});
    factory.latest.open();
    factory.latest.drop(4003, 'unauthorized');
    expect(manager.state).to.deep.include({ name: 'closed', final: true });
    clock.advance(120_000);
    expect(factory.made).to.have.length(1);
    manager.retryNow();
    expect(manager.state.name).to.equal('connecting');
    expect(factory.made).to.have.length(2);
  });

  it('gives up on an attempt that does not open within the connect timeout', () => {
    const { manager, clock, factory } = setup({ connectTimeoutMs: 3_000 });
    manager.subscribe('prices.AAPL', () => {});
    clock.advance(3_000);
    expect(factory.made[0]!.closedWith).to.not.equal(undefined);
    expect(manager.state).to.deep.include({ name: 'reconnecting', cause: { reason: 'connect timeout' } });
  });

  it('goes offline with the browser and retries immediately when it is back', () => {
    const { manager, factory, network } = setup();
    const seen = collect();
    manager.subscribe('prices.AAPL', seen.listener);
    factory.latest.open();
    factory.latest.receive(event('prices.AAPL', '0-1', 1));
    network.set(false);
    expect(manager.state.name).to.equal('offline');
    expect(factory.latest.closedWith).to.not.equal(undefined);
    expect(manager.channel('prices.AAPL')).to.include({ stale: true, data: 1 });
    network.set(true);
    expect(manager.state).to.include({ name: 'connecting', attempt: 0 });
    expect(factory.made).to.have.length(2);
  });

  it('starts offline when the browser is offline at the first request', () => {
    const { manager, factory, network } = setup();
    network.online = false;
    manager.subscribe('prices.AAPL', () => {});
    expect(manager.state.name).to.equal('offline');
    expect(factory.made).to.have.length(0);
  });

  it('retryNow skips the backoff wait', () => {
    const { manager, factory } = setup({ backoff: { random: () => 0.99 } });
    manager.subscribe('prices.AAPL', () => {});
    factory.latest.drop(1006);
    expect(manager.state.name).to.equal('reconnecting');
    manager.retryNow();
    expect(manager.state.name).to.equal('connecting');
    expect(factory.made).to.have.length(2);
  });

  it('close() ends for good, keeps data stale and refuses new subscriptions', () => {
    const { manager, clock, factory } = setup();
    manager.subscribe('prices.AAPL', () => {});
    factory.latest.open();
    factory.latest.receive(event('prices.AAPL', '0-1', 1));
    manager.close();
    expect(manager.state).to.deep.include({ name: 'closed', final: true });
    expect(manager.channel('prices.AAPL')).to.include({ stale: true, data: 1 });
    expect(() => manager.subscribe('prices.MSFT', () => {})).to.throw(Error);
    clock.advance(120_000);
    expect(factory.made).to.have.length(1);
  });

  it('survives statechange listeners that act on the manager', () => {
    const { manager, clock, factory } = setup();
    manager.onStateChange((change) => {
      if (change.to === 'reconnecting') manager.retryNow();
    });
    manager.subscribe('prices.AAPL', () => {});
    factory.latest.drop(1006);
    expect(manager.state.name).to.equal('connecting');
    clock.advance(5_000); // the cancelled retry timer must not fire into 'connecting'
    expect(factory.made).to.have.length(2);

    const second = setup();
    second.manager.onStateChange((change) => {
      if (change.to === 'open') second.manager.close();
    });
    second.manager.subscribe('prices.AAPL', () => {});
    second.factory.latest.open();
    second.clock.advance(120_000);
    expect(second.manager.state.name).to.equal('closed');
    expect(second.factory.latest.sent).to.have.length(0);
    manager.close();
  });

  it('rejects an invalid channel name', () => {
    const { manager } = setup();
    expect(() => manager.subscribe('bad channel!', () => {})).to.throw(TypeError);
    expect(manager.state.name).to.equal('idle');
  });
});
