/**
 * The seam between the connection manager and the wire. The manager's logic (subscriptions,
 * resume, watchdog, backoff) never touches a socket, so it can be tested with a fake and an
 * SSE transport can be added beside the WebSocket one.
 *
 * One Transport object serves one connection attempt: the manager makes a fresh one per try
 * through a TransportFactory and ignores callbacks from any transport that is no longer current.
 *
 * A one-way transport (SSE) cannot send: it names its channels and resume positions when it
 * connects, and the manager reopens it whenever the wanted channels change.
 */
import type { EventId } from '../../protocol/index.ts';

/** What a one-way transport streams: the channels, and where each one resumes. */
export interface StreamRequest {
  channels: readonly string[];
  /** Last applied full-event id per channel; channels without one start with a snapshot. */
  positions: Readonly<Record<string, EventId>>;
}

export interface TransportClose {
  code: number;
  reason: string;
  /** False when the link broke without a closing handshake (network loss, refused, 1006). */
  wasClean: boolean;
}

export interface Transport {
  /** Short name shown in the `open` state: 'websocket', 'sse'. */
  readonly kind: string;
  /** True when send() can never deliver: channels travel in connect()'s request instead. */
  readonly oneWay?: boolean;
  onOpen: (() => void) | undefined;
  onMessage: ((text: string) => void) | undefined;
  /** Called once when the link ends on its own; never after the manager called close(). */
  onClose: ((info: TransportClose) => void) | undefined;
  /**
   * Starts connecting; throws synchronously only when `url` cannot be used at all. `request`
   * is always given; two-way transports ignore it (they subscribe with frames once open).
   */
  connect(url: string, request?: StreamRequest): void;
  /** Queues a text frame; false when the link is not open (the frame is dropped). */
  send(text: string): boolean;
  /** Ends the link without calling onClose. Safe to call in any state, more than once. */
  close(code?: number, reason?: string): void;
}

export type TransportFactory = () => Transport;

/** The transport a manager uses: 'auto' is WebSocket, falling back to SSE when it never opens. */
export type TransportMode = 'websocket' | 'sse' | 'auto';
