/**
 * The best-effort half of a publish: one bus publish (one Redis pipeline) per log request, never
 * awaited by a caller. Every notice is either sent or counted as dropped with its reason; a
 * breaker stops hammering a bus that is down, and a cap on notices in flight keeps a slow bus
 * from holding memory without bound.
 */
import { noticeFor, type LoggedEvent, type NoticeBus } from '../protocol/index.ts';
import type { NoticeBreaker } from './notice-breaker.ts';
import type { PublisherCounters } from './publisher-metrics.ts';

export interface NoticeAnnouncerOptions {
  bus: NoticeBus;
  breaker: NoticeBreaker;
  maxHintBytes: number;
  maxPendingNotices: number;
  counters: PublisherCounters;
  onBusError: (error: unknown) => void;
}

export class NoticeAnnouncer {
  private readonly options: NoticeAnnouncerOptions;
  private pending = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(options: NoticeAnnouncerOptions) {
    this.options = options;
  }

  get pendingNotices(): number {
    return this.pending;
  }

  announce(events: LoggedEvent[]): void {
    const { bus, breaker, counters, maxHintBytes, maxPendingNotices } = this.options;
    const notices = events.map((event) => {
      const notice = noticeFor(event, maxHintBytes);
      if (event.hint !== undefined && notice.hint === undefined) counters.hintsOmitted++;
      return notice;
    });
    if (this.pending + notices.length > maxPendingNotices) {
      counters.noticeDrops.overload += notices.length;
      return;
    }
    if (!breaker.tryAcquire()) {
      counters.noticeDrops.breakerOpen += notices.length;
      return;
    }
    this.pending += notices.length;
    let sent: Promise<void>;
    try {
      sent = bus.publish(notices);
    } catch (error) {
      sent = Promise.reject(error);
    }
    const settled = sent.then(
      () => {
        counters.noticesSent += notices.length;
        breaker.success();
      },
      (error: unknown) => {
        counters.noticeDrops.busError += notices.length;
        // Only failures that count toward the breaker are reported: once it is open, the batches
        // still in flight fail for the same reason and would only repeat the message.
        const report = breaker.state !== 'open';
        breaker.failure();
        if (report) this.options.onBusError(error);
      },
    ).finally(() => {
      this.pending -= notices.length;
      this.inFlight.delete(settled);
    });
    this.inFlight.add(settled);
  }

  /** Resolves once every bus publish in flight has settled (the bus bounds each one). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}
