/**
 * `npm run bench:gateway`: rtdash's gateway side by side with Socket.IO 4 on its Redis adapter
 * and a bare ws broadcast, on the same machine and message mix (issue 4). Prints one table per
 * metric and a verdict per target. A benchmark only: nothing here asserts a timing.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { runTarget } from './bench-target.ts';
import { parseArgs, type BenchConfig } from './config.ts';
import { ensureKafka, releaseKafka, type BenchKafka } from './kafka-setup.ts';
import { buildMix } from './mix.ts';
import { report } from './report.ts';
import type { TargetResult } from './results.ts';
import type { RunContext } from './run-context.ts';
import { MachineProbe } from './sysload.ts';
import { TARGETS } from './targets.ts';

const say = (line: string) => console.log(line);
/** Deletes this run's Kafka topics (and stops a broker started here); also run when the deadline hits. */
let releaseBackends: (() => Promise<void>) | undefined;

async function main(config: BenchConfig): Promise<number> {
  const runId = randomBytes(4).toString('hex');
  const mix = buildMix(config, `gwbench.r${runId}`);
  say(header(config, runId));
  const specs = config.targets.map((name) => TARGETS[name]);
  if (config.profileDir) mkdirSync(config.profileDir, { recursive: true });
  let kafka: BenchKafka | undefined;
  const topics: string[] = [];
  const results: TargetResult[] = [];
  try {
    if (specs.some((spec) => spec.kafka)) kafka = await ensureKafka(config.kafkaPort, say);
    const started = kafka;
    if (started) releaseBackends = () => releaseKafka(started, topics, config.kafkaPort, say);
    const machine = await MachineProbe.create(config.redisUrl, kafka?.pid);
    const quiet = new QuietWait(machine);
    for (const spec of specs) {
      const context: RunContext = {
        runId,
        channels: mix.channels,
        redisUrl: config.redisUrl,
        kafkaBrokers: kafka?.brokers ?? [],
        topic: `rtdash.gwbench.${runId}.${spec.name}`,
        socketIoKey: `socket.io-gwbench-${runId}`,
        wsRedisPrefix: `gwbench:${runId}:`,
      };
      if (spec.kafka) topics.push(context.topic);
      say(`\n${spec.label}`);
      await quiet.wait();
      results.push(await runTarget(spec, config, mix, context, machine, say));
    }
  } finally {
    const release = releaseBackends;
    releaseBackends = undefined;
    await release?.();
  }
  say(`\n${report(results, config)}`);
  if (config.profileDir) say(`\nCPU profiles in ${config.profileDir}; summarise one with: npx tsx bench/gateway/profile-summary.ts <file>`);
  return results.some((result) => result.error) ? 1 : 0;
}

/**
 * Another job on these 2 cores (a test run, another bench) would skew every number: before
 * each target, wait for the machine to go quiet, within a budget for the whole run, and say
 * so when it does not (the "everything else" CPU column then shows how much was lost).
 */
class QuietWait {
  private budgetMs = 120_000;

  constructor(private readonly machine: MachineProbe) {}

  async wait(): Promise<void> {
    const QUIET_PCT = 30;
    const started = Date.now();
    let busy = await this.machine.sampleBusyPct();
    if (busy > QUIET_PCT) say(`  the machine is busy (${busy.toFixed(0)}% of a core outside the bench); waiting for it to go quiet…`);
    while (busy > QUIET_PCT && Date.now() - started < this.budgetMs) busy = await this.machine.sampleBusyPct(2000);
    this.budgetMs = Math.max(0, this.budgetMs - (Date.now() - started));
    if (busy > QUIET_PCT) say(`  WARNING: still ${busy.toFixed(0)}% busy; this target shares the CPU with it (see "everything else")`);
  }
}

function header(config: BenchConfig, runId: string): string {
  const cpu = cpus();
  return [
    `bench:gateway run ${runId} — ${new Date().toISOString()}`,
    `machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}`,
    `mix: ${config.clients} clients × ${config.subscriptionsPerClient} of ${config.channels} channels (seed ${config.seed}), ` +
      `~100-byte price ticks, rates ${config.rates.join(', ')} ev/s × ${config.stepMs / 1000} s, ${config.clientProcesses} client processes`,
  ].join('\n');
}

const config = parseArgs(process.argv.slice(2));
// Every loop is bounded; this bounds the whole, should a child hang in a way nothing else catches.
const deadline = setTimeout(async () => {
  console.error(`bench:gateway did not finish within ${config.deadlineMs / 1000} s; giving up`);
  // Child processes exit when this one does (their IPC channel closes); the topics need asking.
  await Promise.race([releaseBackends?.(), new Promise((resolve) => setTimeout(resolve, 15_000))]);
  process.exit(2);
}, config.deadlineMs);
deadline.unref();
main(config).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
