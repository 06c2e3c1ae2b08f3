/**
 * The path from publish() to the log. Writes wait in a bounded queue; one log request is in
 * flight at a time and carries every write that queued up meanwhile (after a short linger when
 * the log was idle), so many concurrent single publishes cost a few requests, not one each,
 * while every caller still hears its own ids or its own error. One request at a time also keeps
 * a channel's events in the order they were published.
 *
 * Every accepted write has a deadline (appendTimeoutMs from acceptance): when it passes, the
 * caller hears a timeout whether the write was still queued (it is then never sent) or already
 * on its way. A write that lands after its deadline is counted, never announced.
 */
import type { EventLog, LogRecord, LoggedEvent } from '../protocol/index.ts';
import { PublishError } from './publish-error.ts';
import { PublishQueue, QueueFullError, type QueueItem } from './publish-queue.ts';
import type { LatencyWindow, PublisherCounters } from './publisher-metrics.ts';

export interface LogWriterOptions {
  log: EventLog;
  /** Names the log in error messages, e.g. "Kafka topic rtdash.events at 127.0.0.1:19092". */
  logName: string;
  maxQueuedEvents: number;
  queueTimeoutMs: number;
  appendTimeoutMs: number;
  lingerMs: number;
  maxEventsPerAppend: number;
  counters: PublisherCounters;
  ackLatency: LatencyWindow;
  /** Once per log request, with the events written in time, in log order, before their callers hear. */
  onWritten: (events: LoggedEvent[]) => void;
}

class Write implements QueueItem {
  readonly size: number;
  readonly done: Promise<LoggedEvent[]>;
  resolve!: (events: LoggedEvent[]) => void;
  reject!: (error: Error) => void;
  sending = false;
  /** The caller has heard (ids, error or timeout). */
  settled = false;
  acceptedAt = 0;
  timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly records: LogRecord[]) {
    this.size = records.length;
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
}

export class LogWriter {
  private readonly options: LogWriterOptions;
  private readonly queue: PublishQueue<Write>;
  private sending: Promise<void> | undefined;
  private linger: ReturnType<typeof setTimeout> | undefined;
  private flushing = false;
  /** Accepted writes whose caller has not heard yet. */
  private unsettled = 0;
  private idleWaiters: Array<() => void> = [];
  private lastError: { at: number; message: string } | undefined;

  constructor(options: LogWriterOptions) {
    this.options = options;
    this.queue = new PublishQueue<Write>({
      maxEvents: options.maxQueuedEvents,
      timeoutMs: options.queueTimeoutMs,
      onAdmit: (write) => this.accept(write),
    });
  }

  write(records: LogRecord[]): Promise<LoggedEvent[]> {
    const write = new Write(records);
    return this.queue.add(write).then(
      () => write.done,
      (error: unknown) => {
        if (error instanceof QueueFullError) throw new PublishError(error.message, undefined, { reason: 'queue-full', cause: error });
        throw error;
      },
    );
  }

  /**
   * Refuses callers still waiting for room with `error`, sends what was accepted at once and
   * resolves when every accepted write's caller has heard (bounded by appendTimeoutMs).
   */
  close(error: Error): Promise<void> {
    this.flushing = true;
    this.queue.refuseWaiting(error);
    this.dispatch();
    if (this.unsettled === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get heldEvents(): number {
    return this.queue.heldEvents;
  }

  get waitingEvents(): number {
    return this.queue.waitingEvents;
  }

  private accept(write: Write): void {
    write.acceptedAt = Date.now();
    write.timer = setTimeout(() => this.expire(write), this.options.appendTimeoutMs);
    this.unsettled++;
    this.schedule();
  }

  private schedule(): void {
    if (this.sending) return; // the request in flight sends whatever queued up when it returns
    if (this.flushing || this.queue.readyEvents >= this.options.maxEventsPerAppend) {
      this.dispatch();
      return;
    }
    this.linger ??= setTimeout(() => {
      this.linger = undefined;
      this.dispatch();
    }, this.options.lingerMs);
  }

  private dispatch(): void {
    clearTimeout(this.linger);
    this.linger = undefined;
    if (this.sending) return;
    const writes = this.queue.take(this.options.maxEventsPerAppend);
    if (writes.length === 0) return;
    for (const write of writes) write.sending = true;
    this.sending = this.send(writes).finally(() => {
      this.sending = undefined;
      // These waited a whole request already; no linger for them.
      if (this.queue.readyEvents > 0) this.dispatch();
    });
  }

  private async send(writes: Write[]): Promise<void> {
    const records = writes.length === 1 ? writes[0].records : writes.flatMap((write) => write.records);
    const started = performance.now();
    this.options.counters.logAppends++;
    let logged: LoggedEvent[];
    try {
      logged = await this.options.log.append(records);
      if (logged.length !== records.length) throw new Error(`the log answered ${logged.length} ids for ${records.length} records`);
    } catch (error) {
      const message = messageOf(error);
      this.lastError = { at: Date.now(), message };
      for (const write of writes) {
        this.queue.release(write.size);
        this.settle(write, new PublishError(`event log refused the write: ${message}`, undefined, { reason: 'log-failed', cause: error }));
      }
      return;
    }
    this.options.ackLatency.record(performance.now() - started);

    const inTime: Array<[Write, LoggedEvent[]]> = [];
    let offset = 0;
    for (const write of writes) {
      const events = logged.slice(offset, (offset += write.size));
      this.queue.release(write.size);
      if (write.settled) this.options.counters.eventsWrittenLate += write.size;
      else inTime.push([write, events]);
    }
    if (inTime.length > 0) {
      try {
        this.options.onWritten(inTime.length === 1 ? inTime[0][1] : inTime.flatMap(([, events]) => events));
      } catch (error) {
        // Announcing is best effort; it must not keep ids from callers whose events are written.
        console.error(`[rtdash] announcing written events failed: ${messageOf(error)}`);
      }
    }
    for (const [write, events] of inTime) this.settle(write, events);
  }

  private expire(write: Write): void {
    if (write.settled) return;
    const queued = !write.sending;
    if (queued && this.queue.remove(write)) this.queue.release(write.size);
    // A write already sent keeps its room until the log answers: its records are still in memory.
    const last = this.lastError && this.lastError.at >= write.acceptedAt ? `; last error: ${this.lastError.message}` : '';
    const where = queued ? ' (it was still queued behind an earlier write)' : '';
    this.settle(write, new PublishError(
      `publish timed out: ${this.options.logName} did not acknowledge within ${this.options.appendTimeoutMs} ms (appendTimeoutMs)${where}${last}`,
      undefined,
      { reason: 'timeout' },
    ));
  }

  private settle(write: Write, outcome: LoggedEvent[] | Error): void {
    if (write.settled) return;
    write.settled = true;
    clearTimeout(write.timer);
    if (outcome instanceof Error) {
      this.options.counters.eventsFailed += write.size;
      write.reject(outcome);
    } else {
      this.options.counters.eventsPublished += write.size;
      write.resolve(outcome);
    }
    if (--this.unsettled === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
