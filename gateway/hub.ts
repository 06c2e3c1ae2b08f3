/**
 * The hub: which local subscriber listens to which channel, fed by two sources. The log tail
 * brings every full event in order (the truth); the bus brings notices whose hints paint
 * first. Bus subscriptions are lazy: a channel is subscribed on the bus when its first local
 * subscriber arrives and unsubscribed a linger after the last one leaves.
 */
import {
  toWireEvent,
  type EventId, type EventLog, type LoggedEvent, type NoticeBus, type ResetReason,
} from '../protocol/index.ts';
import { ChannelFeed, type Subscriber } from './channel-feed.ts';
import { LatestCache } from './latest-cache.ts';
import { LoadGauge } from './load-gauge.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { GatewaySettings } from './options.ts';

export interface SubscribeOutcome {
  /** True when a resume was served without a gap. */
  recovered: boolean;
}

/** How long a subscribe waits for the channel's bus subscription before going on without it. */
const BUS_READY_WAIT_MS = 250;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

export class Hub {
  private readonly feeds = new Map<string, ChannelFeed>();
  private readonly latest: LatestCache;
  private readonly latestLookups = new Map<string, Promise<LoggedEvent | undefined>>();
  private stopTail: (() => Promise<void>) | undefined;
  private removeNoticeHandler: (() => void) | undefined;
  /** Bus subscribe/unsubscribe failures: harmless (the log still delivers), but worth seeing. */
  busErrors = 0;

  constructor(
    private readonly log: EventLog,
    private readonly bus: NoticeBus,
    private readonly settings: Pick<GatewaySettings, 'maxReplayEvents' | 'replayPageSize' | 'busLingerMs' | 'maxCachedChannels' | 'previewHoldMs' | 'previewShedUtilization'>,
    private readonly metrics: GatewayMetrics,
    private readonly load: Pick<LoadGauge, 'current' | 'stop'> = new LoadGauge(),
  ) {
    this.latest = new LatestCache(settings.maxCachedChannels);
  }

  async start(): Promise<void> {
    this.removeNoticeHandler = this.bus.onNotice((notice) => {
      this.metrics.eventsIn.inc({ source: 'bus' });
      const feed = this.feeds.get(notice.channel);
      if (!feed) return;
      // Previews are best effort: the first thing a busy gateway leaves out (see LoadGauge).
      if (this.load.current > this.settings.previewShedUtilization) return void this.metrics.previewsShed.inc();
      feed.deliverHint(notice);
    });
    this.stopTail = await this.log.tail((event) => this.onLogEvent(event));
  }

  private onLogEvent(event: LoggedEvent): void {
    this.metrics.eventsIn.inc({ source: 'log' });
    this.latest.offer(event);
    const feed = this.feeds.get(event.channel);
    if (feed?.deliverFull(event)) this.metrics.publishToSend.observe(Math.max(0, Date.now() - event.ts) / 1000);
  }

  /**
   * Subscribes and catches up: a snapshot on a fresh subscribe, or everything after `afterId`
   * on resume (a reset and a snapshot when that cannot be served without a gap).
   */
  async subscribe(subscriber: Subscriber, channel: string, afterId?: EventId): Promise<SubscribeOutcome> {
    return this.catchUp(subscriber, channel, afterId);
  }

  /**
   * Catches an attached subscriber up again after `afterId` (a congested session that
   * drained); live events are buffered meanwhile, as on subscribe.
   */
  async resync(subscriber: Subscriber, channel: string, afterId: EventId | undefined): Promise<void> {
    if (!this.feeds.get(channel)?.subscribers.has(subscriber)) return;
    await this.catchUp(subscriber, channel, afterId).catch(() => {
      // The log is unavailable: the subscriber stays attached and goes live; its next resume fills the gap.
    });
  }

