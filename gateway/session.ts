/**
 * What every client connection has, whatever its transport: its channels, the last full id
 * it was sent per channel (its position), its access rights, and its send budget.
 *
 * Slow consumers: past `maxBufferedBytes` queued, nothing more is written; the session only
 * notes the latest event per channel (conflation, bounded by its channel count). When the
 * queue has drained to half the budget, it sends those latest values as previews and catches
 * each channel up from the log after its position, so nothing it is owed is lost. Still over
 * budget after `slowConsumerGraceMs`, it is closed with 4001 and resumes on reconnect.
 */
import {
  CloseCode, encodeServerFrame, isNewer,
  type EventId, type ResetReason, type ServerFrame, type WireEvent,
} from '../protocol/index.ts';
import type { Subscriber } from './channel-feed.ts';
import { Frame } from './frame.ts';
import type { Hub } from './hub.ts';
import type { GatewayMetrics, Transport } from './metrics.ts';
import type { GatewaySettings } from './options.ts';

/** What a session may do; the auth module's Principal satisfies it. */
export interface Access {
  canSubscribe(channel: string): boolean;
  /** Epoch ms when the credentials expire; the session is closed then. */
  readonly expiresAt?: number;
  /** No credentials were given (auth is on): a refusal then means "sign in", not "not yours". */
  readonly anonymous?: boolean;
}

export const OPEN_ACCESS: Access = { canSubscribe: () => true };

/** The transport under a session. */
export interface SessionSink {
  readonly transport: Transport;
  /** `advances`: the frame moved this session's positions (SSE writes them as the event id). */
  write(frame: Frame, advances: boolean): void;
  bufferedBytes(): number;
  /** Calls `listener` once when the queued bytes have been handed to the kernel. */
  onceDrained(listener: () => void): void;
  close(code: number, reason: string): void;
}

const CONGESTION_POLL_MS = 50;

