/**
 * DualPublisher: the log first (must succeed; it is the truth and gives the id), then a
 * compact notice on the bus (best effort: a failure is counted and logged, never surfaced).
 * A batch is one log append and one bus publish.
 */
import {
  DEFAULT_LIMITS, noticeFor, validateEventInput,
  type EventInput, type EventLog, type LoggedEvent, type NoticeBus, type Problem,
} from '../protocol/index.ts';

export interface DualPublisherOptions {
  log: EventLog;
  bus: NoticeBus;
  maxPayloadBytes?: number;
  maxHintBytes?: number;
  maxBatchSize?: number;
  /** Where best-effort failures are reported; defaults to console.warn. */
  onBusError?: (error: unknown) => void;
}

export class PublishError extends Error {
  constructor(message: string, readonly problem?: Problem, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PublishError';
  }
}

export class DualPublisher {
  private readonly log: EventLog;
  private readonly bus: NoticeBus;
  private readonly maxPayloadBytes: number;
  private readonly maxHintBytes: number;
  private readonly maxBatchSize: number;
  private readonly onBusError: (error: unknown) => void;
  readonly stats = { published: 0, failed: 0, noticesSent: 0, noticesDropped: 0 };

  constructor(options: DualPublisherOptions) {
    this.log = options.log;
    this.bus = options.bus;
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_LIMITS.maxPayloadBytes;
    this.maxHintBytes = options.maxHintBytes ?? DEFAULT_LIMITS.maxHintBytes;
    this.maxBatchSize = options.maxBatchSize ?? 1000;
    this.onBusError = options.onBusError ?? ((error) => console.warn('[rtdash] notice not announced:', (error as Error).message));
  }

  async publish(event: EventInput): Promise<LoggedEvent> {
    const [logged] = await this.publishBatch([event]);
    return logged;
  }

  async publishBatch(events: EventInput[]): Promise<LoggedEvent[]> {
    if (events.length > this.maxBatchSize) {
      throw new PublishError(`batch holds ${events.length} events, over the limit of ${this.maxBatchSize}`);
    }
    const now = Date.now();
    const records = events.map((event, index) => {
      const checked = validateEventInput(event, this.maxPayloadBytes, events.length > 1 ? `events[${index}]` : '');
      if (!checked.ok) throw new PublishError(checked.problem.message, checked.problem);
      const { channel, data, ts, hint } = checked.value;
      return hint === undefined ? { channel, data, ts: ts ?? now } : { channel, data, ts: ts ?? now, hint };
    });
    let logged: LoggedEvent[];
    try {
      logged = await this.log.append(records);
    } catch (error) {
      this.stats.failed += records.length;
      throw new PublishError(`event log refused the write: ${(error as Error).message}`, undefined, { cause: error });
    }
    this.stats.published += logged.length;
    this.announce(logged);
    return logged;
  }

  /** Not awaited: the bus must never slow down or fail a publish the log accepted. */
  private announce(logged: LoggedEvent[]): void {
    const notices = logged.map((event) => noticeFor(event, this.maxHintBytes));
    this.bus.publish(notices).then(
      () => { this.stats.noticesSent += notices.length; },
      (error) => {
        this.stats.noticesDropped += notices.length;
        this.onBusError(error);
      },
    );
  }
}
