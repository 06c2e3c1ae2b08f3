/**
 * One rate step: mark it in the clients, publish at the rate for the step's time, wait for
 * the deliveries (up to a hard cutoff), then collect counts, latencies and CPU.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { StepCounts } from './clients/recorder.ts';
import type { BenchConfig } from './config.ts';
import { Histogram } from './histogram.ts';
import type { Child } from './ipc.ts';
import { now, type Mix } from './mix.ts';
import type { StepReport } from './publishers/bench-publisher.ts';
import type { StepResult } from './results.ts';
import type { LoadReading, MachineProbe } from './sysload.ts';

// Drain polls must not wait on a client that is still busy with a backlog.
const POLL_TIMEOUT_MS = 1000;
// Between marking a step in the clients and the publisher's first event.
const STEP_START_SLACK_MS = 250;

export interface Processes { server: Child; publisher: Child; clients: Child[] }

export async function runStep(index: number, rate: number, config: BenchConfig, mix: Mix, processes: Processes, machine: MachineProbe): Promise<StepResult> {
  const { publisher, clients } = processes;
  const fromTs = now();
  // A hard cutoff, applied by the clients themselves: a backlogged client answers the driver
  // late, and what it delivers meanwhile must not count as in time.
  const cutoffTs = fromTs + STEP_START_SLACK_MS + config.stepMs + config.drainMs;
  await Promise.all(clients.map((client) => client.request('beginStep', { index, fromTs, cutoffTs })));
  const before = await readCpu(processes, machine);
  const outcome = await publisher.request<StepReport>('step', { rate, durationMs: config.stepMs, fanout: mix.fanout }, config.stepMs + 30_000);
  await drain(clients, index, outcome.expected, cutoffTs);
  const after = await readCpu(processes, machine);
  const counts = await Promise.all(clients.map((client) => client.request<StepCounts>('counts', { index }, 30_000)));
  return toStepResult(rate, outcome, counts, before, after, publisher !== processes.server);
}

/** Waits until every owed delivery arrived, or arrivals stop, or the step's cutoff passes. */
async function drain(clients: Child[], index: number, expected: number, cutoffTs: number): Promise<void> {
  let last = -1;
  let stableSince = Date.now();
  while (now() < cutoffTs) {
    const polls = await Promise.all(clients.map((client) => client.request<number>('delivered', { index }, POLL_TIMEOUT_MS).catch(() => Number.NaN)));
    const delivered = polls.reduce((a, b) => a + b, 0);
    if (delivered >= expected) return;
    if (Number.isNaN(delivered) || delivered !== last) {
      last = delivered;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 600) return;
    await sleep(150);
  }
}

interface CpuReading { server: number; publisher: number; clients: number; machine: LoadReading }

async function readCpu({ server, publisher, clients }: Processes, machine: MachineProbe): Promise<CpuReading> {
  const [serverMs, publisherMs, ...clientMs] = await Promise.all([server, publisher, ...clients].map((child) => child.request<number>('cpu', {}, 30_000)));
  return { server: serverMs, publisher: publisherMs, clients: clientMs.reduce((a, b) => a + b, 0), machine: machine.read() };
}

function toStepResult(rate: number, outcome: StepReport, counts: StepCounts[], before: CpuReading, after: CpuReading, separatePublisher: boolean): StepResult {
  const latency = new Histogram();
  const fullLatency = new Histogram();
  let delivered = 0;
  let late = 0;
  let messages = 0;
  let socketMessages = 0;
  let full = 0;
  let lastArrival = 0;
  for (const part of counts) {
    delivered += part.delivered;
    late += part.late;
    messages += part.messages;
    socketMessages += part.socketMessages;
    full += part.full;
    lastArrival = Math.max(lastArrival, part.lastArrival);
    latency.merge(Histogram.fromSparse(part.latency));
    fullLatency.merge(Histogram.fromSparse(part.fullLatency));
  }
  const publishMs = outcome.endTs - outcome.startTs;
  return {
    rate, published: outcome.published, expected: outcome.expected, delivered, late, messages, socketMessages, full,
    spanMs: Math.max(publishMs, lastArrival - outcome.startTs), publishMs,
    latency, fullLatency,
    load: {
      wallMs: after.machine.at - before.machine.at,
      server: after.server - before.server,
      clients: after.clients - before.clients,
      publisher: separatePublisher ? after.publisher - before.publisher : undefined,
      redis: after.machine.redisMs - before.machine.redisMs,
      kafka: after.machine.kafkaMs - before.machine.kafkaMs,
      machine: after.machine.busyMs - before.machine.busyMs,
    },
    publishErrors: outcome.errors, lastPublishError: outcome.lastError,
  };
}
