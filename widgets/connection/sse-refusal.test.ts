/**
 * An SSE stream the gateway refuses with HTTP 401/403 ends the connection for good, with the
 * status in the reason, instead of being retried like a dropped stream. EventSource reports no
 * status: the transport asks once more with fetch() (scripted here; the gateway's real refusal
 * bodies are checked in gateway/auth.test.ts).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { ConnectionManager } from './connection-manager.ts';
import { SseTransport } from './sse-transport.ts';
import type { TransportClose } from './transport.ts';
import { FakeClock } from '../test-support/fake-clock.ts';
import { FakeNetwork, flushMicrotasks } from '../test-support/fake-transport.ts';
import { afterEach, describe, it } from '../test-support/mocha.ts';

/** An EventSource that fails the way a browser does on a non-200 answer: readyState CLOSED, then error. */
class RefusedEventSource {
  static made = 0;
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    RefusedEventSource.made++;
    setTimeout(() => { this.readyState = 2; this.onerror?.(); }, 0);
  }
  close(): void { this.readyState = 2; }
}

const answer = (status: number, body?: unknown): typeof fetch => async () =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function refusedStream(fetchImpl: typeof fetch): Promise<TransportClose> {
  const transport = new SseTransport(RefusedEventSource as unknown as typeof EventSource, {}, fetchImpl);
  return new Promise((resolve) => {
    transport.onClose = resolve;
    transport.connect('wss://gateway.test/ws', { channels: ['prices.AAPL'], positions: {} });
  });
}

describe('SSE refused by the gateway', () => {
  let manager: ConnectionManager | undefined;
  afterEach(() => manager?.close());

  it('401 closes with the final "unauthorized" code and the gateway\'s message', async () => {
    const info = await refusedStream(answer(401, { error: { code: 'unauthorized', message: 'token expired' } }));
    expect(info.code).to.equal(4003);
    expect(info.reason).to.equal('event stream refused: HTTP 401 unauthorized: token expired');
    expect(info.wasClean).to.equal(true);
  });

  it('403 closes with the final policy-violation code', async () => {
    const info = await refusedStream(answer(403, { error: { code: 'forbidden', message: 'Origin not allowed' } }));
    expect(info.code).to.equal(1008);
    expect(info.reason).to.contain('HTTP 403 forbidden: Origin not allowed');
  });

  it('other refusals (503, a failed probe) stay retryable, with the status in the reason', async () => {
    expect(await refusedStream(answer(503))).to.deep.equal({ code: 1006, reason: 'event stream refused: HTTP 503', wasClean: false });
    const offline = await refusedStream(async () => { throw new TypeError('Failed to fetch'); });
    expect(offline.code).to.equal(1006);
    expect(offline.reason).to.contain('Failed to fetch');
  });

  it('a close() by the manager while the probe runs reports nothing', async () => {
    let release: () => void = () => {};
    const slow: typeof fetch = () => new Promise((resolve) => { release = () => resolve(new Response(null, { status: 401 })); });
    const transport = new SseTransport(RefusedEventSource as unknown as typeof EventSource, {}, slow);
    const closes: TransportClose[] = [];
    transport.onClose = (info) => closes.push(info);
    transport.connect('wss://gateway.test/ws', { channels: ['a'], positions: {} });
    await waitUntil(() => RefusedEventSource.made > 0 && closes.length === 0, 'stream should fail');
    await new Promise((resolve) => setTimeout(resolve, 5));
    transport.close();
    release();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(closes).to.deep.equal([]);
  });

  it('the manager stops for good on a 401 instead of reconnecting', async () => {
    const clock = new FakeClock();
    const before = RefusedEventSource.made;
    manager = new ConnectionManager('ws://gateway.test/ws', {
      clock, network: new FakeNetwork(), transport: 'sse',
      transports: { sse: () => new SseTransport(RefusedEventSource as unknown as typeof EventSource, {}, answer(401, { error: { code: 'unauthorized', message: 'no token' } })) },
    });
    const states: string[] = [];
    manager.onStateChange((change) => states.push(change.to));
    manager.subscribe('prices.AAPL', () => {});
    await waitUntil(() => manager!.state.name === 'closed', 'manager should close', { timeout: 2_000 });
    const state = manager.state as { name: 'closed'; final?: boolean; cause?: { code?: number; reason?: string } };
    expect(state.final).to.equal(true);
    expect(state.cause?.code).to.equal(4003);
    expect(state.cause?.reason).to.contain('HTTP 401');
    clock.advance(60_000);
    await flushMicrotasks();
    expect(RefusedEventSource.made - before).to.equal(1); // no retry
    expect(states).to.not.include('reconnecting');
  });
});
