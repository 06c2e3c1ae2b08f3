/**
 * What the publisher counts, as a plain snapshot: the gateway or an ops layer exports it to
 * Prometheus (or anything else) without this package depending on a metrics library. Counters
 * only grow; gauges say how things are now.
 */
import type { BreakerSnapshot } from './notice-breaker.ts';

export interface LatencySummary {
  /** Acknowledgements measured since start (for a Prometheus summary's _count). */
  count: number;
  /** Their total in ms (for _sum). */
  sumMs: number;
  /** Quantiles over the most recent samples (see LatencyWindow); 0 before the first one. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface PublisherMetrics {
  /** Events the log acknowledged in time: their publish resolved. */
  eventsPublished: number;
  /** Events accepted into the queue whose write failed or timed out: their publish rejected. */
  eventsFailed: number;
  /** Events never accepted: bad input, queue full, publisher closing. */
  eventsRejected: number;
  /**
   * Events the log acknowledged after their publish had already rejected with a timeout: they
   * are in the log but were not announced (the caller may have retried them).
   */
  eventsWrittenLate: number;
  /** Log requests made (several publishes coalesce into one). */
  logAppends: number;
  noticesSent: number;
  /** Notices not announced, for whatever reason (the sum of noticeDrops). */
  noticesDropped: number;
  noticeDrops: {
    /** The bus refused or timed out. */
    busError: number;
    /** Not tried: the breaker was open. */
    breakerOpen: number;
    /** Not tried: too many notices were already waiting for the bus (maxPendingNotices). */
    overload: number;
  };
  /** Notices sent without their hint because it would pass maxHintBytes. */
  hintsOmitted: number;
  /** Hint projections that threw or returned something JSON cannot carry. */
  hintsFailed: number;
  breaker: BreakerSnapshot;
  queue: {
    /** Accepted events not yet written or given up (waiting for a log request or in one). */
    heldEvents: number;
    /** Callers' events waiting for room in a full queue. */
    waitingEvents: number;
    maxQueuedEvents: number;
  };
  pendingNotices: number;
  /** Time from handing a request to the log until its acknowledgement (Kafka: acks = all). */
  ackLatency: LatencySummary;
  closing: boolean;
}

/** The counters the parts of the publisher write into; the snapshot adds the gauges. */
export type PublisherCounters = Omit<PublisherMetrics, 'breaker' | 'queue' | 'pendingNotices' | 'ackLatency' | 'closing' | 'noticesDropped'>;

export function newCounters(): PublisherCounters {
  return {
    eventsPublished: 0,
    eventsFailed: 0,
    eventsRejected: 0,
    eventsWrittenLate: 0,
    logAppends: 0,
    noticesSent: 0,
    noticeDrops: { busError: 0, breakerOpen: 0, overload: 0 },
    hintsOmitted: 0,
    hintsFailed: 0,
  };
}

/**
 * Quantiles over the last `capacity` samples in a ring buffer: fixed memory, cheap to record,
 * and it answers "how is Kafka now" rather than "since start" (count and sum cover that).
 */
export class LatencyWindow {
  private readonly samples: Float64Array;
  private next = 0;
  private filled = 0;
  private count = 0;
  private sum = 0;

  constructor(capacity = 1024) {
    this.samples = new Float64Array(capacity);
  }

  record(ms: number): void {
    this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.samples.length;
    this.filled = Math.min(this.filled + 1, this.samples.length);
    this.count++;
    this.sum += ms;
  }

  summary(): LatencySummary {
    if (this.filled === 0) return { count: 0, sumMs: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 };
    const sorted = this.samples.slice(0, this.filled).sort();
    const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
    return { count: this.count, sumMs: round(this.sum), p50Ms: at(0.5), p99Ms: at(0.99), maxMs: round(sorted[sorted.length - 1]) };
  }
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
