/**
 * The three ways the publisher is driven. Every latency is from the moment the event was due
 * (or the call was made) until publish()/publishBatch() resolved: the log acknowledged it
 * (Kafka: acks = all on the idempotent producer).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventInput, LoggedEvent } from '../../protocol/index.ts';
import { Samples } from './stats.ts';

export interface BenchPublisher {
  publish(event: EventInput): Promise<LoggedEvent>;
  publishBatch(events: EventInput[]): Promise<LoggedEvent[]>;
}

export interface Outcome {
  eventsPerSecond: number;
  samples: Samples;
  errors: number;
}

const CHANNELS = 64;
let sequence = 0;

/** A price update shaped like the simulator's (about 150 bytes of data), spread over 64 channels. */
export function priceEvent(): EventInput {
  const n = sequence++;
  const symbol = `S${n % CHANNELS}`;
  const price = 100 + (n % 1000) / 100;
  return {
    channel: `bench.prices.${symbol}`,
    data: { symbol, price, open: 100, change: price - 100, changePct: (price - 100) / 100, volume: n, seq: n },
    hint: { price },
  };
}

/**
 * `callers` loops, each with one batch in flight, for `seconds`. One caller is a producer loop
 * that awaits every batch; several let the next batch be built and checked while one is on the
 * wire, as several request handlers or worker loops of a service would.
 */
export async function batched(publisher: BenchPublisher, batchSize: number, seconds: number, callers = 1): Promise<Outcome> {
  const samples = new Samples();
  let events = 0;
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < until) {
      const batch = Array.from({ length: batchSize }, priceEvent);
      const sent = performance.now();
      try {
        await publisher.publishBatch(batch);
        samples.add(performance.now() - sent);
        events += batchSize;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: callers }, loop));
  return { eventsPerSecond: events / ((performance.now() - started) / 1000), samples, errors };
}

/**
 * Open loop: events are due at a fixed rate whether or not earlier ones were acknowledged, and
 * latency counts from when each was due, so a stall shows up in the percentiles instead of
 * quietly slowing the sender down (no coordinated omission).
 */
export async function openLoop(publisher: BenchPublisher, ratePerSecond: number, seconds: number): Promise<Outcome> {
  const samples = new Samples();
  const interval = 1000 / ratePerSecond;
  const total = Math.round(ratePerSecond * seconds);
  let issued = 0;
  let acked = 0;
  let errors = 0;
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  while (issued < total) {
    const now = performance.now();
    for (; issued < total && started + issued * interval <= now; issued++) {
      const due = started + issued * interval;
      const done: Promise<void> = publisher.publish(priceEvent()).then(
        () => { samples.add(performance.now() - due); acked++; },
        () => { errors++; },
      ).finally(() => inFlight.delete(done));
      inFlight.add(done);
    }
    await sleep(Math.max(0, started + issued * interval - performance.now()));
  }
  await Promise.all(inFlight);
  return { eventsPerSecond: acked / ((performance.now() - started) / 1000), samples, errors };
}

/** One publish at a time, each awaited: the latency floor and what a naive caller gets. */
export async function sequential(publisher: BenchPublisher, seconds: number): Promise<Outcome> {
  const samples = new Samples();
  let events = 0;
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until) {
    const sent = performance.now();
    try {
      await publisher.publish(priceEvent());
      samples.add(performance.now() - sent);
      events++;
    } catch {
      errors++;
    }
  }
  return { eventsPerSecond: events / ((performance.now() - started) / 1000), samples, errors };
}
