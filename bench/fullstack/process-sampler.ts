/**
 * RSS and event-loop delay over time, for the gateways (from their /metrics) and the publisher
 * (this process: the publisher, its bookkeeping, nothing else; the clients live in children).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { readGatewayMetrics } from './gateway-metrics.ts';

export interface ProcessSample {
  /** Seconds since sampling started. */
  at: number;
  rssMb: number;
  loopDelayP99Ms: number;
}

export type SampleSeries = Record<string, ProcessSample[]>;

export function sampleProcesses(gateways: Array<{ name: string; httpUrl: string }>, intervalMs: number): { stop(): Promise<SampleSeries> } {
  const series: SampleSeries = { publisher: [], ...Object.fromEntries(gateways.map((gateway) => [gateway.name, []])) };
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = Date.now();
  let running = true;
  const done = (async () => {
    while (running) {
      await sleep(intervalMs);
      const at = (Date.now() - started) / 1000;
      series.publisher.push({ at, rssMb: process.memoryUsage().rss / 2 ** 20, loopDelayP99Ms: loop.percentile(99) / 1e6 });
      loop.reset();
      for (const gateway of gateways) {
        const figures = await readGatewayMetrics(gateway.httpUrl).catch(() => undefined);
        if (figures) series[gateway.name].push({ at, rssMb: figures.rssBytes / 2 ** 20, loopDelayP99Ms: figures.loopDelayP99Ms });
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      loop.disable();
      return series;
    },
  };
}

/**
 * Growth over the second half of a run: the mean of the last three samples against the mean of
 * the three around the middle (single samples are noisy: GC, a scrape landing in a burst).
 */
export function secondHalfGrowth(samples: ProcessSample[], pick: (sample: ProcessSample) => number): number {
  if (samples.length < 6) return NaN;
  const mid = Math.floor(samples.length / 2);
  const mean = (values: ProcessSample[]) => values.reduce((total, sample) => total + pick(sample), 0) / values.length;
  return mean(samples.slice(-3)) / mean(samples.slice(mid - 1, mid + 2)) - 1;
}
