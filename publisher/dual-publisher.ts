/**
 * DualPublisher: the log first (must succeed; it is the truth and gives the id), then a compact
 * notice on the bus (best effort: a failure is counted and logged, never surfaced). A batch is
 * one log request and one bus publish; concurrent single publishes share requests too (see
 * LogWriter). Input is checked before anything is queued, so a bad event publishes nothing.
 */
import {
  DEFAULT_LIMITS, fail, validateEventInput,
  type EventInput, type EventLog, type LogRecord, type LoggedEvent, type NoticeBus,
} from '../protocol/index.ts';
import { HintProjector, type HintRules } from './hints.ts';
import { LogWriter } from './log-writer.ts';
import { NoticeAnnouncer } from './notice-announcer.ts';
import { NoticeBreaker, type BreakerState } from './notice-breaker.ts';
import { NOT_ACCEPTED, PublishError } from './publish-error.ts';
import { LatencyWindow, newCounters, type PublisherMetrics } from './publisher-metrics.ts';

export { PublishError, type PublishFailure } from './publish-error.ts';

export interface DualPublisherOptions {
  log: EventLog;
  bus: NoticeBus;
  /** Names the log in error messages. Default "the event log"; createPublisher names the Kafka topic. */
  logName?: string;
  /** Largest `data` (and `hint`) as JSON, in bytes. Default 65536. */
  maxPayloadBytes?: number;
  /** Largest hint a notice carries; a larger one is left out of the notice. Default 512. */
  maxHintBytes?: number;
  /** Most events in one publishBatch call. Default 1000. */
  maxBatchSize?: number;
  /** Hint projections per channel pattern, for events published without a hint of their own. */
  hints?: HintRules;
  /** Accepted events not yet written, in flight included. Default 10000. */
  maxQueuedEvents?: number;
  /** How long a publish waits for room in a full queue before it rejects. Default 1000 ms. */
  queueTimeoutMs?: number;
  /** How long an accepted event may take to be acknowledged by the log before its publish rejects. Default 5000 ms. */
  appendTimeoutMs?: number;
  /** How long an idle publisher waits for more publishes to share a log request. Default 1 ms. */
  lingerMs?: number;
  /** Most events in one log request built from several calls (a larger batch still goes whole). Default 1000. */
  maxEventsPerAppend?: number;
  /** Notices handed to the bus and not answered yet; past this, new ones are dropped. Default 10000. */
  maxPendingNotices?: number;
  /** When to stop trying the bus for a while. Defaults: 5 failures in a row, 5000 ms. */
  noticeBreaker?: { failureThreshold?: number; cooldownMs?: number };
  /** Where best-effort failures are reported; defaults to console.warn. */
  onBusError?: (error: unknown) => void;
  /** Breaker transitions; defaults to console.warn. */
  onBreakerChange?: (state: BreakerState) => void;
  /** A hint projection that threw; defaults to console.warn, once per pattern. */
  onHintError?: (error: Error, channel: string, pattern: string) => void;
}

export class DualPublisher {
  private readonly maxPayloadBytes: number;
  private readonly maxHintBytes: number;
  private readonly maxBatchSize: number;
  private readonly maxQueuedEvents: number;
  private readonly hints: HintProjector;
  private readonly onHintError: (error: Error, channel: string, pattern: string) => void;
  private readonly counters = newCounters();
  private readonly ackLatency = new LatencyWindow();
  private readonly breaker: NoticeBreaker;
  private readonly writer: LogWriter;
  private readonly announcer: NoticeAnnouncer;
  private closing: Promise<void> | undefined;

  constructor(options: DualPublisherOptions) {
    this.maxPayloadBytes = positive(options, 'maxPayloadBytes', DEFAULT_LIMITS.maxPayloadBytes);
    this.maxHintBytes = positive(options, 'maxHintBytes', DEFAULT_LIMITS.maxHintBytes);
    this.maxBatchSize = positive(options, 'maxBatchSize', 1000);
    this.maxQueuedEvents = positive(options, 'maxQueuedEvents', 10_000);
    if (this.maxBatchSize > this.maxQueuedEvents) {
      throw new RangeError(`maxBatchSize (${this.maxBatchSize}) must not exceed maxQueuedEvents (${this.maxQueuedEvents}): a full batch could never be queued`);
    }
    this.hints = new HintProjector(options.hints);
    const warnedPatterns = new Set<string>();
    this.onHintError = options.onHintError ?? ((error, channel, pattern) => {
      if (warnedPatterns.has(pattern)) return;
      warnedPatterns.add(pattern);
      console.warn(`[rtdash] hint projection "${pattern}" failed on ${channel} (published without a hint; further failures are only counted): ${error.message}`);
    });
    const onBreakerChange = options.onBreakerChange ?? defaultBreakerReport(() => this.breaker);
    this.breaker = new NoticeBreaker({ ...options.noticeBreaker, onChange: (state) => onBreakerChange(state) });
    this.announcer = new NoticeAnnouncer({
      bus: options.bus,
      breaker: this.breaker,
      maxHintBytes: this.maxHintBytes,
      maxPendingNotices: positive(options, 'maxPendingNotices', 10_000),
      counters: this.counters,
      onBusError: options.onBusError ?? ((error) => console.warn('[rtdash] notice not announced:', (error as Error).message)),
    });
    this.writer = new LogWriter({
      log: options.log,
      logName: options.logName ?? 'the event log',
      maxQueuedEvents: this.maxQueuedEvents,
      queueTimeoutMs: nonNegative(options, 'queueTimeoutMs', 1000),
      appendTimeoutMs: positive(options, 'appendTimeoutMs', 5000),
      lingerMs: nonNegative(options, 'lingerMs', 1),
      maxEventsPerAppend: positive(options, 'maxEventsPerAppend', 1000),
      counters: this.counters,
      ackLatency: this.ackLatency,
      onWritten: (events) => this.announcer.announce(events),
    });
  }

