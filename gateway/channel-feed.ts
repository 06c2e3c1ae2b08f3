/**
 * One channel's delivery on this gateway: its local subscribers, and the order guard that
 * keeps every subscriber's stream of full events strictly increasing by id. Each frame is
 * serialised once for the channel, not once per subscriber.
 */
import {
  encodeServerFrame, isNewer, toWireEvent, wireEventFromNotice,
  type EventId, type LoggedEvent, type Notice,
} from '../protocol/index.ts';

/** Anything that can take frames: a WebSocket session, later an SSE stream. */
export interface Subscriber {
  sendText(text: string): void;
}

interface Attachment {
  /** Full events that arrived while this subscriber was catching up; null once live. */
  pending: LoggedEvent[] | null;
}

export class ChannelFeed {
  readonly subscribers = new Map<Subscriber, Attachment>();
  /** Newest full event id delivered; hints and full events never go below it. */
  private lastFullId: EventId | undefined;
  private lastHintId: EventId | undefined;
  lingerTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly channel: string) {}

  /** A full event from the log. Duplicates and older ids (a re-read after a log reconnect) are dropped. */
  deliverFull(event: LoggedEvent): void {
    if (!isNewer(event.id, this.lastFullId)) return;
    this.lastFullId = event.id;
    let text: string | undefined;
    for (const [subscriber, attachment] of this.subscribers) {
      if (attachment.pending) attachment.pending.push(event);
      else subscriber.sendText((text ??= encodeServerFrame({ type: 'event', ...toWireEvent(event) })));
    }
  }

  /**
   * A notice's hint, sent ahead of the full event as a preview (`partial`). It never moves a
   * client's position, so a hint that overtakes an older full event breaks no ordering.
   */
  deliverHint(notice: Notice): void {
    if (!isNewer(notice.id, this.lastFullId) || !isNewer(notice.id, this.lastHintId)) return;
    const preview = wireEventFromNotice(notice);
    if (!preview) return;
    this.lastHintId = notice.id;
    let text: string | undefined;
    for (const [subscriber, attachment] of this.subscribers) {
      if (!attachment.pending) subscriber.sendText((text ??= encodeServerFrame({ type: 'event', ...preview })));
    }
  }

  /** Adds a subscriber that buffers live events until `goLive`. */
  attach(subscriber: Subscriber): Attachment {
    const attachment: Attachment = { pending: [] };
    this.subscribers.set(subscriber, attachment);
    return attachment;
  }

  /** Sends what arrived during catch-up after `lastSentId`, then switches to live delivery. */
  goLive(subscriber: Subscriber, attachment: Attachment, lastSentId: EventId | undefined): void {
    const pending = attachment.pending ?? [];
    attachment.pending = null;
    const owed = pending.filter((event) => isNewer(event.id, lastSentId)).map(toWireEvent);
    if (owed.length === 1) subscriber.sendText(encodeServerFrame({ type: 'event', ...owed[0] }));
    else if (owed.length > 1) subscriber.sendText(encodeServerFrame({ type: 'batch', events: owed }));
  }
}
