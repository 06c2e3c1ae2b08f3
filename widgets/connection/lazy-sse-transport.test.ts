import { expect } from '@open-wc/testing';
import { LazySseTransport, type SseTransportLoader } from './lazy-sse-transport.ts';
import type { StreamRequest, Transport, TransportClose } from './transport.ts';
import { describe, it } from '../test-support/mocha.ts';

/** What the loader hands over: a transport the test drives, recording how it was used. */
class ScriptedSse implements Transport {
  static made: ScriptedSse[] = [];
  readonly kind = 'sse';
  readonly oneWay = true;
  onOpen: (() => void) | undefined;
  onMessage: ((text: string) => void) | undefined;
  onClose: ((info: TransportClose) => void) | undefined;
  connected: { url: string; request?: StreamRequest } | undefined;
  closed = 0;
  constructor() { ScriptedSse.made.push(this); }
  connect(url: string, request?: StreamRequest): void { this.connected = { url, request }; }
  send(): boolean { return false; }
  close(): void { this.closed++; }
}

/** A loader that resolves when the test says so, counting its calls. */
function scriptedLoader() {
  let release: (() => void) | undefined;
  let refuse: ((error: Error) => void) | undefined;
  const loader = {
    calls: 0,
    load: (() => {
      loader.calls++;
      return new Promise((resolve, reject) => {
        release = () => resolve({ SseTransport: ScriptedSse });
        refuse = reject;
      });
    }) as SseTransportLoader,
    arrive: async () => { release?.(); await settle(); },
    fail: async (message: string) => { refuse?.(new Error(message)); await settle(); },
  };
  return loader;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function watch(transport: Transport) {
  const log: string[] = [];
  const closes: TransportClose[] = [];
  transport.onOpen = () => log.push('open');
  transport.onMessage = (text) => log.push(text);
  transport.onClose = (info) => closes.push(info);
  return { log, closes };
}

const REQUEST = { channels: ['prices.AAPL'], positions: { 'prices.AAPL': '0-41' } };

describe('LazySseTransport', () => {
  it('is a one-way SSE transport at once, and fetches the code only when it connects', async () => {
    ScriptedSse.made = [];
    const loader = scriptedLoader();
    const transport = new LazySseTransport(loader.load);
    expect(transport.kind).to.equal('sse');
    expect(transport.oneWay).to.equal(true);
    expect(transport.send()).to.equal(false);
    expect(loader.calls).to.equal(0);
    const { log, closes } = watch(transport);
    transport.connect('wss://gateway.test/ws', REQUEST);
    expect(loader.calls).to.equal(1);
    await loader.arrive();
    const [inner] = ScriptedSse.made;
    expect(inner.connected).to.deep.equal({ url: 'wss://gateway.test/ws', request: REQUEST });
    inner.onOpen?.();
    inner.onMessage?.('{"type":"pong"}');
    inner.onClose?.({ code: 1006, reason: 'event stream error', wasClean: false });
    expect(log).to.deep.equal(['open', '{"type":"pong"}']);
    expect(closes).to.deep.equal([{ code: 1006, reason: 'event stream error', wasClean: false }]);
    transport.close();
    expect(inner.closed).to.equal(1);
  });

  it('throws from connect(), before any fetch, for a URL no stream can be built from', () => {
    const loader = scriptedLoader();
    const transport = new LazySseTransport(loader.load);
    expect(() => transport.connect('not a url', REQUEST)).to.throw(TypeError);
    expect(loader.calls).to.equal(0);
  });

  it('refuses a second connect, as every transport does', () => {
    const transport = new LazySseTransport(scriptedLoader().load);
    transport.connect('wss://gateway.test/ws', REQUEST);
    expect(() => transport.connect('wss://gateway.test/ws', REQUEST)).to.throw(/twice/);
  });

  it('closed before the code arrives: opens nothing and reports nothing', async () => {
    ScriptedSse.made = [];
    const loader = scriptedLoader();
    const transport = new LazySseTransport(loader.load);
    const { log, closes } = watch(transport);
    transport.connect('wss://gateway.test/ws', REQUEST);
    transport.close();
    await loader.arrive();
    expect(ScriptedSse.made).to.have.length(0);
    expect(log).to.deep.equal([]);
    expect(closes).to.deep.equal([]);
  });

  it('a failed fetch ends the attempt once, like a dropped stream; the next transport fetches again', async () => {
    const loader = scriptedLoader();
    const first = new LazySseTransport(loader.load);
    const { closes } = watch(first);
    first.connect('wss://gateway.test/ws', REQUEST);
    await loader.fail('Failed to fetch dynamically imported module');
    expect(closes).to.deep.equal([{ code: 1006, reason: 'event stream unavailable (Failed to fetch dynamically imported module)', wasClean: false }]);
    first.close();
    expect(closes).to.have.length(1);
    const second = new LazySseTransport(loader.load);
    second.connect('wss://gateway.test/ws', REQUEST);
    expect(loader.calls).to.equal(2);
  });

  it('loads the real SseTransport by default', async () => {
    const opened: string[] = [];
    const original = globalThis.EventSource;
    globalThis.EventSource = class {
      onopen = null; onmessage = null; onerror = null;
      constructor(url: string) { opened.push(url); }
      close() {}
    } as unknown as typeof EventSource;
    const transport = new LazySseTransport();
    try {
      transport.connect('wss://gateway.test/ws', REQUEST);
      for (let i = 0; i < 50 && opened.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      transport.close();
      globalThis.EventSource = original;
    }
    expect(opened).to.have.length(1);
    expect(new URL(opened[0]).pathname).to.equal('/api/stream');
  });
});
