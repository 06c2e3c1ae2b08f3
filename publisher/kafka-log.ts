/**
 * The durable log on Kafka (kafkajs 2.2.4). One topic keyed by channel; every record goes to the
 * explicit partition `partitionFor(channel)`, so a channel lives in one partition and its ids
 * (`<partition>-<offset>`) only grow.
 *
 * Reads go through short-lived consumers placed at exact offsets (see PositionedConsumer below):
 * kafkajs has no group-less fetch API. A read costs one group join (tens of ms on a local
 * broker) plus the fetches; the group is deleted afterwards. A long-lived reader could replace
 * `scan()` without touching the rest.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, logLevel as LogLevel, type logCreator } from 'kafkajs';
import type { Admin, KafkaConfig, KafkaMessage, Producer, RetryOptions } from 'kafkajs';
import { PositionedConsumer } from './kafka-positioned-consumer.ts';
import { partitionFor } from '../protocol/log.ts';
import type { EventLog, ReadResult } from '../protocol/log.ts';
import { parseLogRecord } from '../protocol/events.ts';
import type { LogRecord, LoggedEvent } from '../protocol/events.ts';
import { formatId, parseId } from '../protocol/ids.ts';
import type { EventId } from '../protocol/ids.ts';

export interface KafkaLogOptions {
  brokers: string[];
  topic?: string;
  /** Used only when this log creates the topic; an existing topic keeps its own count. */
  partitions?: number;
  clientId?: string;
  /** Bounds each Kafka request, and each read, latest() and tail start as a whole. */
  requestTimeoutMs?: number;
  /**
   * Bounds each append as a whole (connecting, waiting for the previous send, kafkajs's own
   * retries): after this long it rejects even though kafkajs may still be trying. Default 5000 ms.
   */
  appendTimeoutMs?: number;
  logLevel?: LogLevel;
  /**
   * kafkajs retry settings for connecting, admin calls, reads and tails (kafkajs's defaults when
   * unset). The producer's reconnects are fitted to appendTimeoutMs instead.
   */
  retry?: RetryOptions;
  /** How many records latest() looks back through in the channel's partition before giving up. */
  latestScanLimit?: number;
}

// Kafka refuses record batches over max.message.bytes (1 MiB by default): larger appends are
// split into several sends of at most this many value bytes.
const MAX_SEND_BYTES = 512 * 1024;
// The first window latest() scans; the rest of latestScanLimit follows in one second window.
const LATEST_FIRST_WINDOW = 500;

export class KafkaLog implements EventLog {
  readonly topic: string;
  /** Records skipped because their value was not a valid LogRecord. */
  invalidRecords = 0;
  private readonly kafka: Kafka;
  private readonly options: Required<Omit<KafkaLogOptions, 'logLevel' | 'retry'>>;
  private readonly admin: Admin;
  private readonly producer: Producer;
  private partitionCount = 0;
  private connecting: Promise<void> | undefined;
  private readonly consumers = new Set<PositionedConsumer>();
  /** Ends scans in flight when the log closes, instead of letting them run into their timeout. */
  private readonly closing = new AbortController();
  private closed = false;
  /** Settles when the last send handed to kafkajs has settled: the next one starts after it. */
  private lastSend: Promise<void> = Promise.resolve();

  constructor(options: KafkaLogOptions) {
    // `??` per field, not a spread: `topic: process.env.RTDASH_TOPIC` may well be undefined.
    this.options = {
      brokers: options.brokers,
      topic: options.topic ?? 'rtdash.events',
      partitions: options.partitions ?? 3,
      clientId: options.clientId ?? 'rtdash',
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
      appendTimeoutMs: options.appendTimeoutMs ?? 5000,
      latestScanLimit: options.latestScanLimit ?? 10_000,
    };
    this.topic = this.options.topic;
    const client: KafkaConfig = {
      clientId: this.options.clientId,
      brokers: options.brokers,
      requestTimeout: this.options.requestTimeoutMs,
      connectionTimeout: Math.min(this.options.requestTimeoutMs, 3000),
      logLevel: options.logLevel ?? LogLevel.WARN,
      logCreator: kafkaLogLines,
    };
    this.kafka = new Kafka(options.retry ? { ...client, retry: options.retry } : client);
    this.admin = this.kafka.admin();
    // The producer has a client of its own whose reconnect attempts fit in appendTimeoutMs. With
    // kafkajs's defaults a send whose caller gave up (the broker went away) goes on reconnecting
    // for about 20 s, and keeps the process alive that long after close(). Its own retries stay
    // unlimited, as the idempotent producer needs to deduplicate them.
    this.producer = new Kafka({ ...client, retry: retryWithin(this.options.appendTimeoutMs) }).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Every message names its partition; this only silences kafkajs's partitioner warning.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /** Connects and makes sure the topic exists. Idempotent; every other method calls it. */
  connect(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('KafkaLog is closed'));
    this.connecting ??= this.doConnect().catch((error: unknown) => {
      this.connecting = undefined;
      throw new KafkaConnectError(`Kafka connect to ${this.options.brokers.join(',')} (topic ${this.topic}) failed: ${messageOf(error)}`, { cause: error });
    });
    return this.connecting;
  }

