/**
 * The two storage seams every side programs against. The durable log (Kafka, or the embedded
 * in-memory log) holds full events and hands out ids; the notice bus (Redis Pub/Sub, or the
 * embedded bus) announces them fast and best effort. Types only: implementations live in
 * publisher/ and are wired into the gateway by the entry files.
 */
import type { EventId } from './ids.ts';
import type { LogRecord, LoggedEvent, Notice } from './events.ts';
import type { ResetReason } from './server-frames.ts';

export interface ReadResult {
  /** Events of the channel after the requested id, oldest first. */
  events: LoggedEvent[];
  /** Set when the request cannot be served without a gap; `events` is then empty. */
  reset?: ResetReason;
  /** True when more events follow the last one returned (the limit was reached). */
  more: boolean;
}

export interface EventLog {
  /** Appends records in order and resolves with their ids once the log holds them durably. */
  append(records: LogRecord[]): Promise<LoggedEvent[]>;
  /**
   * Events of `channel` strictly after `afterId`, oldest first, at most `limit`. Without an
   * id, from the oldest event still retained.
   */
  read(channel: string, afterId: EventId | undefined, limit: number): Promise<ReadResult>;
  /** The newest event of `channel`, if the log still holds one. */
  latest(channel: string): Promise<LoggedEvent | undefined>;
  /** Follows every event appended from now on, in log order per partition. Resolves with a stop function. */
  tail(onEvent: (event: LoggedEvent) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface NoticeBus {
  /** Announces notices; rejects when the bus cannot take them (the caller decides it is best effort). */
  publish(notices: Notice[]): Promise<void>;
  /** Starts receiving notices of `channel` on this bus connection. */
  subscribe(channel: string): Promise<void>;
  unsubscribe(channel: string): Promise<void>;
  /** Registers the one handler for every subscribed channel; returns a function that removes it. */
  onNotice(handler: (notice: Notice) => void): () => void;
  close(): Promise<void>;
}

/**
 * Which partition a channel lives in. Both logs use this one function (the Kafka adapter
 * produces with an explicit partition), so every channel maps to one partition and its ids
 * only grow. FNV-1a: cheap, stable across languages, well spread on short names.
 */
export function partitionFor(channel: string, partitionCount: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < channel.length; i++) {
    hash ^= channel.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitionCount;
}
