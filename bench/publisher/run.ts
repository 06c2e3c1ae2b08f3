/**
 * `npm run bench:publisher`: the DualPublisher's throughput and acknowledgement latency on a real
 * Kafka broker, and on the embedded log beside it for reference. Targets (issue 3): at least
 * 50,000 events/s batched; p99 single-publish acknowledgement under 20 ms at 1,000 events/s.
 *
 * Kafka: RTDASH_KAFKA_BROKERS, else the development broker on 127.0.0.1:19092, started (and
 * stopped afterwards) when it is not running. Redis: RTDASH_REDIS_URL, else 127.0.0.1:6379 when
 * it answers (notices on bench.* channels are harmless), else the embedded bus. The bench topic
 * is created for the run and deleted after it. About 75 s in all. Figures, never assertions.
 */
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { createPublisher, type PublisherConfig, type PublisherStack } from '../../publisher/create-publisher.ts';
import { DualPublisher, KafkaLog, RedisBus } from '../../publisher/index.ts';
import { kafkaIsReady, startKafka, stopKafka } from '../../scripts/kafka-broker.ts';
import { ConflatingBus } from './conflating-bus.ts';
import { batched, openLoop, sequential, type BenchPublisher } from './scenarios.ts';
import { formatTable, type Row } from './stats.ts';

const TARGET_BATCHED_EVENTS_PER_SECOND = 50_000;
const TARGET_SINGLE_P99_MS = 20;
const SINGLE_RATE = 1000;

type Scenario = { name: string; latencyOf: Row['latencyOf']; run: (publisher: BenchPublisher) => ReturnType<typeof batched> };

/** The full set; seconds scaled by `scale` (the embedded reference gets shorter runs). */
function allScenarios(scale: number): Scenario[] {
  return [
    { name: 'batched, 100 per batch', latencyOf: 'batch', run: (p) => batched(p, 100, 5 * scale) },
    { name: 'batched, 1,000 per batch', latencyOf: 'batch', run: (p) => batched(p, 1000, 5 * scale) },
    { name: 'batched, 1,000 per batch, 4 callers', latencyOf: 'batch', run: (p) => batched(p, 1000, 5 * scale, 4) },
    { name: `single, open loop ${SINGLE_RATE.toLocaleString('en-US')}/s`, latencyOf: 'event', run: (p) => openLoop(p, SINGLE_RATE, 10 * scale) },
    { name: 'single, sequential awaited', latencyOf: 'event', run: (p) => sequential(p, 5 * scale) },
  ];
}

interface BackendRun { rows: Row[]; notices: string }

const QUIET = { onBusError: () => {}, onBreakerChange: () => {} };

async function runBackend(backend: string, open: () => Promise<Pick<PublisherStack, 'publisher' | 'close'>>, scenarios: Scenario[]): Promise<BackendRun> {
  const created = await open();
  const publisher: BenchPublisher = created.publisher;
  const rows: Row[] = [];
  try {
    await batched(publisher, 100, 1); // warm-up: connections, JIT, the broker's page cache
    for (const scenario of scenarios) {
      rows.push({ backend, scenario: scenario.name, latencyOf: scenario.latencyOf, ...(await scenario.run(publisher)) });
      console.error(`  ${backend}: ${scenario.name} done`);
    }
  } finally {
    await created.close();
  }
  const { noticesSent, noticeDrops } = created.publisher.metrics();
  const drops = Object.entries(noticeDrops).filter(([, count]) => count > 0).map(([why, count]) => `${count.toLocaleString('en-US')} ${why}`);
  return { rows, notices: `${backend}: ${noticesSent.toLocaleString('en-US')} notices sent, ${drops.length ? `dropped: ${drops.join(', ')}` : 'none dropped'}` };
}

/** Kafka and Redis as createPublisher wires them, with the bench's ConflatingBus in between. */
async function conflated(config: PublisherConfig, redisUrl: string): Promise<Pick<PublisherStack, 'publisher' | 'close'>> {
  const log = new KafkaLog({ ...config.kafka, brokers: config.kafkaBrokers!, topic: config.topic });
  await log.connect();
  const bus = new RedisBus({ url: redisUrl });
  await bus.connect();
  const publisher = new DualPublisher({ ...QUIET, log, bus: new ConflatingBus(bus) });
  return {
    publisher,
    async close() {
      await publisher.close();
      await bus.close();
      await log.close();
    },
  };
}