  /** True when the cluster answers a metadata request within `timeoutMs` (for readiness probes). */
  async probe(timeoutMs = 1000): Promise<boolean> {
    if (this.closed) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
    const answer = this.connect().then(() => this.admin.describeCluster()).then(() => true, () => false);
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async doConnect(): Promise<void> {
    await this.admin.connect();
    // Asked first: kafkajs logs an ERROR line for a CreateTopics of an existing topic, on every start.
    if (!(await this.admin.listTopics()).includes(this.topic)) {
      await this.admin.createTopics({
        topics: [{ topic: this.topic, numPartitions: this.options.partitions }],
        waitForLeaders: true,
        timeout: this.options.requestTimeoutMs,
      }); // resolves false when another process created it in between
    }
    const { topics } = await this.admin.fetchTopicMetadata({ topics: [this.topic] });
    this.partitionCount = topics[0]?.partitions.length ?? 0;
    if (this.partitionCount === 0) throw new Error(`topic ${this.topic} has no partitions`);
    await this.producer.connect();
  }

  /**
   * Rejects if any send fails, or after appendTimeoutMs. An append large enough to need several
   * sends is not atomic: earlier sends may be in the log although the call rejected.
   *
   * A timed-out append may still land. kafkajs cannot cancel a send: its idempotent producer
   * keeps retrying until the broker answers (deduplicating its own retries, so the records land
   * at most once), and the records then appear in the log after the call rejected. A caller must
   * read a timeout as "unknown": retrying it may store the events twice. Sends therefore run one
   * at a time, the next starting only once the previous one settled, even if its caller gave up:
   * a late write never lands behind a newer one, and an append whose time is up before its turn
   * comes is dropped without being sent.
   */
  append(records: LogRecord[]): Promise<LoggedEvent[]> {
    if (records.length === 0) return Promise.resolve([]);
    let givenUp = false;
    const turn = this.lastSend.then(() => {
      if (givenUp) throw new Error('the append was given up before its turn came');
      return this.write(records);
    });
    this.lastSend = turn.then(() => undefined, () => undefined);
    const brokers = this.options.brokers.join(',');
    return withTimeout(turn, this.options.appendTimeoutMs, `no acknowledgement from ${brokers}`).catch((error: unknown) => {
      givenUp = true;
      if (error instanceof KafkaConnectError) throw error;
      throw new Error(`Kafka append to topic ${this.topic} failed: ${messageOf(error)}`, { cause: error });
    });
  }

  private async write(records: LogRecord[]): Promise<LoggedEvent[]> {
    await this.connect();
    const events: LoggedEvent[] = [];
    const values = records.map((record) => JSON.stringify(logValue(record)));
    for (const [start, end] of chunksBySize(values)) events.push(...(await this.send(records.slice(start, end), values.slice(start, end))));
    return events;
  }

  /**
   * kafkajs sends one record batch per partition, in the order the messages were given, and
   * answers with that batch's base offset: the n-th message of a partition in this send gets
   * baseOffset + n.
   */
  private async send(records: LogRecord[], values: string[]): Promise<LoggedEvent[]> {
    const partitions = records.map((record) => partitionFor(record.channel, this.partitionCount));
    const metadata = await this.producer.send({
      topic: this.topic,
      acks: -1,
      timeout: this.options.requestTimeoutMs,
      messages: records.map((record, i) => ({ partition: partitions[i], key: record.channel, value: values[i] })),
    });
    const baseOffsets = new Map<number, number>();
    for (const entry of metadata) {
      if (entry.errorCode !== 0) throw new Error(`partition ${entry.partition} answered error code ${entry.errorCode}`);
      baseOffsets.set(entry.partition, Number(entry.baseOffset));
    }
    const used = new Map<number, number>();
    return records.map((record, i) => {
      const partition = partitions[i];
      const base = baseOffsets.get(partition);
      if (base === undefined || !Number.isSafeInteger(base)) throw new Error(`no offset came back for partition ${partition}`);
      const index = used.get(partition) ?? 0;
      used.set(partition, index + 1);
      return { ...logValue(record), id: formatId(partition, base + index) };
    });
  }

  async read(channel: string, afterId: EventId | undefined, limit: number): Promise<ReadResult> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`read limit must be a positive integer, got ${limit}`);
    return this.failingAs(`Kafka read of ${channel} from topic ${this.topic}`, () => this.readRange(channel, afterId, limit));
  }

  private async readRange(channel: string, afterId: EventId | undefined, limit: number): Promise<ReadResult> {
    await this.connect();
    const partition = partitionFor(channel, this.partitionCount);
    const { low, high } = await this.watermarks(partition);
    let from = low;
    if (afterId !== undefined) {
      const position = parseId(afterId);
      if (!position.ok) return { events: [], reset: 'unknown-id', more: false };
      // Another partition means the topic was recreated with another partition count.
      if (position.value.partition !== partition || position.value.offset >= high) return { events: [], reset: 'log-reset', more: false };
      if (position.value.offset + 1 < low) return { events: [], reset: 'too-old', more: false };
      from = position.value.offset + 1;
    }
    if (from >= high) return { events: [], more: false };
    // One event past the limit tells whether more follow.
    const events: LoggedEvent[] = [];
    await this.scan(partition, from, high, (event) => {
      if (event.channel === channel) events.push(event);
      return events.length <= limit;
    });
    const more = events.length > limit;
    return { events: more ? events.slice(0, limit) : events, more };
  }

  /**
   * Looks back at most `latestScanLimit` records of the channel's partition (a first small
   * window, then the rest): a channel quiet for longer than that in a busy partition answers
   * undefined, and the caller falls back to whatever snapshot it keeps.
   */
  latest(channel: string): Promise<LoggedEvent | undefined> {
    return this.failingAs(`Kafka latest of ${channel} from topic ${this.topic}`, () => this.findLatest(channel));
  }

  private async findLatest(channel: string): Promise<LoggedEvent | undefined> {
    await this.connect();
    const partition = partitionFor(channel, this.partitionCount);
    const { low, high } = await this.watermarks(partition);
    const floor = Math.max(low, high - this.options.latestScanLimit);
    let end = high;
    for (const size of [LATEST_FIRST_WINDOW, Number.POSITIVE_INFINITY]) {
      const start = Math.max(floor, end - size);
      if (start >= end) return undefined;
      let newest: LoggedEvent | undefined;
      await this.scan(partition, start, end, (event) => {
        if (event.channel === channel) newest = event;
        return true;
      });
      if (newest) return newest;
      end = start;
    }
    return undefined;
  }

  tail(onEvent: (event: LoggedEvent) => void): Promise<() => Promise<void>> {
    return this.failingAs(`Kafka tail of topic ${this.topic}`, () => this.startTail(onEvent));
  }

  private async startTail(onEvent: (event: LoggedEvent) => void): Promise<() => Promise<void>> {
    await this.connect();
    // Positions taken now: whatever is appended after this call lies at or past them, however
    // long the group join below takes.
    const offsets = await this.admin.fetchTopicOffsets(this.topic);
    const start = new Map(offsets.map(({ partition, high }) => [partition, Number(high)]));
    const consumer = new PositionedConsumer(this.kafka, this.admin, {
      topic: this.topic,
      groupId: `${this.options.clientId}-tail-${randomUUID()}`,
      start,
      maxWaitTimeInMs: 500,
      onMessage: (partition, message) => {
        const event = this.toEvent(partition, message);
        if (!event) return true;
        try {
          onEvent(event);
        } catch (error) {
          // A failing handler must not stall the tail or replay the batch to the others.
          console.error(`KafkaLog tail handler failed on ${event.id}: ${messageOf(error)}`);
        }
        return true;
      },
      onCrash: (error) => console.error(`KafkaLog tail of topic ${this.topic} stopped: ${error.message}`),
    });
    this.consumers.add(consumer);
    try {
      await withTimeout(consumer.start(), this.options.requestTimeoutMs, 'the consumer did not start');
    } catch (error) {
      await this.retire(consumer);
      throw error;
    }
    return () => this.retire(consumer);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort();
    await Promise.all([...this.consumers].map((consumer) => this.retire(consumer)));
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }

  /**
   * Visits the events at offsets [from, until) of one partition in order, until `visit`
   * returns false. Bounded by requestTimeoutMs as a whole. The one place that reads a range.
   */
  private async scan(partition: number, from: number, until: number, visit: (event: LoggedEvent) => boolean): Promise<void> {
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    let finished = false;
    let crash!: (error: Error) => void;
    const crashed = new Promise<never>((_, reject) => (crash = reject));
    const onClose = () => crash(new Error('the log was closed'));
    this.closing.signal.addEventListener('abort', onClose);
    const consumer = new PositionedConsumer(this.kafka, this.admin, {
      topic: this.topic,
      groupId: `${this.options.clientId}-read-${randomUUID()}`,
      start: new Map([[partition, from]]),
      maxWaitTimeInMs: 100,
      onMessage: (_, message) => {
        if (finished) return false;
        const offset = Number(message.offset);
        const event = offset < until ? this.toEvent(partition, message) : undefined;
        const wantsMore = event ? visit(event) : true;
        if (!wantsMore || offset >= until - 1) {
          finished = true;
          finish();
          return false;
        }
        return true;
      },
      onCrash: (error) => crash(error),
    });
    this.consumers.add(consumer);
    try {
      const started = consumer.start();
      await withTimeout(Promise.race([started.then(() => done), crashed]), this.options.requestTimeoutMs,
        `scanning partition ${partition} (offsets ${from}..${until - 1}) timed out`);
    } finally {
      finished = true;
      this.closing.signal.removeEventListener('abort', onClose);
      crashed.catch(() => {});
      // Not awaited: the answer is ready; close() waits for the consumer to leave and its group to go.
      void this.retire(consumer);
    }
  }

  private async failingAs<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new Error(`${what} failed: ${messageOf(error)}`, { cause: error });
    }
  }

  private async retire(consumer: PositionedConsumer): Promise<void> {
    await consumer.stop();
    this.consumers.delete(consumer);
  }

  private toEvent(partition: number, message: KafkaMessage): LoggedEvent | undefined {
    const parsed = message.value ? parseLogRecord(message.value.toString('utf8')) : undefined;
    if (!parsed?.ok || parsed.value.channel !== message.key?.toString('utf8')) {
      this.invalidRecords++;
      return undefined;
    }
    return { ...logValue(parsed.value), id: formatId(partition, message.offset) };
  }

  private async watermarks(partition: number): Promise<{ low: number; high: number }> {
    const offsets = await this.admin.fetchTopicOffsets(this.topic);
    const entry = offsets.find((candidate) => candidate.partition === partition);
    if (!entry) throw new Error(`Kafka topic ${this.topic} has no partition ${partition}`);
    return { low: Number(entry.low), high: Number(entry.high) };
  }
}

