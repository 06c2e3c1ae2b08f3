/**
 * The whole stack on one machine: Kafka (the shared broker, or a private one a drill may
 * restart), a private redis-server (a drill kills it), two `rtdash gateway` processes on fixed
 * ports (so one can be killed and started again behind the same nginx upstream), nginx in front,
 * and a publisher in this process. stop() undoes all of it whatever state a drill left behind.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { createPublisher, type PublisherStack } from '../../publisher/create-publisher.ts';
import { kafkaIsReady, startKafka, stopKafka, type KafkaBrokerOptions } from '../../scripts/kafka-broker.ts';
import { freePort, freePortPair } from '../../test/support/free-port.ts';
import { startGatewayProcess, type GatewayProcess } from '../../test/support/gateway-process.ts';
import { startRedisServer, type TestRedisServer } from '../../test/support/redis-server.ts';
import { startNginx, type RunningNginx } from './nginx.ts';

export const SHARED_BROKERS = (process.env.RTDASH_TEST_KAFKA_BROKERS ?? '127.0.0.1:19092').split(',').map((b) => b.trim()).filter(Boolean);

export interface StackOptions {
  /** 'private': a broker of this stack's own on its own port, which restartKafka() may restart. Default 'shared'. */
  kafka?: 'shared' | 'private';
  /** Gateway heartbeat/ping period (RTDASH_HEARTBEAT_MS); default the gateway's own (15 s). */
  heartbeatMs?: number;
  /** Partitions of the stack's topic (3). */
  partitions?: number;
  log?: (line: string) => void;
}

export interface FullStack {
  brokers: string[];
  topic: string;
  redis: TestRedisServer;
  nginx: RunningNginx;
  /** The current process behind each upstream slot (a restarted one replaces the killed one). */
  gateways: GatewayProcess[];
  publisher: PublisherStack;
  /** Ends gateway `index` with `signal` and resolves once it is gone. */
  killGateway(index: number, signal: NodeJS.Signals): Promise<void>;
  /** Starts gateway `index` again on its port. */
  startGateway(index: number): Promise<GatewayProcess>;
  /** Private Kafka only: SIGTERM the broker, then start it again on the same data. */
  restartKafka(): Promise<{ downMs: number }>;
  stop(): Promise<void>;
}

export async function startFullStack(options: StackOptions = {}): Promise<FullStack> {
  const log = options.log ?? (() => {});
  const undo: Array<() => Promise<unknown> | unknown> = [];
  const stop = async () => {
    for (const step of undo.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        console.error(`fullstack stop: ${(error as Error).message}`);
      }
    }
  };
  try {
    let brokers = SHARED_BROKERS;
    let kafkaOptions: KafkaBrokerOptions | undefined;
    if (options.kafka === 'private') {
      const dataDir = mkdtempSync(join(tmpdir(), 'rtdash-kafka-'));
      kafkaOptions = { port: await freePortPair(), dataDir, log: () => {}, readyTimeoutMs: 120_000 };
      undo.push(() => rmSync(dataDir, { recursive: true, force: true }));
      log(`starting a private Kafka on 127.0.0.1:${kafkaOptions.port}…`);
      brokers = (await startKafka(kafkaOptions)).brokers;
      const own = kafkaOptions;
      undo.push(() => stopKafka(own));
    } else if (!(await kafkaIsReady(brokers, 5000))) {
      throw new Error(`Kafka is not reachable at ${brokers.join(',')}: start it with \`npm run kafka:start\``);
    }

    const topic = `rtdash-chaos-${randomUUID().slice(0, 8)}`;
    const admin = new Kafka({ clientId: `${topic}-admin`, brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    undo.push(() => admin.disconnect());
    await admin.createTopics({ topics: [{ topic, numPartitions: options.partitions ?? 3 }], waitForLeaders: true, timeout: 20_000 });
    undo.push(() => admin.deleteTopics({ topics: [topic], timeout: 10_000 }));

    const redis = await startRedisServer();
    undo.push(() => redis.kill());

    const env: NodeJS.ProcessEnv = {
      RTDASH_KAFKA_BROKERS: brokers.join(','),
      RTDASH_REDIS_URL: redis.url,
      RTDASH_TOPIC: topic,
      RTDASH_LOG_LEVEL: 'warn',
      RTDASH_PUBLISH_TOKEN: undefined,
      RTDASH_JWT_SECRET: undefined,
      RTDASH_HEARTBEAT_MS: options.heartbeatMs === undefined ? undefined : String(options.heartbeatMs),
    };
    const ports = [await freePort(), await freePort()];
    const gateways: GatewayProcess[] = [];
    const startGateway = async (index: number) => {
      const gateway = await startGatewayProcess({ name: `gateway-${index}`, port: ports[index], env, startTimeoutMs: 60_000 });
      gateways[index] = gateway;
      return gateway;
    };
    undo.push(() => Promise.all(gateways.map((gateway) => gateway?.running && gateway.kill('SIGTERM', 10_000))));
    await Promise.all(ports.map((_, index) => startGateway(index)));
    log(`gateways on ${ports.join(', ')}`);

    const nginx = await startNginx(ports);
    undo.push(() => nginx.stop());
    log(`nginx on ${nginx.port}`);

    const publisher = await createPublisher({
      kafkaBrokers: brokers, redisUrl: redis.url, topic,
      kafka: { clientId: `${topic}-publisher`, logLevel: logLevel.NOTHING },
      redis: { onError: () => {} },
    });
    // Before the gateways go: stop() runs in reverse.
    undo.push(() => publisher.close());

    return {
      brokers, topic, redis, nginx, gateways, publisher,
      async killGateway(index, signal) {
        await gateways[index].kill(signal, 20_000);
      },
      startGateway,
      async restartKafka() {
        if (!kafkaOptions) throw new Error('restartKafka needs a stack started with { kafka: "private" }');
        const started = Date.now();
        if (!(await stopKafka(kafkaOptions))) throw new Error('restartKafka: the private broker was not running');
        const again = await startKafka(kafkaOptions);
        if (again.alreadyRunning) throw new Error('restartKafka: the broker still answered after it was stopped');
        return { downMs: Date.now() - started };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
