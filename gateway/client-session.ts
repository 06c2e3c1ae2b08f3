/**
 * One WebSocket client: validates its frames, turns them into hub subscriptions, and guards
 * the gateway against it (subscription cap, frame rate, bad frames, send-queue budget).
 */
import type { WebSocket } from 'ws';
import {
  CloseCode, encodeServerFrame, parseClientFrame,
  type ClientFrame, type EventId, type Problem, type ServerFrame,
} from '../protocol/index.ts';
import type { Subscriber } from './channel-feed.ts';
import type { Hub } from './hub.ts';
import type { GatewaySettings } from './options.ts';
import { TokenBucket } from './rate-limiter.ts';

export class ClientSession implements Subscriber {
  readonly channels = new Set<string>();
  /** Cleared on each heartbeat, set by the pong; still clear at the next beat means a dead link. */
  alive = true;
  private badFrames = 0;
  private readonly rate: TokenBucket;
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly hub: Hub,
    private readonly settings: GatewaySettings,
  ) {
    this.rate = new TokenBucket(settings.clientMessagesPerSecond, settings.clientMessageBurst);
    socket.on('message', (data, isBinary) => this.onMessage(isBinary ? null : data.toString()));
    socket.on('pong', () => { this.alive = true; });
    socket.on('close', () => this.dispose());
    socket.on('error', () => this.dispose());
  }

  sendText(text: string): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    // Bounded memory per client: a consumer this far behind is closed and resumes later
    // from its last id, so it loses nothing but the backlog we refuse to hold.
    if (this.socket.bufferedAmount > this.settings.maxBufferedBytes) {
      this.close(CloseCode.slowConsumer, 'slow consumer: send queue over budget');
      return;
    }
    this.socket.send(text);
  }

  send(frame: ServerFrame): void {
    this.sendText(encodeServerFrame(frame));
  }

  heartbeat(intervalMs: number): void {
    if (!this.alive) {
      this.socket.terminate();
      return;
    }
    this.alive = false;
    this.socket.ping();
    this.send({ type: 'heartbeat', ts: Date.now(), interval: intervalMs });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.socket.close(code, reason);
    this.dispose();
  }

  private onMessage(text: string | null): void {
    if (this.closed) return;
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
        this.send(frame.ts === undefined ? { type: 'pong' } : { type: 'pong', ts: frame.ts });
        return;
      case 'subscribe':
        for (const channel of frame.channels) this.subscribe(channel, undefined, frame.ref);
        return;
      case 'resume':
        for (const [channel, id] of Object.entries(frame.positions)) this.subscribe(channel, id, frame.ref);
        return;
      case 'unsubscribe':
        for (const channel of frame.channels) {
          if (this.channels.delete(channel)) this.hub.unsubscribe(this, channel);
        }
        return;
    }
  }

  private subscribe(channel: string, afterId: EventId | undefined, ref: number | undefined): void {
    if (this.channels.has(channel)) return;
    if (this.channels.size >= this.settings.maxSubscriptionsPerConnection) {
      this.send({
        type: 'error', code: 'too_many_subscriptions', channel, ...(ref === undefined ? {} : { ref }),
        message: `a connection may hold at most ${this.settings.maxSubscriptionsPerConnection} subscriptions`,
      });
      return;
    }
    this.channels.add(channel);
    this.hub.subscribe(this, channel, afterId).then(
      ({ recovered }) => {
        if (this.channels.has(channel)) this.send({ type: 'subscribed', channel, recovered, ...(ref === undefined ? {} : { ref }) });
      },
      (error: Error) => {
        this.channels.delete(channel);
        this.send({ type: 'error', code: 'unavailable', channel, message: `cannot subscribe to ${channel} now: ${error.message}`, ...(ref === undefined ? {} : { ref }) });
      },
    );
  }

  private reject(problem: Problem, ref?: number): void {
    this.send({ type: 'error', code: problem.code, message: problem.message, field: problem.field, rule: problem.rule, ...(ref === undefined ? {} : { ref }) });
    if (++this.badFrames > this.settings.maxBadFrames) this.close(CloseCode.abuse, 'too many bad frames');
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const channel of this.channels) this.hub.unsubscribe(this, channel);
    this.channels.clear();
  }
}

/** Best-effort `ref` from a frame that failed validation, so the error can still be matched. */
function refOf(text: string): number | undefined {
  const match = /"ref"\s*:\s*(\d{1,9})/.exec(text.slice(0, 4096));
  return match ? Number(match[1]) : undefined;
}
