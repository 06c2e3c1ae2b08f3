import { expect } from '@open-wc/testing';
import type { ServerFrame } from '../../protocol/index.ts';
import { configure, resetConfig } from './config.ts';
import { ConnectionManager, type ConnectionManagerOptions } from './connection-manager.ts';
import { closeAllManagers, getManager } from './manager-registry.ts';
import type { ConnectionStateName } from './connection-state.ts';
import type { StreamRequest, Transport, TransportClose } from './transport.ts';
import { FakeClock } from '../test-support/fake-clock.ts';
import { FakeNetwork, FakeTransportFactory, flushMicrotasks } from '../test-support/fake-transport.ts';
import { afterEach, describe, it } from '../test-support/mocha.ts';

const URL = 'ws://gateway.test/ws';

/** A one-way transport the test drives by hand: it records the stream it was asked for. */
class FakeStream implements Transport {
  readonly kind = 'sse';
  readonly oneWay = true;
  onOpen: (() => void) | undefined;
  onMessage: ((text: string) => void) | undefined;
  onClose: ((info: TransportClose) => void) | undefined;
  request: StreamRequest | undefined;
  closed = false;
  sent = 0;

  connect(_url: string, request?: StreamRequest): void { this.request = request; }
  send(): boolean { this.sent++; return false; }
  close(): void { this.closed = true; }
  open(): void { this.onOpen?.(); }
  receive(frame: ServerFrame): void { this.onMessage?.(JSON.stringify(frame)); }
  error(): void { this.onClose?.({ code: 1006, reason: 'event stream error', wasClean: false }); }
}

let current: ConnectionManager | undefined;

function setup(options: ConnectionManagerOptions = {}) {
  const clock = new FakeClock();
  const streams: FakeStream[] = [];
  const sockets = new FakeTransportFactory();
  const manager = new ConnectionManager(URL, {
    clock, network: new FakeNetwork(), backoff: { random: () => 0.5 }, transport: 'sse',
    transports: { websocket: sockets.create, sse: () => { const s = new FakeStream(); streams.push(s); return s; } },
    ...options,
  });
  current = manager;
  const states: ConnectionStateName[] = [];
  manager.onStateChange((change) => states.push(change.to));
  return { manager, clock, streams, sockets, states, latest: () => streams.at(-1)! };
}

const event = (channel: string, id: string, data: number) => ({ type: 'event', channel, id, ts: 1, data }) as const;

describe('ConnectionManager over SSE', () => {
  afterEach(() => {
    current?.close();
    current = undefined;
  });

  it('opens the stream with the wanted channels, applies its frames and never pings', async () => {
    const { manager, clock, streams, latest, states } = setup();
    manager.subscribe('prices.AAPL', () => {});
    manager.subscribe('prices.MSFT', () => {});
    expect(manager.state.name).to.equal('idle');
    await flushMicrotasks(); // one stream for every element that connected in the same task
    expect(streams).to.have.length(1);
    expect(latest().request).to.deep.equal({ channels: ['prices.AAPL', 'prices.MSFT'], positions: {} });
    latest().open();
    expect(manager.state).to.deep.equal({ name: 'open', transport: 'sse' });
    latest().receive(event('prices.AAPL', '0-1', 1));
    latest().receive({ type: 'batch', events: [{ channel: 'prices.AAPL', id: '0-2', ts: 1, data: 2 }] });
    expect(manager.channel('prices.AAPL')?.data).to.equal(2);
    clock.advance(40_000);
    expect(manager.latencyMs).to.equal(undefined);
    expect(latest().sent).to.equal(0);
    await flushMicrotasks();
    expect(states).to.deep.equal(['connecting', 'open']);
  });

  it('reopens once, debounced, with every channel and lastEventId when the wanted set changes', async () => {
    const { manager, clock, streams, latest, states } = setup();
    manager.subscribe('prices.AAPL', () => {});
    await flushMicrotasks();
    const first = latest();
    first.open();
    first.receive(event('prices.AAPL', '0-7', 7));
    manager.subscribe('prices.MSFT', () => {});
    const offBtc = manager.subscribe('prices.BTC', () => {});
    await flushMicrotasks();
    clock.advance(99);
    expect(streams).to.have.length(1);
    clock.advance(1);
    expect(streams).to.have.length(2);
    expect(first.closed).to.equal(true);
    expect(latest().request).to.deep.equal({ channels: ['prices.AAPL', 'prices.MSFT', 'prices.BTC'], positions: { 'prices.AAPL': '0-7' } });
    latest().open();
    expect(manager.state.name).to.equal('open');
    expect(states).to.deep.equal(['connecting', 'open']); // the swap is not a reconnect
    first.receive(event('prices.AAPL', '0-99', 99)); // the old stream is no longer heard
    expect(manager.channel('prices.AAPL')?.data).to.equal(7);

    latest().receive(event('prices.BTC', '0-3', 3));
    offBtc();
    clock.advance(1_000 + 100); // linger, then the debounce
    expect(streams).to.have.length(3);
    expect(latest().request).to.deep.equal({ channels: ['prices.AAPL', 'prices.MSFT'], positions: { 'prices.AAPL': '0-7' } });
  });

  it('an error takes the normal reconnect path with backoff and resumes from the positions', async () => {
    const { manager, clock, streams, latest } = setup();
    manager.subscribe('prices.AAPL', () => {});
    await flushMicrotasks();
    latest().open();
    latest().receive(event('prices.AAPL', '0-4', 4));
    latest().error();
    // The stream was serving: the first retry is spread over reconnectSpreadMs (6 s · 0.5).
    expect(manager.state).to.include({ name: 'reconnecting', attempt: 1, delayMs: 3_000 });
    expect(manager.channel('prices.AAPL')).to.include({ stale: true, data: 4 });
    clock.advance(2_999);
    expect(streams).to.have.length(1);
    clock.advance(1);
    expect(latest().request).to.deep.equal({ channels: ['prices.AAPL'], positions: { 'prices.AAPL': '0-4' } });
  });

  it('a reopened stream that fails reconnects like any lost link', async () => {
    const { manager, clock, latest } = setup();
    manager.subscribe('prices.AAPL', () => {});
    await flushMicrotasks();
    latest().open();
    manager.subscribe('prices.MSFT', () => {});
    await flushMicrotasks();
    clock.advance(100);
    latest().error();
    expect(manager.state.name).to.equal('reconnecting');
  });

  it('the heartbeat watchdog works from heartbeat frames', async () => {
    const { manager, clock, latest } = setup();
    manager.subscribe('prices.AAPL', () => {});
    await flushMicrotasks();
    latest().open();
    latest().receive({ type: 'heartbeat', ts: clock.now(), interval: 1_000 });
    clock.advance(2_000);
    expect(manager.state).to.deep.include({ name: 'reconnecting', cause: { code: 4005, reason: 'no frame for 2 heartbeat intervals' } });
  });
});

