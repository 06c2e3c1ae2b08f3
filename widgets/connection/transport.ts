/**
 * The seam between the connection manager and the wire. The manager's logic (subscriptions,
 * resume, watchdog, backoff) never touches a socket, so it can be tested with a fake and an
 * SSE transport can be added beside the WebSocket one.
 *
 * One Transport object serves one connection attempt: the manager makes a fresh one per try
 * through a TransportFactory and ignores callbacks from any transport that is no longer current.
 */
export interface TransportClose {
  code: number;
  reason: string;
  /** False when the link broke without a closing handshake (network loss, refused, 1006). */
  wasClean: boolean;
}

export interface Transport {
  /** Short name shown in the `open` state: 'websocket', later 'sse'. */
  readonly kind: string;
  onOpen: (() => void) | undefined;
  onMessage: ((text: string) => void) | undefined;
  /** Called once when the link ends on its own; never after the manager called close(). */
  onClose: ((info: TransportClose) => void) | undefined;
  /** Starts connecting; throws synchronously only when `url` cannot be used at all. */
  connect(url: string): void;
  /** Queues a text frame; false when the link is not open (the frame is dropped). */
  send(text: string): boolean;
  /** Ends the link without calling onClose. Safe to call in any state, more than once. */
  close(code?: number, reason?: string): void;
}

export type TransportFactory = () => Transport;
