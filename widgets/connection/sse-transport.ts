/**
 * Transport over the browser's EventSource, for networks whose proxies refuse WebSocket
 * upgrades. SSE is one-way: the channels and resume positions go in the URL, and the manager
 * reopens the stream when they change. The browser's own reconnect is switched off by closing
 * the EventSource at the first error: the manager's backoff, breaker and resume decide instead.
 *
 * EventSource reports no HTTP status. A stream refused before it opened (the browser then gives
 * up: readyState CLOSED) is asked once more with fetch() for its status: 401 and 403 end the
 * connection for good (credentials or origin refused; retrying cannot help), anything else is
 * retried like a dropped stream, with the status in the reason.
 */
import { CloseCode } from '../../protocol/index.ts';
import { toStreamUrl } from './stream-url.ts';
import type { StreamRequest, Transport, TransportClose } from './transport.ts';

export class SseTransport implements Transport {
  readonly kind = 'sse';
  readonly oneWay = true;
  onOpen: (() => void) | undefined;
  onMessage: ((text: string) => void) | undefined;
  onClose: ((info: TransportClose) => void) | undefined;
  #source: EventSource | undefined;
  #opened = false;
  #closed = false;

  /** The EventSource constructor and fetch are injectable for tests and polyfills. */
  constructor(
    private readonly EventSourceImpl: typeof EventSource = globalThis.EventSource,
    private readonly init: EventSourceInit = {},
    private readonly fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args),
  ) {}

  /** `url` is the gateway's WebSocket URL; the stream lives beside it at /api/stream. */
  connect(url: string, request: StreamRequest = { channels: [], positions: {} }): void {
    if (this.#source) throw new Error('SseTransport.connect called twice; make a new transport per attempt');
    const streamUrl = toStreamUrl(url, request.channels, request.positions);
    const source = new this.EventSourceImpl(streamUrl, this.init);
    source.onopen = () => {
      this.#opened = true;
      this.onOpen?.();
    };
    source.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      // One frame per `data:` line; EventSource joins the lines of one event with '\n'.
      for (const line of event.data.split('\n')) if (line !== '') this.onMessage?.(line);
    };
    // An error has no status or reason to report: a dropped stream and the gateway's shutdown
    // comment look the same from here. Only a refusal before opening is worth asking about.
    source.onerror = () => {
      const refused = !this.#opened && source.readyState === 2; // EventSource.CLOSED
      this.#end();
      if (!refused) {
        this.onClose?.({ code: 1006, reason: 'event stream error', wasClean: false });
        return;
      }
      void this.#refusal(streamUrl).then((info) => { if (!this.#closed) this.onClose?.(info); });
    };
    this.#source = source;
  }

  /** SSE cannot carry client frames. */
  send(): boolean {
    return false;
  }

  close(): void {
    this.#closed = true;
    this.#end();
  }

  /** Why the gateway refused the stream, from a second request's status and error body. */
  async #refusal(streamUrl: string): Promise<{ code: number; reason: string; wasClean: boolean }> {
    const abort = new AbortController();
    try {
      const response = await this.fetchImpl(streamUrl, {
        signal: abort.signal,
        credentials: this.init.withCredentials ? 'include' : 'same-origin',
        headers: { accept: 'text/event-stream' },
      });
      const { status } = response;
      if (status !== 401 && status !== 403) {
        return { code: 1006, reason: `event stream refused: HTTP ${status}`, wasClean: false };
      }
      const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
      const detail = body?.error ? `${body.error.code ?? ''}: ${body.error.message ?? ''}` : response.statusText;
      return {
        code: status === 401 ? CloseCode.unauthorized : CloseCode.policyViolation,
        reason: `event stream refused: HTTP ${status} ${detail}`.trim(),
        wasClean: true,
      };
    } catch (error) {
      return { code: 1006, reason: `event stream error (${(error as Error).message})`, wasClean: false };
    } finally {
      abort.abort(); // a stream that opens this time is not read: the manager's next attempt will
    }
  }

  #end(): void {
    const source = this.#source;
    if (!source) return;
    source.onopen = source.onmessage = source.onerror = null;
    source.close();
  }
}

export const createSseTransport = (): Transport => new SseTransport();
