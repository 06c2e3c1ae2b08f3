/**
 * `npx tsx bench/gateway/publisher-cost.ts [rate] [seconds] [rounds]`: what the gateway bench's
 * publisher costs in CPU, with and without hints, alone on Kafka + Redis. It paces events as
 * the bench does (a batch every 5 ms, round-robin over 100 channels) through the same
 * RtdashPublisher and DualPublisher, alternating the two modes for several rounds, and prints
 * this process's CPU per event and per log request. The gateway bench itself shares two cores
 * between server, clients, publisher, Redis and Kafka: every µs the publisher spends per
 * event is taken from the clients, so the hints row's extra cost shows up here first.
 * PROFILE=/tmp/prefix also writes a V8 CPU profile of each measured step.
 *
 * Read the later rounds: the first mode measured in the process also pays for most of V8's
 * optimising compiler (TurboFan), a few % of a core for the first seconds at 3,000 events/s.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { DualPublisher } from '../../publisher/dual-publisher.ts';
import { KafkaLog } from '../../publisher/kafka-log.ts';
import { RedisBus } from '../../publisher/redis-bus.ts';
import { startKafka } from '../../scripts/kafka-broker.ts';
import { buildMix } from './mix.ts';
import { pace } from './pacer.ts';
import { RtdashPublisher } from './publishers/rtdash-publisher.ts';
import { table } from './table.ts';
import { profilerHandlers } from './servers/cpu-profiler.ts';

const [rate = 3000, seconds = 4, rounds = 3] = process.argv.slice(2).map(Number);
const runId = randomBytes(4).toString('hex');
const mix = buildMix({ clients: 1000, channels: 100, subscriptionsPerClient: 10, seed: 4 }, `pubcost.r${runId}`);
const kafka = await startKafka({ port: 19092, log: (line) => console.log(line) });
const topics: string[] = [];

async function measure(hints: boolean, round: number): Promise<string[]> {
  const topic = `rtdash.pubcost.${runId}.${hints ? 'hints' : 'nohint'}.${round}`;
  topics.push(topic);
  const log = new KafkaLog({ brokers: kafka.brokers, topic, clientId: 'rtdash-pubcost' });
  const bus = new RedisBus({ url: 'redis://127.0.0.1:6379' });
  await log.connect();
  await bus.connect();
  const dual = new DualPublisher({ log, bus });
  const publisher = new RtdashPublisher(dual, mix.channels, hints, async () => {
    await log.close();
    await bus.close();
  });
  const step = async (stepRate: number, durationMs: number) => {
    await pace({ rate: stepRate, durationMs, fanout: mix.fanout }, (events) => publisher.send(events));
    await publisher.settle();
  };
  await step(200, 1500); // warm-up, as the gateway bench does
  if (process.env.PROFILE) await profilerHandlers.profileStart();
  const threadsBefore = threadTicks();
  const before = process.cpuUsage();
  const appendsBefore = dual.metrics().logAppends;
  const started = performance.now();
  await step(rate, seconds * 1000);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(before);
  const threadsAfter = threadTicks();
  if (process.env.PROFILE) await profilerHandlers.profileStop({ path: `${process.env.PROFILE}-${hints ? 'hints' : 'nohint'}-${round}.cpuprofile` });
  const metrics = dual.metrics();
  await publisher.close();
  const cpuMs = (used.user + used.system) / 1000;
  const appends = metrics.logAppends - appendsBefore;
  const events = rate * seconds;
  // The main thread runs the JavaScript; V8's helper threads garbage-collect and compile.
  const mainMs = ((threadsAfter.get(String(process.pid)) ?? 0) - (threadsBefore.get(String(process.pid)) ?? 0)) * 10;
  return [hints ? 'hints' : 'no hints', String(round), ((cpuMs / wallMs) * 100).toFixed(1), ((mainMs / wallMs) * 100).toFixed(1), ((cpuMs * 1000) / events).toFixed(1),
    String(appends), ((cpuMs * 1000) / appends).toFixed(0), ((used.system / 1000 / cpuMs) * 100).toFixed(0), metrics.ackLatency.p50Ms.toFixed(1), String(publisher.errors)];
}

const rows: string[][] = [];
try {
  for (let round = 1; round <= rounds; round++) {
    // Alternated, and the order flipped every round, so drift on the machine hits both alike.
    const order = round % 2 === 1 ? [true, false] : [false, true];
    for (const hints of order) rows.push(await measure(hints, round));
  }
} finally {
  const admin = new Kafka({ clientId: 'rtdash-pubcost-cleanup', brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.deleteTopics({ topics, timeout: 10_000 }).catch(() => {});
  await admin.disconnect();
}
console.log(`\npublisher CPU at ${rate} ev/s for ${seconds} s (pid ${process.pid}, node ${process.version})\n`);
console.log(table(['mode', 'round', '% of a core', 'main thread %', 'µs / event', 'log requests', 'µs / request', 'system %', 'ack p50 ms', 'errors'], rows));
process.exit(0);

/** CPU ticks (1/100 s, user + system) per thread id, from /proc. */
function threadTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks.set(tid, Number(fields[11]) + Number(fields[12]));
  }
  return ticks;
}
