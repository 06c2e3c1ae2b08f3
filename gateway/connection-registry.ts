/**
 * Every live client connection of this gateway, WebSocket and SSE alike: the connection cap,
 * the one heartbeat timer, and the shutdown that asks every client to go elsewhere.
 */
import { CloseCode } from '../protocol/index.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { GatewaySettings } from './options.ts';
import type { Session } from './session.ts';

export interface LiveConnection {
  readonly session: Session;
  heartbeat(intervalMs: number): void;
  /** Resolves once the transport is fully closed. */
  readonly closed: Promise<void>;
  /** Cuts the transport without waiting for queued frames. */
  terminate(): void;
}

export class ConnectionRegistry {
  private readonly live = new Set<LiveConnection>();
  private readonly beat: ReturnType<typeof setInterval>;
  private accepting = true;

  constructor(private readonly settings: GatewaySettings, private readonly metrics: GatewayMetrics) {
    this.beat = setInterval(() => {
      for (const connection of this.live) connection.heartbeat(settings.heartbeatIntervalMs);
    }, settings.heartbeatIntervalMs);
    this.beat.unref();
  }

  get size(): number {
    return this.live.size;
  }

  /** The sessions now open (for operations and tests). */
  sessions(): Session[] {
    return [...this.live].map((connection) => connection.session);
  }

  /** Why a new connection must be refused now, if it must. */
  refusal(): { status: number; message: string } | undefined {
    if (!this.accepting) return { status: 503, message: 'Gateway is shutting down' };
    if (this.live.size >= this.settings.maxConnections) return { status: 503, message: 'Too many connections' };
    return undefined;
  }

  add(connection: LiveConnection): void {
    this.live.add(connection);
    const transport = connection.session.sink.transport;
    this.metrics.connections.inc({ transport });
    void connection.closed.then(() => {
      if (this.live.delete(connection)) this.metrics.connections.dec({ transport });
    });
  }

  /**
   * Stops accepting and closes every client with 1012 so it resumes on another gateway; waits
   * up to `drainTimeoutMs` for queued frames to flush, then cuts what is left.
   */
  async shutdown(): Promise<void> {
    this.accepting = false;
    clearInterval(this.beat);
    const connections = [...this.live];
    for (const connection of connections) connection.session.close(CloseCode.serviceRestart, 'gateway restarting');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => { timer = setTimeout(resolve, this.settings.drainTimeoutMs); });
    await Promise.race([Promise.all(connections.map((connection) => connection.closed)), deadline]);
    clearTimeout(timer);
    for (const connection of connections) connection.terminate();
  }
}
