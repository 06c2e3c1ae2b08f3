/**
 * The browser's own ConnectionManager (widgets/connection/), run in Node over the `ws` library:
 * the storm and drill clients reconnect, back off, resume and watch heartbeats with exactly the
 * code a page runs. A recording transport sees every frame before the manager does, so the
 * checks count what the gateway delivered on the wire, duplicates included (the manager itself
 * drops an older id silently, which would hide one).
 */
import WebSocket from 'ws';
import { ConnectionManager, type ConnectionManagerOptions } from '../../widgets/connection/connection-manager.ts';
import type { Transport } from '../../widgets/connection/transport.ts';
import { WebSocketTransport } from '../../widgets/connection/websocket-transport.ts';
import { ReceiptLog } from './receipt-log.ts';

// WebSocketTransport reads WebSocket.OPEN from the global, as in a browser; Node 20 has none.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

/**
 * A browser reports a failed handshake (nginx's 502 while no gateway is up) as an `error` event
 * followed by `close`; `ws` throws an unheard `error` instead. Listening keeps it browser-like:
 * the transport acts on the `close` that follows.
 */
class BrowserLikeWebSocket extends WebSocket {
  constructor(url: string) {
    super(url);
    this.on('error', () => {});
  }
}

interface WireEvent { channel?: string; partial?: boolean; data?: { n?: number } }
interface WireFrame extends WireEvent { type?: string; events?: WireEvent[]; event?: WireEvent | null }

export class RecordedClient {
  readonly manager: ConnectionManager;
  readonly logs = new Map<string, ReceiptLog>();
  /** Date.now() of every transition to 'open'. */
  readonly opens: number[] = [];
  /** Date.now() of every transition away from 'open'. */
  readonly losses: number[] = [];

  constructor(url: string, readonly channels: string[], options: Omit<ConnectionManagerOptions, 'transport'> = {}) {
    for (const channel of channels) this.logs.set(channel, new ReceiptLog());
    this.manager = new ConnectionManager(url, { ...options, transport: () => this.#transport() });
    this.manager.onStateChange(({ from, to }) => {
      if (to === 'open') this.opens.push(Date.now());
      else if (from === 'open') this.losses.push(Date.now());
    });
  }

  /** Subscribes every channel (opens the connection). */
  start(): void {
    for (const channel of this.channels) this.manager.subscribe(channel, () => {});
  }

  get open(): boolean {
    return this.manager.state.name === 'open';
  }

  close(): void {
    this.manager.close();
  }

  #transport(): Transport {
    const inner = new WebSocketTransport(BrowserLikeWebSocket as unknown as typeof globalThis.WebSocket);
    const outer: Transport = {
      kind: inner.kind,
      onOpen: undefined,
      onMessage: undefined,
      onClose: undefined,
      connect: (url) => {
        inner.onOpen = () => outer.onOpen?.();
        inner.onMessage = (text) => {
          this.#record(text);
          outer.onMessage?.(text);
        };
        inner.onClose = (info) => outer.onClose?.(info);
        inner.connect(url);
      },
      send: (text) => inner.send(text),
      close: (code, reason) => inner.close(code, reason),
    };
    return outer;
  }

  #record(text: string): void {
    const at = Date.now();
    let frame: WireFrame;
    try {
      frame = JSON.parse(text);
    } catch {
      return; // the manager reports bad frames
    }
    if (frame.type === 'event') this.#note(frame, at);
    else if (frame.type === 'batch') for (const event of frame.events ?? []) this.#note(event, at);
    else if (frame.type === 'snapshot' && frame.event) this.#note({ ...frame.event, channel: frame.channel }, at);
  }

  #note(event: WireEvent, at: number): void {
    if (event.partial || typeof event.data?.n !== 'number') return;
    this.logs.get(event.channel ?? '')?.note(event.data.n, at);
  }
}
