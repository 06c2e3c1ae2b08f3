/** The tables `npm run chaos` prints (Markdown, so they go into docs/RELIABILITY.md as they are). */
import { fixed, int, table } from '../gateway/table.ts';
import type { FaultResult } from './fault-run.ts';
import type { LatencyRow } from './scenarios/latency.ts';
import type { SoakResult } from './scenarios/soak.ts';
import type { StormResult } from './scenarios/storm.ts';

const ms = (value: number | undefined) => (value === undefined ? 'never' : `${fixed(value / 1000, 1)} s`);
const percent = (share: number) => `${fixed(share * 100, 1)}%`;

export function latencyTable(rows: LatencyRow[], windowMs: number): string {
  return table(
    ['published events/s (target)', 'achieved', 'measured at', 'samples', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    rows.map((row) => [int(row.rate), int(row.acked / (windowMs / 1000)), row.transport === 'websocket' || row.transport === 'sse' ? `DOM, ${row.transport} page` : row.transport, int(row.samples), fixed(row.p50), fixed(row.p95), fixed(row.p99), fixed(row.max)]),
  );
}

export function faultTable(results: FaultResult[]): string {
  return table(
    ['fault', 'clients', 'affected', 'acked events lost', 'duplicates as new', 'out of order', 'failed publishes', 'all back', 'recovered', 'peak reconnects/s'],
    results.map((result) => [
      result.name, int(result.clients), int(result.affected), int(result.lost), int(result.duplicates), int(result.outOfOrder),
      `${int(result.failedBatches)} batch(es)`, result.affected ? ms(result.allBackMs) : '—', ms(result.recoveryMs),
      result.affected ? `${percent(result.peakShareOfAll)} of all, ${percent(result.peakShareOfAffected)} of affected` : '—',
    ]),
  );
}

export function stormTimeline(result: StormResult): string {
  const seconds = Math.max(result.reconnectsPerSecond.length, result.survivorConnections.length);
  return table(
    ['second after the kill', 'reconnects', 'survivor connections'],
    Array.from({ length: seconds }, (_, i) => [String(i), int(result.reconnectsPerSecond[i] ?? 0), result.survivorConnections[i] === undefined ? '—' : int(result.survivorConnections[i])]),
  );
}

export function soakTable(result: SoakResult): string {
  return table(
    ['process', 'RSS first → last sample MB', 'RSS growth, 2nd half', 'loop delay p99 ms (min–max of samples)', 'loop delay growth, 2nd half'],
    Object.entries(result.growth).map(([name, growth]) => {
      const delays = result.series[name].map((sample) => sample.loopDelayP99Ms);
      return [name, `${fixed(growth.rssStartMb, 0)} → ${fixed(growth.rssEndMb, 0)}`, percent(growth.rss),
        `${fixed(Math.min(...delays), 0)}–${fixed(Math.max(...delays), 0)}`, percent(growth.loopDelay)];
    }),
  );
}

export function soakSeries(result: SoakResult): string {
  const names = Object.keys(result.series);
  const rows = result.series[names[0]].map((sample, i) => [
    fixed(sample.at, 0), ...names.map((name) => {
      const at = result.series[name][i];
      return at ? `${fixed(at.rssMb, 0)} MB / ${fixed(at.loopDelayP99Ms, 0)} ms` : '—';
    }),
  ]);
  return table(['s', ...names.map((name) => `${name} RSS / loop p99`)], rows);
}