describe("ConnectionManager transport: 'auto'", () => {
  afterEach(() => {
    current?.close();
    current = undefined;
  });

  it('falls back to SSE after 3 WebSocket attempts that never opened, and stays there', () => {
    const { manager, clock, streams, sockets, latest } = setup({ transport: 'auto', connectTimeoutMs: 5_000 });
    manager.subscribe('prices.AAPL', () => {});
    expect(manager.transportKind).to.equal('websocket');
    sockets.latest.drop(1006); // refused
    clock.advance(250);
    clock.advance(5_000); // hangs until the connect timeout
    expect(sockets.made).to.have.length(2);
    clock.advance(500);
    expect(sockets.made).to.have.length(3);
    sockets.latest.drop(1006);
    expect(manager.transportKind).to.equal('sse');
    expect(streams).to.have.length(0);
    clock.advance(1_000);
    expect(streams).to.have.length(1);
    latest().open();
    expect(manager.state).to.deep.equal({ name: 'open', transport: 'sse' });
    latest().error();
    clock.advance(60_000);
    expect(sockets.made).to.have.length(3);
  });

  it('a WebSocket that opened resets the count: a flaky socket is not a blocking proxy', () => {
    const { manager, clock, sockets } = setup({ transport: 'auto' });
    manager.subscribe('prices.AAPL', () => {});
    for (let i = 0; i < 5; i++) {
      if (i % 2 === 1) sockets.latest.open();
      sockets.latest.drop(1006);
      manager.retryNow();
    }
    expect(manager.transportKind).to.equal('websocket');
    expect(sockets.made.length).to.be.greaterThan(1);
  });

  it("'websocket' never falls back", () => {
    const { manager, clock, streams, sockets } = setup({ transport: 'websocket' });
    manager.subscribe('prices.AAPL', () => {});
    for (let i = 0; i < 4; i++) {
      sockets.latest.drop(1006);
      clock.advance(60_000);
    }
    expect(streams).to.have.length(0);
    expect(manager.transportKind).to.equal('websocket');
  });
});

describe("getManager's transport option", () => {
  afterEach(() => {
    closeAllManagers();
    resetConfig();
  });

  it('takes the option, else configure({ transport }), else WebSocket', () => {
    expect(getManager('wss://one.test/ws', { transport: 'sse' }).transportKind).to.equal('sse');
    expect(getManager('wss://two.test/ws').transportKind).to.equal('websocket');
    configure({ transport: 'auto' });
    expect(getManager('wss://three.test/ws').transportKind).to.equal('websocket');
    expect(getManager('wss://four.test/ws', { transport: 'sse' }).transportKind).to.equal('sse');
  });

  it('a manager closed before its stream opened never opens one', async () => {
    const { manager, streams } = setup();
    manager.subscribe('prices.AAPL', () => {});
    manager.close();
    await flushMicrotasks();
    expect(streams).to.have.length(0);
  });
});
