/**
 * Transport over the browser's WebSocket. Binary frames are decoded as UTF-8 so a gateway that
 * sends text as binary still reaches the frame parser (which reports anything malformed).
 * It asks for joined frames (`frames=lines`): what the gateway sends in one turn comes as one
 * message, one frame per line, which saves a message event per frame under load.
 */
import { JOINED_FRAME_SEPARATOR, JOINED_FRAMES_PARAM, JOINED_FRAMES_VALUE } from '../../protocol/index.ts';
import type { Transport, TransportClose } from './transport.ts';

const decoder = new TextDecoder();

export class WebSocketTransport implements Transport {
  readonly kind = 'websocket';
  onOpen: (() => void) | undefined;
  onMessage: ((text: string) => void) | undefined;
  onClose: ((info: TransportClose) => void) | undefined;
  #socket: WebSocket | undefined;

  /** The WebSocket constructor is injectable for tests and non-standard environments. */
  constructor(private readonly WebSocketImpl: typeof WebSocket = globalThis.WebSocket) {}

  connect(url: string): void {
    if (this.#socket) throw new Error('WebSocketTransport.connect called twice; make a new transport per attempt');
    const socket = new this.WebSocketImpl(withJoinedFrames(url));
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => this.onOpen?.();
    socket.onmessage = (event: MessageEvent) => {
      const data: unknown = event.data;
      const text = typeof data === 'string' ? data : data instanceof ArrayBuffer ? decoder.decode(data) : undefined;
      if (text === undefined) return;
      for (const frame of text.split(JOINED_FRAME_SEPARATOR)) this.onMessage?.(frame);
    };
    // 'error' is always followed by 'close', which carries the useful facts.
    socket.onclose = (event: CloseEvent) => {
      this.#detach();
      this.onClose?.({ code: event.code, reason: event.reason, wasClean: event.wasClean });
    };
    this.#socket = socket;
  }

  send(text: string): boolean {
    if (this.#socket?.readyState !== WebSocket.OPEN) return false;
    this.#socket.send(text);
    return true;
  }

  /** Bytes queued by send() and not yet handed to the network. */
  get bufferedAmount(): number {
    return this.#socket?.bufferedAmount ?? 0;
  }

  close(code = 1000, reason = ''): void {
    const socket = this.#socket;
    if (!socket) return;
    this.#detach();
    if (socket.readyState === WebSocket.CLOSING || socket.readyState === WebSocket.CLOSED) return;
    try {
      socket.close(code, reason);
    } catch {
      // An invalid code (outside 1000 and 3000-4999) throws; the link must still end.
      socket.close();
    }
  }

  #detach(): void {
    const socket = this.#socket;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = null;
  }
}

function withJoinedFrames(url: string): string {
  const joined = new URL(url);
  joined.searchParams.set(JOINED_FRAMES_PARAM, JOINED_FRAMES_VALUE);
  return joined.href;
}

export const createWebSocketTransport = (): Transport => new WebSocketTransport();
