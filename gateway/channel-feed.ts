/**
 * One channel's delivery on this gateway: its local subscribers, and the order guard that
 * keeps every subscriber's stream of full events strictly increasing by id. Each frame is
 * serialised once for the channel, not once per subscriber.
 */
import {
  encodeServerFrame, isNewer, toWireEvent, wireEventFromNotice,
  type EventId, type LoggedEvent, type Notice, type ResetReason, type WireEvent,
} from '../protocol/index.ts';
import { Frame } from './frame.ts';

/** A client session as the hub sees it (WebSocket or SSE). */
export interface Subscriber {
  /** A live event, full or preview; `frame` is the channel's one serialised event frame. */
  deliverLive(event: WireEvent, frame: Frame): void;
  /** Catch-up: events of one channel after the subscriber's position, in order. */
  deliverBatch(channel: string, events: WireEvent[]): void;
  deliverSnapshot(channel: string, event: WireEvent | null): void;
  deliverReset(channel: string, reason: ResetReason): void;
  /** True while the subscriber cannot take more; a replay stops early and resumes once it drains. */
  readonly congested: boolean;
}

export interface ChannelFeedOptions {
  /** A held preview left out because its hold timer ran late (see releasePreview); the hub counts it as shed. */
  onPreviewShed?: () => void;
  /** Clock in ms, for tests. */
  now?: () => number;
}

export class ChannelFeed {
  /**
   * Each local subscriber, with the full events that arrived while it was catching up (its
   * pending list, the token `goLive` takes), or null once live: a live subscription costs a
   * map entry and nothing more.
   */
  readonly subscribers = new Map<Subscriber, WireEvent[] | null>();
  /** Newest full event id delivered; hints and full events never go below it. */
  private lastFullId: EventId | undefined;
  private lastHintId: EventId | undefined;
  lingerTimer: ReturnType<typeof setTimeout> | undefined;
  /** The newest preview waiting for its full event (see deliverHint). */
  private heldPreview: WireEvent | undefined;
  private previewTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the held preview's timer was set. */
  private holdStartedAt = 0;
  private readonly onPreviewShed: (() => void) | undefined;
  private readonly now: () => number;
  /** Settles once the bus subscription for this channel is in place (or has failed). */
  busReady: Promise<void> = Promise.resolve();

  constructor(readonly channel: string, private readonly previewHoldMs = 0, options: ChannelFeedOptions = {}) {
    this.onPreviewShed = options.onPreviewShed;
    this.now = options.now ?? (() => performance.now());
  }

  /** A full event from the log. Duplicates and older ids (a re-read after a log reconnect) are dropped. */
  deliverFull(event: LoggedEvent): boolean {
    if (!isNewer(event.id, this.lastFullId)) return false;
    this.lastFullId = event.id;
    if (this.heldPreview && !isNewer(this.heldPreview.id, event.id)) this.heldPreview = undefined;
    this.broadcast(toWireEvent(event), false);
    return true;
  }

  /**
   * A notice's hint, sent ahead of the full event as a preview (`partial`). It never moves a
   * client's position, so a hint that overtakes an older full event breaks no ordering. The
   * preview waits up to `previewHoldMs` for its full event, which usually comes within a
   * millisecond or two of the notice: then only the full event goes out, one frame per event
   * and client instead of two. Previews held together are conflated to the newest, since a
   * preview only paints the latest value. A hold whose timer runs more than another
   * `previewHoldMs` late sheds its preview (see releasePreview).
   */
  deliverHint(notice: Notice): void {
    if (!isNewer(notice.id, this.lastFullId) || !isNewer(notice.id, this.lastHintId)) return;
    const preview = wireEventFromNotice(notice);
    if (!preview) return;
    this.lastHintId = notice.id;
    if (this.previewHoldMs <= 0) return this.broadcast(preview, true);
    this.heldPreview = preview;
    if (!this.previewTimer) {
      this.holdStartedAt = this.now();
      this.previewTimer = setTimeout(() => this.releasePreview(), this.previewHoldMs);
      this.previewTimer.unref?.();
    }
  }

  /**
   * A hold timer that fires more than `previewHoldMs` late says the event loop is behind: the
   * full event is then most likely waiting in it already, and the preview would reach clients
   * no earlier while costing each a second frame. Such a preview is shed, as a preview is when
   * the loop is busy (hub.ts). Measured in the gateway bench at 500–4,000 events/s: timers ran
   * 10–20 ms late on average, and the previews that still went out arrived at the clients
   * within 1 ms of their full events, as 2–6% extra frames.
   */
  private releasePreview(): void {
    this.previewTimer = undefined;
    const preview = this.heldPreview;
    this.heldPreview = undefined;
    if (!preview || !isNewer(preview.id, this.lastFullId)) return;
    if (this.now() - this.holdStartedAt > 2 * this.previewHoldMs) return this.onPreviewShed?.();
    this.broadcast(preview, true);
  }

  /** Stops the held preview's timer; the feed is being dropped. */
  dispose(): void {
    clearTimeout(this.lingerTimer);
    clearTimeout(this.previewTimer);
    this.previewTimer = undefined;
    this.heldPreview = undefined;
  }

  private broadcast(event: WireEvent, previewOnly: boolean): void {
    let frame: Frame | undefined;
    for (const [subscriber, pending] of this.subscribers) {
      if (pending) {
        // A subscriber catching up gets full events afterwards, in order; previews would be stale by then.
        if (!previewOnly) pending.push(event);
      } else {
        subscriber.deliverLive(event, (frame ??= new Frame(encodeServerFrame({ type: 'event', ...event }))));
      }
    }
  }

  /**
   * Adds a subscriber (or re-arms a live one) that buffers live events until `goLive`; returns
   * its pending list (the one already there if it is catching up).
   */
  hold(subscriber: Subscriber): WireEvent[] {
    let pending = this.subscribers.get(subscriber);
    if (!pending) this.subscribers.set(subscriber, (pending = []));
    return pending;
  }

  /** Sends what arrived during catch-up after `lastSentId`, then switches to live delivery. */
  goLive(subscriber: Subscriber, pending: WireEvent[], lastSentId: EventId | undefined): void {
    this.subscribers.set(subscriber, null);
    const owed = pending.filter((event) => isNewer(event.id, lastSentId));
    if (owed.length > 0) subscriber.deliverBatch(this.channel, owed);
  }
}