const LEVEL_NAMES: Record<number, string> = { [LogLevel.ERROR]: 'error', [LogLevel.WARN]: 'warn', [LogLevel.INFO]: 'info', [LogLevel.DEBUG]: 'debug' };

/**
 * kafkajs log entries as JSON lines on stderr, like the gateway's own logs. The warning about
 * limited producer retries is dropped: the limit is deliberate (see retryWithin) and the
 * warning would otherwise print on every start.
 */
const kafkaLogLines: logCreator = () => ({ namespace, level, log }) => {
  const { message, timestamp, ...fields } = log;
  if (message.startsWith('Limiting retries for the idempotent producer')) return;
  process.stderr.write(`${JSON.stringify({ ts: timestamp, level: LEVEL_NAMES[level] ?? level, name: `kafkajs.${namespace}`, msg: message, ...fields })}\n`);
};

/** kafkajs retry settings whose nominal delays (100 ms doubling up to 1 s) add up to about `budgetMs`. */
function retryWithin(budgetMs: number): RetryOptions {
  const initialRetryTime = 100;
  const maxRetryTime = 1000;
  let retries = 0;
  for (let delay = initialRetryTime, total = 0; total < budgetMs; retries++, delay = Math.min(delay * 2, maxRetryTime)) total += delay;
  return { initialRetryTime, maxRetryTime, retries: Math.max(1, retries) };
}

/** A failed connect: its message names brokers and topic already, so append passes it on as is. */
class KafkaConnectError extends Error {}

/** Only the LogRecord fields, so a LoggedEvent handed back in does not smuggle its id into the value. */
function logValue(record: LogRecord): LogRecord {
  const value: LogRecord = { channel: record.channel, ts: record.ts, data: record.data };
  if (record.hint !== undefined) value.hint = record.hint;
  return value;
}

/** [start, end) index ranges of `values`, each under MAX_SEND_BYTES (or a single larger value). */
function chunksBySize(values: string[]): Array<[number, number]> {
  const chunks: Array<[number, number]> = [];
  let start = 0;
  let bytes = 0;
  values.forEach((value, i) => {
    const size = Buffer.byteLength(value);
    if (i > start && bytes + size > MAX_SEND_BYTES) {
      chunks.push([start, i]);
      start = i;
      bytes = 0;
    }
    bytes += size;
  });
  if (start < values.length) chunks.push([start, values.length]);
  return chunks;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
