/**
 * The SSE transport, fetched when a connection first uses it. Most pages never do (their
 * WebSocket opens), so the script-tag build keeps SseTransport out of the runtime chunk every
 * element loads and imports it on the first SSE attempt. A page behind a proxy that refuses
 * upgrades fetched rtdash.js over HTTP, so it can fetch this chunk too.
 *
 * Until the code arrives this stands in for it (same kind, one-way), then forwards the real
 * transport's callbacks. A gateway URL that is no URL at all still throws from connect(), as
 * SseTransport's does. A failed fetch of the code ends the attempt like a dropped stream: the
 * manager backs off, and its next attempt imports again (a failed dynamic import is fetched
 * anew; Chromium 156 does).
 */
import type { StreamRequest, Transport, TransportClose } from './transport.ts';

export type SseTransportLoader = () => Promise<{ SseTransport: new () => Transport }>;

const loadSseTransport: SseTransportLoader = () => import('./sse-transport.ts');

export class LazySseTransport implements Transport {
  readonly kind = 'sse';
  readonly oneWay = true;
  onOpen: (() => void) | undefined;
  onMessage: ((text: string) => void) | undefined;
  onClose: ((info: TransportClose) => void) | undefined;
  #inner: Transport | undefined;
  #connecting = false;
  #closed = false;

  /** The loader is injectable for tests. */
  constructor(private readonly load: SseTransportLoader = loadSseTransport) {}

  connect(url: string, request: StreamRequest = { channels: [], positions: {} }): void {
    if (this.#connecting) throw new Error('SseTransport.connect called twice; make a new transport per attempt');
    new URL(url); // throws now, not after the import, for a URL no stream can be built from
    this.#connecting = true;
    this.load().then(({ SseTransport }) => {
      if (this.#closed) return;
      const inner = new SseTransport();
      inner.onOpen = () => this.onOpen?.();
      inner.onMessage = (text) => this.onMessage?.(text);
      inner.onClose = (info) => this.onClose?.(info);
      this.#inner = inner;
      inner.connect(url, request);
    }).catch((error: Error) => {
      if (this.#closed) return;
      this.#inner?.close();
      this.#closed = true;
      this.onClose?.({ code: 1006, reason: `event stream unavailable (${error.message})`, wasClean: false });
    });
  }

  /** SSE cannot carry client frames. */
  send(): boolean {
    return false;
  }

  close(): void {
    this.#closed = true;
    this.#inner?.close();
  }
}

export const createLazySseTransport = (): Transport => new LazySseTransport();
