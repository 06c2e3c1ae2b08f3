/**
 * The hub: which local subscriber listens to which channel, fed by two sources. The log tail
 * brings every full event in order (the truth); the bus brings notices whose hints paint
 * first. Bus subscriptions are lazy: a channel is subscribed on the bus when its first local
 * subscriber arrives and unsubscribed a linger after the last one leaves.
 */
import {
  encodeServerFrame, toWireEvent,
  type EventId, type EventLog, type LoggedEvent, type NoticeBus, type ResetReason, type WireEvent,
} from '../protocol/index.ts';
import { ChannelFeed, type Subscriber } from './channel-feed.ts';
import { LatestCache } from './latest-cache.ts';
import type { GatewaySettings } from './options.ts';

export interface SubscribeOutcome {
  /** True when a resume was served without a gap. */
  recovered: boolean;
}

export class Hub {
  private readonly feeds = new Map<string, ChannelFeed>();
  private readonly latest: LatestCache;
  private stopTail: (() => Promise<void>) | undefined;
  private removeNoticeHandler: (() => void) | undefined;
  readonly stats = { eventsIn: 0, hintsIn: 0, busErrors: 0 };

  constructor(
    private readonly log: EventLog,
    private readonly bus: NoticeBus,
    private readonly settings: Pick<GatewaySettings, 'maxReplayEvents' | 'replayPageSize' | 'busLingerMs' | 'maxCachedChannels'>,
  ) {
    this.latest = new LatestCache(settings.maxCachedChannels);
  }

  async start(): Promise<void> {
    this.removeNoticeHandler = this.bus.onNotice((notice) => {
      this.stats.hintsIn++;
      this.feeds.get(notice.channel)?.deliverHint(notice);
    });
    this.stopTail = await this.log.tail((event) => this.onLogEvent(event));
  }

  private onLogEvent(event: LoggedEvent): void {
    this.stats.eventsIn++;
    this.latest.offer(event);
    this.feeds.get(event.channel)?.deliverFull(event);
  }

  /**
   * Subscribes and catches up: a snapshot on a fresh subscribe, or everything after `afterId`
   * on resume (a reset and a snapshot when that cannot be served without a gap).
   */
  async subscribe(subscriber: Subscriber, channel: string, afterId?: EventId): Promise<SubscribeOutcome> {
    const feed = this.feedFor(channel);
    if (feed.subscribers.has(subscriber)) return { recovered: afterId !== undefined };
    const attachment = feed.attach(subscriber);
    let lastSentId: EventId | undefined;
    let recovered = false;
    try {
      if (afterId !== undefined) {
        const replay = await this.replay(channel, afterId);
        if (replay.reset) {
          subscriber.sendText(encodeServerFrame({ type: 'reset', channel, reason: replay.reset }));
        } else {
          recovered = true;
          lastSentId = afterId;
          for (const events of replay.pages) {
            subscriber.sendText(encodeServerFrame({ type: 'batch', events }));
            lastSentId = events[events.length - 1].id;
          }
        }
      }
      if (!recovered) lastSentId = await this.sendSnapshot(subscriber, channel);
    } catch (error) {
      this.detach(subscriber, channel);
      throw error;
    }
    // The subscriber may have left while we were reading the log.
    if (feed.subscribers.get(subscriber) === attachment) feed.goLive(subscriber, attachment, lastSentId);
    return { recovered };
  }

  private async sendSnapshot(subscriber: Subscriber, channel: string): Promise<EventId | undefined> {
    const event = this.latest.get(channel) ?? (await this.log.latest(channel));
    if (event) this.latest.offer(event);
    subscriber.sendText(encodeServerFrame({ type: 'snapshot', channel, event: event ? toWireEvent(event) : null }));
    return event?.id;
  }

  /** Reads the gap page by page; a gap longer than `maxReplayEvents` is answered with a reset. */
  private async replay(channel: string, afterId: EventId): Promise<{ pages: WireEvent[][]; reset?: ResetReason }> {
    const pages: WireEvent[][] = [];
    let cursor = afterId;
    let total = 0;
    for (;;) {
      const result = await this.log.read(channel, cursor, this.settings.replayPageSize);
      if (result.reset) return { pages: [], reset: result.reset };
      if (result.events.length > 0) {
        total += result.events.length;
        if (total > this.settings.maxReplayEvents) return { pages: [], reset: 'too-old' };
        pages.push(result.events.map(toWireEvent));
        cursor = result.events[result.events.length - 1].id;
      }
      if (!result.more || result.events.length === 0) return { pages };
    }
  }

  unsubscribe(subscriber: Subscriber, channel: string): void {
    this.detach(subscriber, channel);
  }

  private detach(subscriber: Subscriber, channel: string): void {
    const feed = this.feeds.get(channel);
    if (!feed || !feed.subscribers.delete(subscriber)) return;
    if (feed.subscribers.size > 0) return;
    feed.lingerTimer = setTimeout(() => {
      if (feed.subscribers.size > 0) return;
      this.feeds.delete(channel);
      this.bus.unsubscribe(channel).catch(() => { this.stats.busErrors++; });
    }, this.settings.busLingerMs);
    feed.lingerTimer.unref?.();
  }

  private feedFor(channel: string): ChannelFeed {
    let feed = this.feeds.get(channel);
    if (feed) {
      clearTimeout(feed.lingerTimer);
      return feed;
    }
    feed = new ChannelFeed(channel);
    this.feeds.set(channel, feed);
    // Best effort: without the bus the log still delivers every event, only later.
    this.bus.subscribe(channel).catch(() => { this.stats.busErrors++; });
    return feed;
  }

  /** Latest cached-or-logged event of a channel, for the REST snapshot. */
  async snapshot(channel: string): Promise<LoggedEvent | undefined> {
    return this.latest.get(channel) ?? (await this.log.latest(channel));
  }

  channelCount(): number {
    return this.feeds.size;
  }

  async stop(): Promise<void> {
    this.removeNoticeHandler?.();
    await this.stopTail?.();
    for (const feed of this.feeds.values()) clearTimeout(feed.lingerTimer);
    this.feeds.clear();
  }
}
