/**
 * One target, start to end: its server process (and publisher process), the client
 * processes, idle memory, then the rate steps. Every process is stopped on the way out,
 * whatever happened.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClientKind } from './clients/bench-client.ts';
import type { BenchConfig } from './config.ts';
import { Child } from './ipc.ts';
import { idleMemory } from './idle-memory.ts';
import type { Mix } from './mix.ts';
import { runStep, type Processes } from './rate-step.ts';
import { completeness, cpuPct, deliveredPerSec, keptUp, latencyQuantile, offeredPerSec, type TargetResult } from './results.ts';
import type { RunContext } from './run-context.ts';
import type { MachineProbe } from './sysload.ts';
import type { TargetSpec } from './targets.ts';

const SETTLE_MS = 1000;
// Warms the JIT and every connection on the path before anything is measured.
const WARMUP = { rate: 200, durationMs: 1500 };

export async function runTarget(spec: TargetSpec, config: BenchConfig, mix: Mix, context: RunContext, machine: MachineProbe, say: (line: string) => void): Promise<TargetResult> {
  const result: TargetResult = { spec, steps: [], closes: {} };
  const children: Child[] = [];
  try {
    const server = Child.spawn(`${spec.name} server`, spec.serverEntry);
    children.push(server);
    const publisher = spec.publisher === 'in-server' ? server : Child.spawn(`${spec.name} publisher`, './publishers/publisher-process.ts');
    if (publisher !== server) children.push(publisher);
    const clients = Array.from({ length: config.clientProcesses }, (_, i) => Child.spawn(`${spec.name} clients ${i + 1}`, './clients/client-process.ts'));
    children.push(...clients);
    const processes = { server, publisher, clients };

    const { url } = await server.request<{ url: string }>('start', { ...spec.serverArgs, context }, 60_000);
    if (spec.publisher !== 'in-server') await publisher.request('start', { ...spec.publisher, context }, 60_000);
    const kind: ClientKind = spec.client === 'socketio' && config.socketIoClient === 'official' ? 'socketio-official' : spec.client;
    const shares = split(mix.subscriptions.map((picked) => picked.map((i) => mix.channels[i])), clients.length);
    await Promise.all(clients.map((client, i) => client.request('prepare', { kind, url, channels: shares[i] })));
    say(`  serving on ${url}`);

    result.memory = await idleMemory(server, clients);
    say(`  ${result.memory.connections} clients connected in ${(result.memory.connectMs / 1000).toFixed(1)} s, subscribed in ${(result.memory.subscribeMs / 1000).toFixed(1)} s`);

    await publisher.request('step', { ...WARMUP, fanout: mix.fanout }, 60_000);
    await sleep(SETTLE_MS);

    const profile = config.profileDir ? join(config.profileDir, `${spec.name}-server-${context.runId}.cpuprofile`) : undefined;
    // A publisher of its own is profiled too: on Kafka + Redis its CPU shares the machine with the server's.
    const publisherProfile = config.profileDir && publisher !== server ? join(config.profileDir, `${spec.name}-publisher-${context.runId}.cpuprofile`) : undefined;
    if (profile) await server.request('profileStart');
    if (publisherProfile) await publisher.request('profileStart');
    for (const [index, rate] of config.rates.entries()) {
      const step = await runStep(index, rate, config, mix, processes, machine);
      result.steps.push(step);
      say(`  ${rate} ev/s: ${Math.round(deliveredPerSec(step))} delivered/s of ${Math.round(offeredPerSec(step))} owed, ` +
        `${(completeness(step) * 100).toFixed(1)}% in time, p99 ${latencyQuantile(step, 0.99)?.toFixed(1) ?? '—'} ms, server CPU ${cpuPct(step, step.load.server).toFixed(0)}%`);
      if (config.stopAfterMiss && !keptUp(step)) {
        if (index < config.rates.length - 1) say('  saturated: higher rates not run');
        break;
      }
    }
    if (profile) say(`  CPU profile of the server over the steps: ${await server.request('profileStop', { path: profile }, 60_000)}`);
    if (publisherProfile) say(`  CPU profile of the publisher over the steps: ${await publisher.request('profileStop', { path: publisherProfile }, 60_000)}`);
    const closes = await Promise.all(clients.map((client) => client.request<Record<string, number>>('closes', {}, 20_000)));
    for (const byCode of closes) for (const [code, n] of Object.entries(byCode)) result.closes[code] = (result.closes[code] ?? 0) + n;
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    say(`  failed: ${result.error}`);
  } finally {
    // Clients first, so the servers are not busy closing them with 1012 while they stop.
    for (const child of children.slice().reverse()) await child.stop();
  }
  return result;
}

/** Splits `items` into `parts` contiguous shares of near-equal size. */
function split<T>(items: T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  return Array.from({ length: parts }, (_, i) => items.slice(i * size, (i + 1) * size));
}
