/** What one target's run produced, and the numbers derived from it. */
import type { Histogram } from './histogram.ts';
import type { MemoryReading } from './servers/process-probe.ts';
import type { TargetSpec } from './targets.ts';

/**
 * Server memory read after a full GC at each point. Clients connect (and later subscribe) in
 * two halves: the second half's growth is the cost of one more connection once the server is
 * warm, free of the one-off garbage the first connections leave in RSS.
 */
export interface MemoryResult {
  connections: number;
  /** Connections in the second half. */
  secondHalf: number;
  baseline: MemoryReading;
  halfConnected: MemoryReading;
  connected: MemoryReading;
  halfSubscribed: MemoryReading;
  subscribed: MemoryReading;
  connectMs: number;
  subscribeMs: number;
}

/** CPU time spent during a step, in ms, by who spent it. */
export interface StepLoad {
  wallMs: number;
  server: number;
  clients: number;
  /** Undefined when the server publishes itself (embedded). */
  publisher: number | undefined;
  redis: number;
  kafka: number;
  /** The whole machine, every core. */
  machine: number;
}

export interface StepResult {
  rate: number;
  published: number;
  /** Deliveries owed (events × their channel's subscribers). */
  expected: number;
  /** Distinct deliveries within the step's cutoff (its publish time plus the drain time). */
  delivered: number;
  /** Distinct deliveries after the cutoff (seen only if the client got to them before the counts were read). */
  late: number;
  /** Event frames received (a preview and its full event are two). */
  messages: number;
  /** WebSocket messages that carried them (rtdash clients only; joined frames make it fewer). */
  socketMessages: number;
  full: number;
  /** From the first publish to the last delivery, at least the publish time. */
  spanMs: number;
  publishMs: number;
  latency: Histogram;
  fullLatency: Histogram;
  load: StepLoad;
  publishErrors: number;
  lastPublishError?: string;
}

export interface TargetResult {
  spec: TargetSpec;
  memory?: MemoryResult;
  steps: StepResult[];
  /** Connections the server closed during the run, by close code. */
  closes: Record<string, number>;
  error?: string;
}

export const deliveredPerSec = (step: StepResult) => (step.delivered * 1000) / step.spanMs;
export const offeredPerSec = (step: StepResult) => (step.expected * 1000) / step.publishMs;
export const completeness = (step: StepResult) => (step.expected === 0 ? 1 : step.delivered / step.expected);
/** Latency quantile counting undelivered events as slower than anything seen (undefined when q falls among them). */
export const latencyQuantile = (step: StepResult, q: number) => step.latency.quantile(q, Math.max(step.expected, step.delivered));
export const cpuPct = (step: StepResult, ms: number) => (ms / step.load.wallMs) * 100;

/** Kept up: (nearly) everything arrived, and at (nearly) the offered rate. */
export function keptUp(step: StepResult): boolean {
  return completeness(step) >= 0.99 && deliveredPerSec(step) >= 0.95 * offeredPerSec(step);
}

export function peakDelivered(result: TargetResult): number {
  return Math.max(0, ...result.steps.map(deliveredPerSec));
}

/** Highest offered rate the target kept up with. */
export function sustainedRate(result: TargetResult): number {
  return Math.max(0, ...result.steps.filter(keptUp).map((step) => step.rate));
}

export interface PerConnection { rss: number; js: number }

/**
 * KB per connection: `total` divides everything the server grew since its baseline by the
 * connections; `marginal` is the second half's growth per connection (plus, with
 * subscriptions, the second half's subscription growth). `js` is heap + external.
 */
export function perConnectionKb(memory: MemoryResult, subscribed: boolean): { total: PerConnection; marginal: PerConnection } {
  const kb = (bytes: number, n: number) => bytes / 1024 / n;
  const js = (reading: MemoryReading) => reading.heapUsed + reading.external;
  const end = subscribed ? memory.subscribed : memory.connected;
  const total = { rss: kb(end.rss - memory.baseline.rss, memory.connections), js: kb(js(end) - js(memory.baseline), memory.connections) };
  const marginal = {
    rss: kb(memory.connected.rss - memory.halfConnected.rss, memory.secondHalf),
    js: kb(js(memory.connected) - js(memory.halfConnected), memory.secondHalf),
  };
  if (subscribed) {
    marginal.rss += kb(memory.subscribed.rss - memory.halfSubscribed.rss, memory.secondHalf);
    marginal.js += kb(js(memory.subscribed) - js(memory.halfSubscribed), memory.secondHalf);
  }
  return { total, marginal };
}

/** True when `mine` has a p99 no worse than `theirs` (an undelivered p99 is worse than any). */
export function p99NoWorse(mine?: StepResult, theirs?: StepResult): boolean {
  if (!mine || !theirs) return false;
  const a = latencyQuantile(mine, 0.99) ?? Number.POSITIVE_INFINITY;
  const b = latencyQuantile(theirs, 0.99) ?? Number.POSITIVE_INFINITY;
  return a <= b;
}
