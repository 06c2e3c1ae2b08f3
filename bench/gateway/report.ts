/**
 * The tables issue 4 asks for, one per metric with the servers side by side, the ratios, and
 * a verdict per target. "rtdash" in the ratios is the production topology (Kafka + Redis).
 */
import type { BenchConfig } from './config.ts';
import {
  completeness, cpuPct, deliveredPerSec, keptUp, latencyQuantile, p99NoWorse, peakDelivered, perConnectionKb, sustainedRate,
  type StepResult, type TargetResult,
} from './results.ts';
import { fixed, int, ratio, table } from './table.ts';
import { verdicts } from './verdicts.ts';

export function report(results: TargetResult[], config: BenchConfig): string {
  const ok = results.filter((result) => result.steps.length > 0);
  const rtdash = ok.find((result) => result.spec.name === 'rtdash') ?? ok.find((result) => result.spec.name.startsWith('rtdash'));
  const socketio = ok.find((result) => result.spec.name === 'socketio');
  const ws = ok.find((result) => result.spec.name === 'ws');
  const ceiling = ok.find((result) => result.spec.name === 'ceiling');
  const sections = [
    deliveredTable(ok, config, rtdash, socketio, ws),
    latencyTable(ok, config, rtdash, socketio),
    fullEventTable(ok, config),
    loadTable(ok, config),
    costTable(ok, config),
    memoryTable(results),
    verdicts(rtdash, socketio, ws, ceiling),
  ];
  const failures = results.filter((result) => result.error).map((result) => `${result.spec.label} failed: ${result.error}`);
  const notes = results.flatMap((result) => {
    const lines: string[] = [];
    if (Object.keys(result.closes).length > 0) lines.push(`${result.spec.label}: connections closed by the server during the run, by close code: ${JSON.stringify(result.closes)}`);
    const disturbed = result.steps.filter((step) => cpuPct(step, othersMs(step)) > DISTURBED_PCT);
    if (disturbed.length > 0) lines.push(`WARNING ${result.spec.label}: processes outside the bench took over ${DISTURBED_PCT}% of a core at ${disturbed.map((step) => `${step.rate} ev/s`).join(', ')}; those steps understate it`);
    const errors = result.steps.filter((step) => step.publishErrors > 0);
    if (errors.length > 0) lines.push(`${result.spec.label}: publish errors at ${errors.map((step) => `${step.rate} ev/s: ${step.publishErrors}`).join(', ')} (last: ${errors.at(-1)!.lastPublishError})`);
    return lines;
  });
  return [...sections.filter(Boolean), ...failures, ...notes].join('\n\n');
}

// "Everything else" above this share of a core means another job ran on the machine.
const DISTURBED_PCT = 25;

/** CPU the machine spent outside the bench's processes and the shared Redis and Kafka. */
function othersMs({ load }: StepResult): number {
  return Math.max(0, load.machine - load.server - load.clients - (load.publisher ?? 0) - load.redis - load.kafka);
}

const stepAt = (result: TargetResult, index: number): StepResult | undefined => result.steps[index];
const ranRates = (results: TargetResult[], config: BenchConfig) => config.rates.filter((_, i) => results.some((result) => stepAt(result, i)));

function deliveredTable(results: TargetResult[], config: BenchConfig, rtdash?: TargetResult, socketio?: TargetResult, ws?: TargetResult): string {
  const headers = ['offered ev/s', 'owed deliveries/s', ...results.map((result) => result.spec.label)];
  const others = [socketio, ws].filter((other): other is TargetResult => Boolean(rtdash && other));
  for (const other of others) headers.push(`${rtdash!.spec.name} ÷ ${other.spec.name}`);
  // Nominal: round-robin publishing gives every channel the same rate, so each event owes the
  // mean fan-out. (A target's own figure can fall short when its publisher cannot keep the pace.)
  const meanFanout = (config.clients * config.subscriptionsPerClient) / config.channels;
  const rows = ranRates(results, config).map((rate) => {
    const i = config.rates.indexOf(rate);
    const row = [int(rate), int(rate * meanFanout)];
    for (const result of results) {
      const step = stepAt(result, i);
      row.push(step ? `${int(deliveredPerSec(step))}${keptUp(step) ? '' : ' ✗'}` : '');
    }
    for (const other of others) {
      const mine = stepAt(rtdash!, i);
      const theirs = stepAt(other, i);
      row.push(mine && theirs ? ratio(deliveredPerSec(mine), deliveredPerSec(theirs)) : '');
    }
    return row;
  });
  const peak = ['**peak**', '', ...results.map((result) => `**${int(peakDelivered(result))}**`)];
  for (const other of others) peak.push(`**${ratio(peakDelivered(rtdash!), peakDelivered(other))}**`);
  const sustained = ['kept up to (ev/s)', '', ...results.map((result) => int(sustainedRate(result)))];
  for (const other of others) sustained.push(ratio(sustainedRate(rtdash!), sustainedRate(other)));
  return `Delivered events/s at the clients (distinct events per client; ✗ = did not keep up: under 99% delivered within ${config.drainMs / 1000} s of the step's end, or under 95% of the owed rate; a target stops at its first ✗)\n\n` +
    table(headers, [...rows, peak, sustained]);
}

