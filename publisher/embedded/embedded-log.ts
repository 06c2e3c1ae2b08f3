/**
 * The embedded durable log: an in-memory stand-in for Kafka with the same seam and the same
 * id form, so one process runs the whole stack on one machine. Bounded: each partition keeps
 * the newest `retainPerPartition` events; a read behind that gets an explicit `too-old` reset.
 */
import {
  formatId, parseId, partitionFor,
  type EventId, type EventLog, type LogRecord, type LoggedEvent, type ReadResult,
} from '../../protocol/index.ts';

export interface EmbeddedLogOptions {
  /** Partitions, as a Kafka topic would have; channels are spread by `partitionFor`. */
  partitions?: number;
  /** Events kept per partition before the oldest are dropped. */
  retainPerPartition?: number;
}

interface Partition {
  /** Offset of `events[0]`. */
  firstOffset: number;
  events: LoggedEvent[];
}

export class EmbeddedLog implements EventLog {
  readonly partitionCount: number;
  private readonly retain: number;
  private readonly partitions: Partition[];
  /** Per channel, the offsets of its events in its partition, oldest first. */
  private readonly channelOffsets = new Map<string, number[]>();
  private readonly tails = new Set<(event: LoggedEvent) => void>();
  private closed = false;

  constructor(options: EmbeddedLogOptions = {}) {
    this.partitionCount = options.partitions ?? 1;
    this.retain = options.retainPerPartition ?? 100_000;
    this.partitions = Array.from({ length: this.partitionCount }, () => ({ firstOffset: 0, events: [] }));
  }

  async append(records: LogRecord[]): Promise<LoggedEvent[]> {
    if (this.closed) throw new Error('embedded log is closed');
    const appended = records.map((record) => this.appendOne(record));
    // Deliver after the whole batch is stored, as a consumer would see a committed batch.
    for (const event of appended) for (const tail of this.tails) tail(event);
    return appended;
  }

  private appendOne(record: LogRecord): LoggedEvent {
    const partitionNo = partitionFor(record.channel, this.partitionCount);
    const partition = this.partitions[partitionNo];
    const offset = partition.firstOffset + partition.events.length;
    const event: LoggedEvent = { ...record, id: formatId(partitionNo, offset) };
    partition.events.push(event);
    let offsets = this.channelOffsets.get(record.channel);
    if (!offsets) this.channelOffsets.set(record.channel, (offsets = []));
    offsets.push(offset);
    if (partition.events.length > this.retain) this.trim(partition);
    return event;
  }

  /** Drops the oldest tenth at once so trimming is amortised, not a shift per append. */
  private trim(partition: Partition): void {
    const drop = Math.max(1, Math.floor(this.retain / 10));
    const dropped = partition.events.splice(0, drop);
    partition.firstOffset += drop;
    for (const channel of new Set(dropped.map((event) => event.channel))) {
      const offsets = this.channelOffsets.get(channel)!;
      const keepFrom = lowerBound(offsets, partition.firstOffset);
      if (keepFrom >= offsets.length) this.channelOffsets.delete(channel);
      else offsets.splice(0, keepFrom);
    }
  }

  async read(channel: string, afterId: EventId | undefined, limit: number): Promise<ReadResult> {
    const partitionNo = partitionFor(channel, this.partitionCount);
    const partition = this.partitions[partitionNo];
    const nextOffset = partition.firstOffset + partition.events.length;
    let from = partition.firstOffset;
    if (afterId !== undefined) {
      const position = parseId(afterId, 'after');
      if (!position.ok || position.value.partition !== partitionNo || position.value.offset >= nextOffset) {
        return { events: [], reset: 'log-reset', more: false };
      }
      from = position.value.offset + 1;
      // The event right after the client's position must still be here, or something is lost.
      if (from < partition.firstOffset) return { events: [], reset: 'too-old', more: false };
    }
    const offsets = this.channelOffsets.get(channel) ?? [];
    const start = lowerBound(offsets, from);
    const end = Math.min(offsets.length, start + limit);
    const events = offsets.slice(start, end).map((offset) => partition.events[offset - partition.firstOffset]);
    return { events, more: end < offsets.length };
  }

  async latest(channel: string): Promise<LoggedEvent | undefined> {
    const offsets = this.channelOffsets.get(channel);
    if (!offsets?.length) return undefined;
    const partition = this.partitions[partitionFor(channel, this.partitionCount)];
    return partition.events[offsets[offsets.length - 1] - partition.firstOffset];
  }

  async tail(onEvent: (event: LoggedEvent) => void): Promise<() => Promise<void>> {
    this.tails.add(onEvent);
    return async () => {
      this.tails.delete(onEvent);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.tails.clear();
  }
}

/** First index whose value is >= target in an ascending array. */
function lowerBound(values: number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