async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function verdict(rows: Row[], backend: string): string[] {
  const kafka = rows.filter((row) => row.backend === backend);
  const bestBatched = Math.max(...kafka.filter((row) => row.latencyOf === 'batch').map((row) => row.eventsPerSecond));
  const single = kafka.find((row) => row.scenario.startsWith('single, open loop'))!;
  const p99 = single.samples.percentile(99);
  return [
    `${bestBatched >= TARGET_BATCHED_EVENTS_PER_SECOND ? 'MET   ' : 'MISSED'} batched on ${backend}: ${Math.round(bestBatched).toLocaleString('en-US')} events/s (target ≥ ${TARGET_BATCHED_EVENTS_PER_SECOND.toLocaleString('en-US')})`,
    `${p99 < TARGET_SINGLE_P99_MS && single.errors === 0 ? 'MET   ' : 'MISSED'} single on ${backend} at ${SINGLE_RATE.toLocaleString('en-US')}/s: p99 ${p99.toFixed(2)} ms over ${single.samples.count.toLocaleString('en-US')} acks, ${Math.round(single.eventsPerSecond)} events/s achieved, ${single.errors} errors (target p99 < ${TARGET_SINGLE_P99_MS} ms)`,
  ];
}

async function main(): Promise<void> {
  const brokers = (process.env.RTDASH_KAFKA_BROKERS ?? '127.0.0.1:19092').split(',').map((broker) => broker.trim());
  let startedKafka = false;
  if (!(await kafkaIsReady(brokers))) {
    if (process.env.RTDASH_KAFKA_BROKERS) throw new Error(`Kafka is not reachable at ${brokers.join(',')}`);
    startedKafka = !(await startKafka({ log: (line) => console.error(line) })).alreadyRunning;
  }
  const redisCandidate = process.env.RTDASH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisUrl = (await redisAnswers(redisCandidate)) ? redisCandidate : undefined;
  const topic = `rtdash-bench-${randomUUID().slice(0, 8)}`;
  const admin = new Kafka({ clientId: 'rtdash-bench-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  const runs: BackendRun[] = [];
  const started = Date.now();
  const primary = redisUrl ? 'Kafka + Redis' : 'Kafka + embedded bus';
  console.error(`publisher bench: Kafka ${brokers.join(',')} topic ${topic}, ${redisUrl ? `Redis ${redisCandidate}` : 'embedded bus (no Redis answered)'}`);
  try {
    const kafka: PublisherConfig = { ...QUIET, kafkaBrokers: brokers, topic, kafka: { clientId: 'rtdash-bench', partitions: 3 } };
    const batchedThousands = allScenarios(1).filter((scenario) => scenario.name.startsWith('batched, 1,000'));
    runs.push(await runBackend(primary, () => createPublisher({ ...kafka, redisUrl }), allScenarios(1)));
    if (redisUrl) {
      // The same batches without a Redis PUBLISH per event: how much of the cost is the notices…
      runs.push(await runBackend('Kafka + embedded bus', () => createPublisher(kafka), batchedThousands));
      // …and what announcing only the newest notice per channel per append would win back.
      runs.push(await runBackend('Kafka + Redis, conflated', () => conflated(kafka, redisUrl), batchedThousands));
    }
    // The in-process ceiling: no network at all.
    runs.push(await runBackend('embedded log + bus', () => createPublisher(QUIET), allScenarios(0.6)));
  } finally {
    await admin.connect().then(() => admin.deleteTopics({ topics: [topic] })).catch(() => {});
    await admin.disconnect().catch(() => {});
    if (startedKafka) await stopKafka({ log: (line) => console.error(line) });
  }

  const cpu = cpus();
  console.log(`\nPublisher bench, ${new Date().toISOString().slice(0, 10)}: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
    `Kafka single node (KRaft) on the same machine, topic of 3 partitions, acks = all, idempotent producer; ` +
    `notices to ${redisUrl ? 'Redis on the same machine' : 'the embedded bus (no Redis answered)'}; ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  const rows = runs.flatMap((run) => run.rows);
  console.log(formatTable(rows));
  console.log('\nack of batch: latency of each publishBatch call; ack of event: of each publish call (open loop: from when the event was due).\n');
  for (const run of runs) console.log(run.notices);
  console.log('');
  for (const line of verdict(rows, primary)) console.log(line);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
