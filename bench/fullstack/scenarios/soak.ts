/**
 * Scenario 4, soak: `clients` Node clients on two channels each, the publisher at
 * `eventsPerSecond` over `channels` channels, for `durationMs`; gateway and publisher RSS and
 * event-loop delay sampled throughout, their growth over the second half computed, and every
 * client's receipts judged at the end (nothing lost, nothing twice).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { channelNames, channelSets } from '../client-channels.ts';
import { ClientFleet } from '../client-fleet.ts';
import { waitForClients } from '../fault-run.ts';
import { sampleProcesses, secondHalfGrowth, type SampleSeries } from '../process-sampler.ts';
import { SequencedPublisher } from '../sequenced-publisher.ts';
import { startFullStack } from '../stack.ts';

export interface SoakOptions {
  clients: number;
  processes: number;
  channels: number;
  eventsPerSecond: number;
  durationMs: number;
  /** Publishing before sampling starts (JIT, heaps and Kafka batches settling). */
  warmMs: number;
  sampleEveryMs: number;
  log: (line: string) => void;
}

export interface SoakResult {
  series: SampleSeries;
  /** Per process: RSS and event-loop delay p99 growth over the second half (0.05 = 5%). */
  growth: Record<string, { rss: number; loopDelay: number; rssStartMb: number; rssEndMb: number }>;
  /** Acknowledged over the sampled part of the run (after the warm-up). */
  achievedEventsPerSecond: number;
  failedBatches: number;
  lost: number;
  duplicates: number;
  /** Clients that were not open at the end, or reconnected during the run. */
  reconnects: number;
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const stack = await startFullStack({ partitions: 6, log: options.log });
  const channels = channelNames('fullstack.soak', options.channels);
  const publisher = new SequencedPublisher(stack.publisher.publisher, channels, { eventsPerSecond: options.eventsPerSecond, recordSendTimes: false });
  const fleet = new ClientFleet(options.processes);
  try {
    await fleet.start(stack.nginx.wsUrl, channelSets(channels, options.clients, 2), {}, 5000);
    await waitForClients(fleet, `${options.clients} clients open`, 60_000);
    publisher.start();
    await sleep(options.warmMs);
    const started = Date.now();
    const ackedAtStart = publisher.progress().acked;
    const sampler = sampleProcesses(stack.gateways, options.sampleEveryMs);
    while (Date.now() - started < options.durationMs) {
      await sleep(Math.min(30_000, options.durationMs - (Date.now() - started)));
      options.log(`soak: ${Math.round((Date.now() - started) / 1000)} s, ${publisher.progress().acked} events acknowledged`);
    }
    const series = await sampler.stop();
    const elapsed = (Date.now() - started) / 1000;
    const owed = publisher.highestAcked();
    await publisher.stop();
    const progress = publisher.progress();
    await waitForClients(fleet, 'every client caught up', 60_000, owed).catch((error) => options.log((error as Error).message));
    const acks = publisher.acks().map((ack) => ({ ...ack, published: owed[ack.channel] + 1 }));
    const reports = await fleet.reports(acks);
    const growth = Object.fromEntries(Object.entries(series).map(([name, samples]) => [name, {
      rss: secondHalfGrowth(samples, (sample) => sample.rssMb),
      loopDelay: secondHalfGrowth(samples, (sample) => sample.loopDelayP99Ms),
      rssStartMb: samples[0]?.rssMb ?? NaN,
      rssEndMb: samples.at(-1)?.rssMb ?? NaN,
    }]));
    return {
      series, growth,
      achievedEventsPerSecond: (progress.acked - ackedAtStart) / elapsed,
      failedBatches: progress.failedBatches,
      lost: reports.reduce((total, report) => total + report.lost, 0),
      duplicates: reports.reduce((total, report) => total + report.duplicates, 0),
      reconnects: reports.reduce((total, report) => total + report.opens.length - 1 + (report.open ? 0 : 1), 0),
    };
  } finally {
    await publisher.stop();
    await fleet.close();
    await stack.stop();
  }
}
