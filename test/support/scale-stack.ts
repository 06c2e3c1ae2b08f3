/**
 * What the multi-process gateway tests share: the real Kafka broker (RTDASH_TEST_KAFKA_BROKERS,
 * default 127.0.0.1:19092; unreachable is a failure, never a skip), a topic of the test file's
 * own (deleted afterwards), a private redis-server (the shared one on 6379 is never touched),
 * gateway processes started through the CLI, publishers, and a cleanup that undoes all of it
 * whatever state a failed test left behind.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { Redis } from 'ioredis';
import type { Json } from '../../protocol/index.ts';
import { createPublisher, type PublisherConfig, type PublisherStack } from '../../publisher/create-publisher.ts';
import type { DualPublisher } from '../../publisher/dual-publisher.ts';
import { kafkaIsReady } from '../../scripts/kafka-broker.ts';
import { startGatewayProcess, type GatewayProcess } from './gateway-process.ts';
import { startRedisServer, type TestRedisServer } from './redis-server.ts';

export const TEST_BROKERS = (process.env.RTDASH_TEST_KAFKA_BROKERS ?? '127.0.0.1:19092').split(',').map((broker) => broker.trim()).filter(Boolean);

export interface ScaleStack {
  topic: string;
  redis: TestRedisServer;
  /** Every gateway started, killed ones included. */
  gateways: GatewayProcess[];
  /** `rtdash gateway` on this stack's topic and Redis, on a port of its own; `env` adds to its environment. */
  startGateway(name: string, env?: NodeJS.ProcessEnv): Promise<GatewayProcess>;
  /** A publisher on this stack's topic and Redis, closed by cleanup(). */
  openPublisher(config?: Partial<PublisherConfig>): Promise<PublisherStack>;
  /** An ioredis connection to the private Redis (for PUBSUB questions), closed by cleanup(). */
  redisClient(): Redis;
  /** Runs `close` during cleanup, before the gateways go (clients, mostly). */
  onCleanup(close: () => unknown): void;
  /** Everything, in order: clients, gateways (SIGTERM, SIGKILL if they linger), publishers, topic, Redis. Never throws. */
  cleanup(): Promise<void>;
}

export async function openScaleStack(name: string): Promise<ScaleStack> {
  if (!(await kafkaIsReady(TEST_BROKERS, 5000))) {
    throw new Error(`Kafka is not reachable at ${TEST_BROKERS.join(',')}: start it with \`npm run kafka:start\` or point RTDASH_TEST_KAFKA_BROKERS at a broker`);
  }
  const topic = `rtdash-test-scale-${name}-${randomUUID().slice(0, 8)}`;
  const admin: Admin = new Kafka({ clientId: `${topic}-admin`, brokers: TEST_BROKERS, logLevel: logLevel.NOTHING }).admin();
  const cleanups: Array<() => unknown> = [];
  const gateways: GatewayProcess[] = [];
  const publishers: PublisherStack[] = [];
  const redisClients: Redis[] = [];
  let redis: TestRedisServer | undefined;

  const cleanup = async () => {
    const attempt = async (what: string, step: () => unknown) => {
      try {
        await step();
      } catch (error) {
        console.error(`scale-stack cleanup: ${what}: ${(error as Error).message}`);
      }
    };
    for (const close of cleanups.splice(0).reverse()) await attempt('client', close);
    await Promise.all(gateways.map((gateway) => attempt(`${gateway.name} (pid ${gateway.pid})`, () => gateway.kill('SIGTERM', 5000))));
    for (const stack of publishers.splice(0)) await attempt('publisher', () => stack.close());
    for (const client of redisClients.splice(0)) client.disconnect();
    await attempt(`delete topic ${topic}`, () => admin.deleteTopics({ topics: [topic], timeout: 10_000 }));
    await attempt('admin', () => admin.disconnect());
    await attempt('redis-server', () => redis?.kill());
  };

  try {
    await admin.connect();
    // Created here, not by whichever process connects first, so every process sees 3 partitions.
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true, timeout: 10_000 });
    redis = await startRedisServer();
  } catch (error) {
    await cleanup();
    throw error;
  }
  const privateRedis = redis;

  return {
    topic,
    redis: privateRedis,
    gateways,
    async startGateway(gatewayName, extraEnv = {}) {
      const gateway = await startGatewayProcess({
        name: gatewayName,
        env: {
          RTDASH_KAFKA_BROKERS: TEST_BROKERS.join(','),
          RTDASH_REDIS_URL: privateRedis.url,
          RTDASH_TOPIC: topic,
          RTDASH_LOG_LEVEL: 'warn',
          RTDASH_PUBLISH_TOKEN: undefined,
          RTDASH_JWT_SECRET: undefined,
          ...extraEnv,
        },
      });
      gateways.push(gateway);
      return gateway;
    },
    async openPublisher(config = {}) {
      const stack = await createPublisher({
        kafkaBrokers: TEST_BROKERS,
        redisUrl: privateRedis.url,
        topic,
        ...config,
        kafka: { clientId: `${topic}-publisher`, logLevel: logLevel.NOTHING, ...config.kafka },
        redis: { onError: () => {}, ...config.redis },
      });
      publishers.push(stack);
      return stack;
    },
    redisClient() {
      const client = new Redis(privateRedis.url, { lazyConnect: false, maxRetriesPerRequest: 1 });
      client.on('error', () => {});
      redisClients.push(client);
      return client;
    },
    onCleanup(close) {
      cleanups.push(close);
    },
    cleanup,
  };
}

