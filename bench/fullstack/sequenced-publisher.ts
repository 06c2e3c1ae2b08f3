/**
 * Publishes numbered events at a steady rate through the real DualPublisher and keeps what the
 * checks need: per channel, which numbers were acknowledged (publishBatch resolved) and when
 * each was sent. Every event carries `{ n, sent }` as data and as hint, so a page can show the
 * send time and a client can tell a gap or a duplicate from the number alone.
 *
 * One batch is in flight at a time, so each channel's events reach the log in number order.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { DualPublisher } from '../../publisher/dual-publisher.ts';

/** What the clients need to judge their receipts of one channel. */
/** DualPublisher's default limit of events per publishBatch call. */
const MAX_BATCH = 1000;

export interface ChannelAcks {
  channel: string;
  /** Numbers 0 … published-1 were attempted. */
  published: number;
  /** Numbers whose batch failed (never acknowledged, so never owed to a client). */
  unacked: number[];
}

export interface PublisherProgress {
  published: number;
  acked: number;
  failedBatches: number;
  lastError: string | undefined;
}

export class SequencedPublisher {
  readonly channels: string[];
  #next: number[];
  #sentAt: Float64Array[];
  #unacked: number[][];
  #highestAcked: number[];
  #acked = 0;
  #failedBatches = 0;
  #lastError: string | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;
  #rate: number;

  readonly #recordSendTimes: boolean;
  /** Per acknowledged batch since the last takeAckTimes(): send time to publishBatch resolving, ms. */
  #ackTimes: number[] = [];

  /** `recordSendTimes: false` (a long soak) keeps no per-event send time, so this process's memory stays flat. */
  constructor(private readonly publisher: DualPublisher, channels: string[], options: { eventsPerSecond: number; recordSendTimes?: boolean }) {
    if (channels.length === 0) throw new Error('SequencedPublisher needs at least one channel');
    this.channels = channels;
    this.#rate = options.eventsPerSecond;
    this.#recordSendTimes = options.recordSendTimes ?? true;
    this.#next = channels.map(() => 0);
    this.#sentAt = channels.map(() => new Float64Array(1024));
    this.#unacked = channels.map(() => []);
    this.#highestAcked = channels.map(() => -1);
  }

  /** Starts publishing `eventsPerSecond` events, round robin over the channels. */
  start(tickMs = 10): void {
    if (this.#running) throw new Error('already started');
    this.#running = this.#loop(tickMs);
  }

  /** Changes the rate from the next tick on. */
  setRate(eventsPerSecond: number): void {
    this.#rate = eventsPerSecond;
  }

  /** Ends after the batch in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#running;
  }

  progress(): PublisherProgress {
    return { published: this.#next.reduce((a, b) => a + b, 0), acked: this.#acked, failedBatches: this.#failedBatches, lastError: this.#lastError };
  }

  acks(): ChannelAcks[] {
    return this.channels.map((channel, i) => ({ channel, published: this.#next[i], unacked: [...this.#unacked[i]] }));
  }

  /**
   * The publisher's share of the latency: for each batch acknowledged since the last call, ms
   * from its send time to publishBatch resolving (the Kafka write; the notice goes out after it).
   * Kept only with recordSendTimes.
   */
  takeAckTimes(): number[] {
    const times = this.#ackTimes;
    this.#ackTimes = [];
    return times;
  }

  /** Per channel name, the highest acknowledged number (-1 for none). */
  highestAcked(): Record<string, number> {
    return Object.fromEntries(this.channels.map((channel, i) => [channel, this.#highestAcked[i]]));
  }

  /** Per channel name, the highest number sent at or before `time` (-1 for none). */
  lastSentBy(time: number): Record<string, number> {
    if (!this.#recordSendTimes) throw new Error('lastSentBy needs a SequencedPublisher made with recordSendTimes');
    return Object.fromEntries(this.channels.map((channel, i) => {
      let n = this.#next[i] - 1;
      while (n >= 0 && this.#sentAt[i][n] > time) n--;
      return [channel, n];
    }));
  }

  async #loop(tickMs: number): Promise<void> {
    let owed = 0;
    let cursor = 0;
    let last = Date.now();
    while (!this.#stopped) {
      await sleep(tickMs);
      if (this.#stopped) break;
      // What the rate owes since the last batch: a slow acknowledgement makes the next batch
      // bigger, up to the publisher's batch limit; beyond that the schedule is dropped, not
      // caught up in a burst (Kafka down: the outage shows as fewer events).
      const now = Date.now();
      owed += (this.#rate * (now - last)) / 1000;
      last = now;
      const size = Math.min(Math.floor(owed), MAX_BATCH);
      owed = size === MAX_BATCH ? 0 : owed - size;
      if (size === 0) continue;
      const numbered: Array<{ index: number; n: number }> = [];
      const events = Array.from({ length: size }, () => {
        const index = cursor;
        cursor = (cursor + 1) % this.channels.length;
        const n = this.#claim(index, now);
        numbered.push({ index, n });
        const data = { n, sent: now };
        return { channel: this.channels[index], data, hint: data, ts: now };
      });
      try {
        await this.publisher.publishBatch(events);
        if (this.#recordSendTimes) this.#ackTimes.push(Date.now() - now);
        this.#acked += size;
        for (const { index, n } of numbered) this.#highestAcked[index] = Math.max(this.#highestAcked[index], n);
      } catch (error) {
        this.#failedBatches++;
        this.#lastError = (error as Error).message;
        for (const { index, n } of numbered) this.#unacked[index].push(n);
      }
    }
  }

  #claim(index: number, sent: number): number {
    const n = this.#next[index]++;
    if (!this.#recordSendTimes) return n;
    if (n >= this.#sentAt[index].length) {
      const grown = new Float64Array(this.#sentAt[index].length * 2);
      grown.set(this.#sentAt[index]);
      this.#sentAt[index] = grown;
    }
    this.#sentAt[index][n] = sent;
    return n;
  }
}