  private async catchUp(subscriber: Subscriber, channel: string, afterId: EventId | undefined): Promise<SubscribeOutcome> {
    const feed = this.feedFor(channel);
    const pending = feed.hold(subscriber);
    // Let the bus subscription settle first (briefly: the log delivers regardless), so hints
    // published right after `subscribed` are not missed.
    await Promise.race([feed.busReady, delay(BUS_READY_WAIT_MS)]);
    let lastSentId: EventId | undefined;
    let recovered = false;
    try {
      if (afterId !== undefined) {
        const replay = await this.replay(subscriber, channel, afterId);
        if (replay.reset) subscriber.deliverReset(channel, replay.reset);
        else {
          recovered = true;
          lastSentId = replay.lastId;
        }
      }
      if (!recovered) lastSentId = await this.sendSnapshot(subscriber, channel);
    } catch (error) {
      this.detach(subscriber, channel);
      throw error;
    }
    // The subscriber may have left while we were reading the log.
    if (feed.subscribers.get(subscriber) === pending) feed.goLive(subscriber, pending, lastSentId);
    return { recovered };
  }

  private async sendSnapshot(subscriber: Subscriber, channel: string): Promise<EventId | undefined> {
    const event = this.latest.get(channel) ?? (await this.lookUpLatest(channel));
    if (event) this.latest.offer(event);
    subscriber.deliverSnapshot(channel, event ? toWireEvent(event) : null);
    return event?.id;
  }

  /**
   * Streams the gap page by page, so a resuming client costs one page of memory. A gap longer
   * than `maxReplayEvents` ends in a reset (and the snapshot that follows it).
   */
  private async replay(subscriber: Subscriber, channel: string, afterId: EventId): Promise<{ lastId: EventId; reset?: ResetReason }> {
    let cursor = afterId;
    let total = 0;
    for (;;) {
      const result = await this.log.read(channel, cursor, this.settings.replayPageSize);
      if (result.reset) return { lastId: cursor, reset: result.reset };
      if (result.events.length === 0) return { lastId: cursor };
      total += result.events.length;
      if (total > this.settings.maxReplayEvents) return { lastId: cursor, reset: 'too-old' };
      subscriber.deliverBatch(channel, result.events.map(toWireEvent));
      cursor = result.events[result.events.length - 1].id;
      // A congested subscriber is caught up again from its position once it drains.
      if (!result.more || subscriber.congested) return { lastId: cursor };
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
      feed.dispose();
      this.feeds.delete(channel);
      this.bus.unsubscribe(channel).catch(() => { this.busErrors++; });
    }, this.settings.busLingerMs);
    feed.lingerTimer.unref?.();
  }

  private feedFor(channel: string): ChannelFeed {
    let feed = this.feeds.get(channel);
    if (feed) {
      clearTimeout(feed.lingerTimer);
      return feed;
    }
    feed = new ChannelFeed(channel, this.settings.previewHoldMs, { onPreviewShed: () => this.metrics.previewsShed.inc() });
    this.feeds.set(channel, feed);
    // Best effort: without the bus the log still delivers every event, only later.
    feed.busReady = this.bus.subscribe(channel).catch(() => { this.busErrors++; });
    return feed;
  }

  /** Latest cached-or-logged event of a channel, for the REST snapshot. */
  async snapshot(channel: string): Promise<LoggedEvent | undefined> {
    return this.latest.get(channel) ?? (await this.lookUpLatest(channel));
  }

  /**
   * One log lookup per channel however many subscribers ask at once: after a gateway restart
   * every client resubscribes together, and on Kafka each lookup scans the partition.
   */
  private lookUpLatest(channel: string): Promise<LoggedEvent | undefined> {
    let lookup = this.latestLookups.get(channel);
    if (!lookup) {
      lookup = this.log.latest(channel).finally(() => this.latestLookups.delete(channel));
      this.latestLookups.set(channel, lookup);
    }
    return lookup;
  }

  channelCount(): number {
    return this.feeds.size;
  }

  async stop(): Promise<void> {
    this.load.stop();
    this.removeNoticeHandler?.();
    await this.stopTail?.();
    // The bus may outlive this hub (another gateway on the same bus): give its channels back.
    await Promise.all([...this.feeds.values()].map((feed) => {
      feed.dispose();
      return this.bus.unsubscribe(feed.channel).catch(() => { this.busErrors++; });
    }));
    this.feeds.clear();
  }
}