/** Polls `probe` until it returns a truthy value; fails after `timeoutMs` saying what it waited for. */
export async function waitFor<T>(
  what: string, probe: () => T | Promise<T>, options: { timeoutMs: number; intervalMs?: number; detail?: () => string },
): Promise<NonNullable<T>> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() - started >= options.timeoutMs) {
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what}${options.detail ? `: ${options.detail()}` : ''}`);
    }
    await sleep(options.intervalMs ?? 20);
  }
}

export interface SteadyStream {
  /** Ids acknowledged so far, in publish order (one channel: one partition, increasing). */
  readonly ids: string[];
  /** Resolves with every id once the stream is over (all published, or stopped). */
  readonly done: Promise<string[]>;
  /** Ends the stream after the batch in flight. */
  stop(): Promise<string[]>;
}

/**
 * Publishes `total` events to one channel at a steady rate: a batch of `batchSize` every
 * `intervalMs`, on an absolute schedule (a slow acknowledgement is caught up, not carried as
 * drift). Each event carries `{ n }` as data and as hint, so it is announced with a preview.
 */
export function publishSteadily(
  publisher: DualPublisher, channel: string,
  options: { total: number; batchSize: number; intervalMs: number; data?: (n: number) => Json },
): SteadyStream {
  const ids: string[] = [];
  let stopped = false;
  const done = (async () => {
    const started = Date.now();
    for (let batch = 0; !stopped && ids.length < options.total; batch++) {
      const wait = started + batch * options.intervalMs - Date.now();
      if (wait > 0) await sleep(wait);
      if (stopped) break;
      const size = Math.min(options.batchSize, options.total - ids.length);
      const from = ids.length;
      const events = Array.from({ length: size }, (_, i) => ({
        channel, data: options.data?.(from + i) ?? { n: from + i }, hint: { n: from + i },
      }));
      for (const event of await publisher.publishBatch(events)) ids.push(event.id);
    }
    return ids;
  })();
  done.catch(() => {}); // the test awaits it and sees the error
  return {
    ids,
    done,
    stop() {
      stopped = true;
      return done;
    },
  };
}

export interface LatencySummary { n: number; p50: number; p95: number; max: number }

export function summarize(values: number[]): LatencySummary {
  if (values.length === 0) return { n: 0, p50: NaN, p95: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

export function formatSummary({ n, p50, p95, max }: LatencySummary): string {
  return n === 0 ? 'none' : `n=${n} p50=${p50} ms p95=${p95} ms max=${max} ms`;
}

/** The first difference between two id lists, for assertion messages that stay readable. */
export function firstDifference(actual: string[], expected: string[]): string {
  const seen = new Set<string>();
  const duplicates = actual.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  const index = actual.findIndex((id, i) => id !== expected[i]);
  const at = index === -1 ? Math.min(actual.length, expected.length) : index;
  return `got ${actual.length} ids, expected ${expected.length}; ${duplicates.length} duplicate(s)${duplicates.length ? ` (first ${duplicates[0]})` : ''}; ` +
    `first difference at #${at}: got ${actual[at]} expected ${expected[at]} (around: got ${actual.slice(Math.max(0, at - 2), at + 3).join(',')} expected ${expected.slice(Math.max(0, at - 2), at + 3).join(',')})`;
}