export class Session implements Subscriber {
  readonly channels = new Set<string>();
  readonly positions = new Map<string, EventId>();
  private congestedSince: number | undefined;
  /** Latest event per channel held back while congested; made on the first congestion (most sessions never are). */
  private heldBack: Map<string, WireEvent> | undefined;
  private congestionTimer: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(
    readonly sink: SessionSink,
    private readonly hub: Hub,
    private readonly settings: GatewaySettings,
    private readonly metrics: GatewayMetrics,
    private readonly access: Access = OPEN_ACCESS,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Subscribes (or resumes after `afterId`), answering with `subscribed` or an error frame. */
  subscribe(channel: string, afterId?: EventId, ref?: number): void {
    if (this.closed || this.channels.has(channel)) return;
    const refField = ref === undefined ? {} : { ref };
    // The expiry timer may not have fired yet; a frame right after expiry must not slip through.
    if (this.access.expiresAt !== undefined && Date.now() >= this.access.expiresAt) {
      this.close(CloseCode.authExpired, 'credentials expired');
      return;
    }
    if (!this.access.canSubscribe(channel)) {
      const code = this.access.anonymous ? 'unauthorized' : 'forbidden';
      this.metrics.badFrames.inc({ code });
      const message = this.access.anonymous ? `${channel} is not public: connect with a token that grants it` : `your token does not grant ${channel}`;
      this.send({ type: 'error', code, channel, message, ...refField });
      return;
    }
    if (this.channels.size >= this.settings.maxSubscriptionsPerConnection) {
      this.send({
        type: 'error', code: 'too_many_subscriptions', channel, ...refField,
        message: `a connection may hold at most ${this.settings.maxSubscriptionsPerConnection} subscriptions`,
      });
      return;
    }
    this.channels.add(channel);
    this.metrics.subscriptions.inc();
    this.hub.subscribe(this, channel, afterId).then(
      ({ recovered }) => {
        if (this.channels.has(channel)) this.send({ type: 'subscribed', channel, recovered, ...refField });
      },
      (error: Error) => {
        if (this.channels.delete(channel)) this.metrics.subscriptions.dec();
        this.send({ type: 'error', code: 'unavailable', channel, message: `cannot subscribe to ${channel} now: ${error.message}`, ...refField });
      },
    );
  }

  unsubscribe(channel: string): void {
    if (!this.channels.delete(channel)) return;
    this.metrics.subscriptions.dec();
    this.positions.delete(channel);
    this.heldBack?.delete(channel);
    this.hub.unsubscribe(this, channel);
  }

  /** Control frames (errors, pongs, heartbeats): never held back, they are small and rare. */
  send(frame: ServerFrame): void {
    if (this.closed) return;
    this.write(encodeServerFrame(frame), false);
  }

  // ── Subscriber: what the hub delivers ──────────────────────────────────────────────────────

  deliverLive(event: WireEvent, frame: Frame): void {
    // The last guard of exactly-once: nothing at or below the position is sent as new.
    if (!isNewer(event.id, this.positions.get(event.channel))) return;
    if (this.holdBack(event)) return;
    if (!event.partial) this.positions.set(event.channel, event.id);
    this.write(frame, !event.partial);
  }

  /**
   * Writes catch-up events as batch frames of at most `maxBatchFrameBytes` each, so no client
   * meets a frame over its limit. Past the send budget the rest is held back: the position
   * stays at the last frame written and the catch-up resumes from there once the client drains.
   */
  deliverBatch(channel: string, events: WireEvent[]): void {
    const position = this.positions.get(channel);
    const owed = position === undefined ? events : events.filter((event) => isNewer(event.id, position));
    const newest = owed[owed.length - 1];
    if (!newest) return;
    for (const chunk of chunkEvents(owed, this.settings.maxBatchFrameBytes)) {
      if (this.holdBack(newest)) return;
      this.positions.set(channel, chunk.lastId);
      this.write(chunk.frame, true);
    }
  }

  /** True while events are held back; the hub stops a replay early rather than read what would be held. */
  get congested(): boolean {
    return this.congestedSince !== undefined;
  }

  deliverSnapshot(channel: string, event: WireEvent | null): void {
    if (event) this.positions.set(channel, event.id);
    this.write(encodeServerFrame({ type: 'snapshot', channel, event }), event !== null);
  }

  deliverReset(channel: string, reason: ResetReason): void {
    this.positions.delete(channel);
    this.heldBack?.delete(channel);
    this.write(encodeServerFrame({ type: 'reset', channel, reason }), true);
  }

  // ── congestion ──────────────────────────────────────────────────────────────────────────────

  /** True when `event` must not be written now; it is then remembered as its channel's latest. */
  private holdBack(event: WireEvent): boolean {
    if (this.closed) return true;
    if (this.congestedSince === undefined) {
      if (this.sink.bufferedBytes() <= this.settings.maxBufferedBytes) return false;
      this.congestedSince = Date.now();
      // Drain wakes the catch-up at once; the timer only measures the grace period.
      this.sink.onceDrained(() => this.checkCongestion());
      this.congestionTimer = setInterval(() => this.checkCongestion(), CONGESTION_POLL_MS);
      this.congestionTimer.unref?.();
    }
    (this.heldBack ??= new Map()).set(event.channel, event);
    this.metrics.conflated.inc();
    return true;
  }

  private checkCongestion(): void {
    if (this.closed) return this.stopCongestion();
    if (this.congestedSince === undefined) return;
    if (this.sink.bufferedBytes() <= this.settings.maxBufferedBytes / 2) return this.recover();
    if (Date.now() - this.congestedSince! > this.settings.slowConsumerGraceMs) {
      this.metrics.slowConsumerCloses.inc();
      this.close(CloseCode.slowConsumer, 'slow consumer: send queue over budget');
    }
  }

  /** Paints the latest held-back values at once, then catches each channel up from the log. */
  private recover(): void {
    this.stopCongestion();
    const latest = [...(this.heldBack?.values() ?? [])].map((event) => ({ ...event, partial: true as const }));
    this.heldBack = undefined;
    if (latest.length > 0) this.write(encodeServerFrame({ type: 'batch', events: latest }), false);
    for (const { channel } of latest) {
      if (this.channels.has(channel)) void this.hub.resync(this, channel, this.positions.get(channel));
    }
  }

  private stopCongestion(): void {
    clearInterval(this.congestionTimer);
    this.congestionTimer = undefined;
    this.congestedSince = undefined;
  }

  private write(frame: Frame | string, advances: boolean): void {
    if (this.closed) return;
    this.sink.write(typeof frame === 'string' ? new Frame(frame) : frame, advances);
    this.metrics.framesOut[this.sink.transport]++;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.sink.close(code, reason);
    this.dispose();
  }

  /** Releases every subscription; called once the transport is gone. */
  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopCongestion();
    for (const channel of this.channels) this.hub.unsubscribe(this, channel);
    this.metrics.subscriptions.dec(this.channels.size);
    this.channels.clear();
    this.heldBack = undefined;
  }
}

/** Batch frames of at most `maxBytes` (a single larger event still gets a frame of its own). */
function* chunkEvents(events: WireEvent[], maxBytes: number): Generator<{ frame: string; lastId: EventId }> {
  let parts: string[] = [];
  let bytes = 0;
  const frame = () => `{"type":"batch","events":[${parts.join(',')}]}`;
  for (let i = 0; i < events.length; i++) {
    const part = JSON.stringify(events[i]);
    if (parts.length > 0 && bytes + part.length > maxBytes) {
      yield { frame: frame(), lastId: events[i - 1].id };
      parts = [];
      bytes = 0;
    }
    parts.push(part);
    bytes += part.length + 1;
  }
  if (parts.length > 0) yield { frame: frame(), lastId: events[events.length - 1].id };
}