function latencyCell(step: StepResult | undefined, drainMs: number): string {
  if (!step) return '';
  const late = `>${(drainMs / 1000).toFixed(1)}s`;
  const p50 = latencyQuantile(step, 0.5);
  const p99 = latencyQuantile(step, 0.99);
  return `${p50 === undefined ? late : fixed(p50)} / ${p99 === undefined ? late : fixed(p99)}`;
}

function latencyTable(results: TargetResult[], config: BenchConfig, rtdash?: TargetResult, socketio?: TargetResult): string {
  const headers = ['offered ev/s', ...results.map((result) => result.spec.label)];
  if (rtdash && socketio) headers.push(`${rtdash.spec.name} p99 ≤ socketio p99`);
  const rows = ranRates(results, config).map((rate) => {
    const i = config.rates.indexOf(rate);
    const row = [int(rate), ...results.map((result) => latencyCell(stepAt(result, i), config.drainMs))];
    if (rtdash && socketio) row.push(stepAt(rtdash, i) && stepAt(socketio, i) ? (p99NoWorse(stepAt(rtdash, i), stepAt(socketio, i)) ? 'yes' : 'no') : '');
    return row;
  });
  return 'Publish-to-client latency p50 / p99, ms (first arrival of each event at each client; an event not delivered in time counts as slower than all)\n\n' +
    table(headers, rows);
}

function fullEventTable(results: TargetResult[], config: BenchConfig): string {
  const rtdashes = results.filter((result) => result.spec.client === 'rtdash');
  if (rtdashes.length === 0) return '';
  const headers = ['offered ev/s', ...rtdashes.flatMap((result) => [`${result.spec.label}: full event p50 / p99 ms`, 'frames per event', 'messages per event'])];
  const rows = ranRates(rtdashes, config).map((rate) => {
    const i = config.rates.indexOf(rate);
    return [int(rate), ...rtdashes.flatMap((result) => {
      const step = stepAt(result, i);
      if (!step) return ['', '', ''];
      const outOf = Math.max(step.expected, step.full);
      const late = `>${(config.drainMs / 1000).toFixed(1)}s`;
      const [p50, p99] = [0.5, 0.99].map((q) => step.fullLatency.quantile(q, outOf));
      return [`${p50 === undefined ? late : fixed(p50)} / ${p99 === undefined ? late : fixed(p99)}`, fixed(step.messages / Math.max(1, step.delivered), 2), fixed(step.socketMessages / Math.max(1, step.delivered), 2)];
    })];
  });
  return 'rtdash: latency of the full event (from the log) behind each preview, event frames sent per delivered event, and the WebSocket messages that carried them (joined frames)\n\n' + table(headers, rows);
}

function loadTable(results: TargetResult[], config: BenchConfig): string {
  const headers = ['offered ev/s', ...results.map((result) => result.spec.label)];
  const rows = ranRates(results, config).map((rate) => {
    const i = config.rates.indexOf(rate);
    return [int(rate), ...results.map((result) => {
      const step = stepAt(result, i);
      if (!step) return '';
      const { load } = step;
      const parts = [load.server, load.clients, load.publisher, load.redis, load.kafka, othersMs(step)];
      return parts.map((ms) => (ms === undefined ? '·' : fixed(cpuPct(step, ms), 0))).join(' / ');
    })];
  });
  return 'CPU during each step, % of one core (the machine has 2): server / clients / publisher / Redis / Kafka / everything else (· = publisher inside the server)\n\n' +
    table(headers, rows);
}

/** CPU per delivery does not depend on how much of the machine the rest of the bench took. */
function costTable(results: TargetResult[], config: BenchConfig): string {
  const headers = ['offered ev/s', ...results.map((result) => result.spec.label)];
  const rows = ranRates(results, config).map((rate) => {
    const i = config.rates.indexOf(rate);
    return [int(rate), ...results.map((result) => {
      const step = stepAt(result, i);
      return step ? fixed((step.load.server * 1000) / Math.max(1, step.delivered + step.late), 1) : '';
    })];
  });
  return 'Server CPU per delivered event, µs (server CPU time over the step ÷ distinct deliveries; for the embedded row it includes publishing)\n\n' +
    table(headers, rows);
}

function memoryTable(results: TargetResult[]): string {
  const headers = ['server', 'N', 'no subs, ÷N', 'no subs, per extra', '10 subs, ÷N', '10 subs, per extra', 'connect s', 'subscribe s'];
  const pair = ({ rss, js }: { rss: number; js: number }) => `${fixed(rss)} / ${fixed(js)}`;
  const rows = results.filter((result) => result.memory).map((result) => {
    const memory = result.memory!;
    const bare = perConnectionKb(memory, false);
    const subscribed = perConnectionKb(memory, true);
    return [result.spec.label, int(memory.connections), pair(bare.total), pair(bare.marginal), pair(subscribed.total), pair(subscribed.marginal),
      fixed(memory.connectMs / 1000), fixed(memory.subscribeMs / 1000)];
  });
  return 'Server memory per idle connection, KB, RSS / heap+external, after a full GC. "÷N": growth since the server started, divided by the N connections; ' +
    '"per extra": growth per connection over the second half of the clients (the server already warm)\n\n' + table(headers, rows);
}
