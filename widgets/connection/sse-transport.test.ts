import { expect } from '@open-wc/testing';
import { toStreamUrl } from './stream-url.ts';
import { SseTransport } from './sse-transport.ts';
import type { TransportClose } from './transport.ts';
import { describe, it } from '../test-support/mocha.ts';

/** Just enough of EventSource to drive the transport from a test. */
class ScriptedEventSource {
  static last: ScriptedEventSource | undefined;
  closed = 0;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;

  constructor(readonly url: string, readonly init?: EventSourceInit) {
    ScriptedEventSource.last = this;
  }

  close(): void { this.closed++; }
}

function make(request = { channels: ['prices.AAPL', 'metrics.web-1'], positions: { 'prices.AAPL': '0-41' } }) {
  const transport = new SseTransport(ScriptedEventSource as unknown as typeof EventSource);
  const log: string[] = [];
  const closes: TransportClose[] = [];
  transport.onOpen = () => log.push('open');
  transport.onMessage = (text) => log.push(text);
  transport.onClose = (info) => closes.push(info);
  transport.connect('wss://gateway.test/ws', request);
  return { transport, source: ScriptedEventSource.last!, log, closes };
}

describe('SseTransport', () => {
  it('opens /api/stream on the http(s) origin with the channels and resume positions', () => {
    const { transport, source } = make();
    const url = new URL(source.url);
    expect(url.origin + url.pathname).to.equal('https://gateway.test/api/stream');
    expect(url.searchParams.get('channels')).to.equal('prices.AAPL,metrics.web-1');
    expect(url.searchParams.get('lastEventId')).to.equal('prices.AAPL@0-41');
    expect(transport.kind).to.equal('sse');
    expect(transport.oneWay).to.equal(true);
  });

  it('passes every data line as one frame and cannot send', () => {
    const { transport, source, log } = make();
    source.onopen?.();
    source.onmessage?.({ data: '{"type":"heartbeat","ts":1,"interval":25000}' });
    source.onmessage?.({ data: '{"type":"pong"}\n{"type":"pong","ts":2}' });
    expect(log).to.deep.equal(['open', '{"type":"heartbeat","ts":1,"interval":25000}', '{"type":"pong"}', '{"type":"pong","ts":2}']);
    expect(transport.send()).to.equal(false);
  });

  it('an error closes the EventSource (no browser auto-reconnect) and reports one close', () => {
    const { source, closes } = make();
    source.onopen?.();
    source.onerror?.();
    expect(source.closed).to.equal(1);
    expect(source.onmessage).to.equal(null);
    expect(closes).to.deep.equal([{ code: 1006, reason: 'event stream error', wasClean: false }]);
  });

  it('close() ends the stream silently and is safe to repeat; connect twice throws', () => {
    const { transport, source, closes } = make();
    transport.close();
    transport.close();
    expect(source.closed).to.be.greaterThan(0);
    expect(source.onerror).to.equal(null);
    expect(closes).to.have.length(0);
    expect(() => transport.connect('wss://gateway.test/ws', { channels: ['a'], positions: {} })).to.throw(Error);
  });

  it('parses frames from a real EventSource stream', async () => {
    const body = 'retry: 1000\n\ndata: {"type":"heartbeat","ts":1,"interval":25000}\n\n'
      + 'data: {"type":"event","channel":"prices.AAPL","id":"0-1","ts":1,"data":{"price":1}}\nid: prices.AAPL@0-1\n\n';
    const blobUrl = URL.createObjectURL(new Blob([body], { type: 'text/event-stream' }));
    // A blob: URL stands in for the gateway: swap the computed stream URL for it.
    class BlobEventSource extends EventSource {
      constructor(_url: string | URL, init?: EventSourceInit) { super(blobUrl, init); }
    }
    const transport = new SseTransport(BlobEventSource);
    const frames: string[] = [];
    const done = new Promise<void>((resolve) => {
      transport.onMessage = (text) => { frames.push(text); if (frames.length === 2) resolve(); };
      transport.onClose = () => resolve();
    });
    transport.connect('ws://gateway.test/ws', { channels: ['prices.AAPL'], positions: {} });
    await done;
    transport.close();
    URL.revokeObjectURL(blobUrl);
    expect(frames.map((text) => JSON.parse(text).type)).to.deep.equal(['heartbeat', 'event']);
  });
});

describe('toStreamUrl', () => {
  it('maps the WebSocket URL to the SSE endpoint, keeping a path prefix and a token', () => {
    expect(toStreamUrl('ws://a.example/ws', ['x'])).to.equal('http://a.example/api/stream?channels=x');
    expect(toStreamUrl('wss://a.example/rt/ws?token=1', ['x', 'y'], { x: '0-1', y: '2-7' }))
      .to.equal('https://a.example/rt/api/stream?token=1&channels=x%2Cy&lastEventId=x%400-1%2Cy%402-7');
  });
});