  async publish(event: EventInput): Promise<LoggedEvent> {
    const [logged] = await this.publishBatch([event]);
    return logged;
  }

  async publishBatch(events: EventInput[]): Promise<LoggedEvent[]> {
    try {
      if (this.closing) throw new PublishError('publisher is closing: no new events are accepted', undefined, { reason: 'closing' });
      const records = this.toRecords(events);
      if (records.length === 0) return [];
      return await this.writer.write(records);
    } catch (error) {
      if (error instanceof PublishError && NOT_ACCEPTED.has(error.reason)) this.counters.eventsRejected += Array.isArray(events) ? events.length : 1;
      throw error;
    }
  }

  /**
   * Stops accepting (new publishes and those still waiting for room reject with reason
   * 'closing'), then resolves once every accepted event is written and announced, or has failed
   * or timed out (appendTimeoutMs bounds it). Leaves the log and the bus open: they are the
   * caller's (createPublisher's close() closes them after this).
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.writer.close(new PublishError('publisher is closing: no new events are accepted', undefined, { reason: 'closing' }));
      await this.announcer.drain();
    })();
    return this.closing;
  }

  metrics(): PublisherMetrics {
    const { noticeDrops } = this.counters;
    return {
      ...this.counters,
      noticeDrops: { ...noticeDrops },
      noticesDropped: noticeDrops.busError + noticeDrops.breakerOpen + noticeDrops.overload,
      breaker: this.breaker.snapshot(),
      queue: { heldEvents: this.writer.heldEvents, waitingEvents: this.writer.waitingEvents, maxQueuedEvents: this.maxQueuedEvents },
      pendingNotices: this.announcer.pendingNotices,
      ackLatency: this.ackLatency.summary(),
      closing: this.closing !== undefined,
    };
  }

  /** The first version's counters, kept for callers that read them; metrics() has the full picture. */
  get stats(): { published: number; failed: number; noticesSent: number; noticesDropped: number } {
    const { eventsPublished, eventsFailed, noticesSent, noticesDropped } = this.metrics();
    return { published: eventsPublished, failed: eventsFailed, noticesSent, noticesDropped };
  }

  /** Checks every event and fills in ts and the projected hint; throws on the first bad one. */
  private toRecords(events: EventInput[]): LogRecord[] {
    if (!Array.isArray(events)) {
      const problem = fail('events', 'type:array', 'events must be an array').problem;
      throw new PublishError(problem.message, problem);
    }
    if (events.length > this.maxBatchSize) {
      const problem = fail('events', `max-items:${this.maxBatchSize}`, `batch holds ${events.length} events, over the limit of ${this.maxBatchSize}`, 'too_large').problem;
      throw new PublishError(problem.message, problem);
    }
    const now = Date.now();
    return events.map((event, index) => {
      const checked = validateEventInput(event, this.maxPayloadBytes, events.length > 1 ? `events[${index}]` : '');
      if (!checked.ok) throw new PublishError(checked.problem.message, checked.problem);
      const { channel, data, ts } = checked.value;
      const record: LogRecord = { channel, data, ts: ts ?? now };
      const hint = checked.value.hint ?? this.projectHint(channel, data);
      if (hint !== undefined) record.hint = hint;
      return record;
    });
  }

  private projectHint(channel: string, data: LogRecord['data']): LogRecord['hint'] {
    if (this.hints.empty) return undefined;
    const result = this.hints.project(channel, data);
    if ('error' in result) {
      this.counters.hintsFailed++;
      this.onHintError(result.error, channel, result.pattern);
      return undefined;
    }
    // A projection too large for a notice would only weigh down the log record: leave it out.
    if (result.bytes > this.maxHintBytes) {
      this.counters.hintsOmitted++;
      return undefined;
    }
    return result.hint;
  }
}

/** Says when notices pause and when they resume; the probes in between stay quiet. */
function defaultBreakerReport(breaker: () => NoticeBreaker): (state: BreakerState) => void {
  let paused = false;
  return (state) => {
    if (state === 'open' && !paused) {
      paused = true;
      const { failureThreshold, cooldownMs } = breaker();
      console.warn(`[rtdash] notices paused: the bus failed ${failureThreshold} times in a row; probing every ${cooldownMs} ms (events still go to the log)`);
    } else if (state === 'closed' && paused) {
      paused = false;
      console.warn('[rtdash] notices resumed: the bus answers again');
    }
  };
}

function positive<K extends keyof DualPublisherOptions>(options: DualPublisherOptions, key: K, fallback: number): number {
  const value = options[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new RangeError(`${key} must be a positive number, got ${String(value)}`);
  return value;
}

function nonNegative<K extends keyof DualPublisherOptions>(options: DualPublisherOptions, key: K, fallback: number): number {
  const value = options[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new RangeError(`${key} must be 0 or more, got ${String(value)}`);
  return value;
}
