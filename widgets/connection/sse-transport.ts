/**
 * Transport over the browser's EventSource, for networks whose proxies refuse WebSocket
 * upgrades. SSE is one-way: the channels and resume positions go in the URL, and the manager
 * reopens the stream when they change. The browser's own reconnect is switched off by closing
 * the EventSource at the first error: the manager's backoff, breaker and resume decide instead.
 */
import { toStreamUrl } from './gateway-url.ts';
import type { StreamRequest, Transport, TransportClose } from './transport.ts';

export class SseTransport implements Transport {
  readonly kind = 'sse';
  readonly oneWay = true;
  onOpen: (() => void) | undefined;
  onMessage: ((text: string) => void) | undefined;
  onClose: ((info: TransportClose) => void) | undefined;
  #source: EventSource | undefined;

  /** The EventSource constructor is injectable for tests and polyfills. */
  constructor(
    private readonly EventSourceImpl: typeof EventSource = globalThis.EventSource,
    private readonly init: EventSourceInit = {},
  ) {}

  /** `url` is the gateway's WebSocket URL; the stream lives beside it at /api/stream. */
  connect(url: string, request: StreamRequest = { channels: [], positions: {} }): void {
    if (this.#source) throw new Error('SseTransport.connect called twice; make a new transport per attempt');
    const source = new this.EventSourceImpl(toStreamUrl(url, request.channels, request.positions), this.init);
    source.onopen = () => this.onOpen?.();
    source.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      // One frame per `data:` line; EventSource joins the lines of one event with '\n'.
      for (const line of event.data.split('\n')) if (line !== '') this.onMessage?.(line);
    };
    // An error has no status or reason to report: an HTTP refusal, a dropped stream and the
    // gateway's shutdown comment all look the same from here.
    source.onerror = () => {
      this.#end();
      this.onClose?.({ code: 1006, reason: 'event stream error', wasClean: false });
    };
    this.#source = source;
  }

  /** SSE cannot carry client frames. */
  send(): boolean {
    return false;
  }

  close(): void {
    this.#end();
  }

  #end(): void {
    const source = this.#source;
    if (!source) return;
    source.onopen = source.onmessage = source.onerror = null;
    source.close();
  }
}

export const createSseTransport = (): Transport => new SseTransport();
