/**
 * A WebSocket client: turns its frames into session calls and guards the gateway against it
 * (frame validation, frame rate, bad-frame budget). Liveness: each heartbeat pings, and a
 * socket that has not answered the previous ping by the next beat is terminated.
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { CloseCode, parseClientFrame, type ClientFrame, type Problem } from '../protocol/index.ts';
import type { Hub } from './hub.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { GatewaySettings } from './options.ts';
import { TokenBucket } from './rate-limiter.ts';
import type { SendBatcher } from './send-batcher.ts';
import type { LiveConnection } from './connection-registry.ts';
import type { Frame } from './frame.ts';
import { OPEN_ACCESS, Session, type Access, type SessionSink } from './session.ts';
import { SocketOutbox } from './socket-outbox.ts';

/**
 * The session's transport and the registry's live connection in one object: its methods sit on
 * the prototype, so a connection costs no closures for them (memory per idle connection is a
 * target of the gateway bench, docs/PERFORMANCE.md).
 */
export class WebSocketSession implements SessionSink, LiveConnection {
  readonly transport = 'websocket';
  readonly session: Session;
  readonly closed: Promise<void>;
  private alive = true;
  private badFrames = 0;
  private readonly rate: TokenBucket;
  private readonly outbox: SocketOutbox;

  constructor(
    private readonly socket: WebSocket,
    hub: Hub,
    private readonly settings: GatewaySettings,
    private readonly metrics: GatewayMetrics,
    batcher: SendBatcher,
    access: Access = OPEN_ACCESS,
    joinFrames = false,
  ) {
    this.outbox = new SocketOutbox(socket, batcher, joinFrames, settings.maxBatchFrameBytes);
    this.rate = new TokenBucket(settings.clientMessagesPerSecond, settings.clientMessageBurst);
    this.session = new Session(this, hub, settings, metrics, access);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('message', (data, isBinary) => this.onMessage(isBinary ? null : data.toString()));
    socket.on('pong', () => { this.alive = true; });
    socket.on('close', () => this.session.dispose());
    socket.on('error', () => this.session.dispose());
  }

  // ── SessionSink ─────────────────────────────────────────────────────────────────────────────

  write(frame: Frame): void {
    // The frame's UTF-8 bytes are made once per event and shared by every subscriber.
    this.outbox.push(frame.bytes());
  }

  bufferedBytes(): number {
    return this.socket.bufferedAmount + this.outbox.queuedBytes;
  }

  onceDrained(listener: () => void): void {
    const raw = (this.socket as unknown as { _socket?: Socket })._socket;
    if (raw) raw.once('drain', listener);
    else setTimeout(listener, 50);
  }

  close(code: number, reason: string): void {
    // What was queued this turn (an error frame before an abuse close) goes out first.
    this.outbox.flush();
    this.socket.close(code, reason);
  }

  // ── LiveConnection ──────────────────────────────────────────────────────────────────────────

  terminate(): void {
    this.socket.terminate();
  }

  heartbeat(intervalMs: number): void {
    if (!this.alive) {
      this.socket.terminate();
      return;
    }
    this.alive = false;
    this.socket.ping();
    this.session.send({ type: 'heartbeat', ts: Date.now(), interval: intervalMs });
  }

  private onMessage(text: string | null): void {
    if (this.session.isClosed) return;
    if (!this.rate.take()) {
      this.reject({ code: 'rate_limited', field: '(frame)', rule: `max-rate:${this.settings.clientMessagesPerSecond}/s`, message: 'too many frames; slow down' });
      return;
    }
    if (text === null) {
      this.reject({ code: 'bad_frame', field: '(frame)', rule: 'type:text', message: 'binary frames are not accepted; send JSON text' });
      return;
    }
    const parsed = parseClientFrame(text, this.settings);
    if (!parsed.ok) {
      this.reject(parsed.problem, refOf(text));
      return;
    }
    this.handle(parsed.value);
  }

  private handle(frame: ClientFrame): void {
    switch (frame.type) {
      case 'ping':
        this.session.send(frame.ts === undefined ? { type: 'pong' } : { type: 'pong', ts: frame.ts });
        return;
      case 'subscribe':
        for (const channel of frame.channels) this.session.subscribe(channel, undefined, frame.ref);
        return;
      case 'resume':
        for (const [channel, id] of Object.entries(frame.positions)) this.session.subscribe(channel, id, frame.ref);
        return;
      case 'unsubscribe':
        for (const channel of frame.channels) this.session.unsubscribe(channel);
        return;
    }
  }

  private reject(problem: Problem, ref?: number): void {
    this.metrics.badFrames.inc({ code: problem.code });
    this.session.send({ type: 'error', code: problem.code, message: problem.message, field: problem.field, rule: problem.rule, ...(ref === undefined ? {} : { ref }) });
    if (++this.badFrames > this.settings.maxBadFrames) this.session.close(CloseCode.abuse, 'too many bad frames');
  }
}

/** Best-effort `ref` from a frame that failed validation, so the error can still be matched. */
function refOf(text: string): number | undefined {
  const match = /"ref"\s*:\s*(\d{1,9})/.exec(text.slice(0, 4096));
  return match ? Number(match[1]) : undefined;
}
