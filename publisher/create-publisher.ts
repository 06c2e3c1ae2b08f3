/**
 * Builds a publisher on whatever is configured: Kafka when brokers are given, else the embedded
 * log; Redis when a URL is given, else the embedded bus. Either one alone works. The entry files
 * (CLI, npm start) read the environment and call this.
 */
import type { EventLog, NoticeBus } from '../protocol/index.ts';
import { DualPublisher, type DualPublisherOptions } from './dual-publisher.ts';
import { EmbeddedBus } from './embedded/embedded-bus.ts';
import { EmbeddedLog, type EmbeddedLogOptions } from './embedded/embedded-log.ts';
import { KafkaLog, type KafkaLogOptions } from './kafka-log.ts';
import { RedisBus, redactRedisUrl, type RedisBusOptions } from './redis-bus.ts';

export interface PublisherConfig extends Omit<DualPublisherOptions, 'log' | 'bus'> {
  /** RTDASH_KAFKA_BROKERS; unset or empty: the embedded log. */
  kafkaBrokers?: string[];
  /** RTDASH_REDIS_URL; unset: the embedded bus. */
  redisUrl?: string;
  /** RTDASH_TOPIC; default rtdash.events. */
  topic?: string;
  /** More KafkaLog settings (partitions, clientId, requestTimeoutMs…). */
  kafka?: Omit<KafkaLogOptions, 'brokers' | 'topic'>;
  /** More RedisBus settings (commandTimeoutMs, onError…). */
  redis?: Omit<RedisBusOptions, 'url'>;
  /** Settings of the embedded log, when it is the one used. */
  embedded?: EmbeddedLogOptions;
}

export interface PublisherStack {
  publisher: DualPublisher;
  log: EventLog;
  bus: NoticeBus;
  /** What backs it, for a start-up line: "Kafka 127.0.0.1:19092 topic rtdash.events, Redis redis://127.0.0.1:6379". */
  backends: string;
  /** Closes the publisher (flushing what it accepted), then the bus and the log. Idempotent. */
  close(): Promise<void>;
}

/**
 * Connects to Kafka before resolving (a wrong broker list fails here, not on the first publish)
 * and rejects if it cannot. Redis is best effort: it gets its first connect attempt here
 * (connectTimeoutMs), and a Redis that is down only means no notices until it answers.
 */
export async function createPublisher(config: PublisherConfig = {}): Promise<PublisherStack> {
  const { kafkaBrokers, redisUrl, topic, kafka: kafkaOptions, redis: redisOptions, embedded, ...options } = config;
  const kafka = kafkaBrokers?.length
    ? new KafkaLog({ ...kafkaOptions, appendTimeoutMs: kafkaOptions?.appendTimeoutMs ?? options.appendTimeoutMs, brokers: kafkaBrokers, topic })
    : undefined;
  const redis = redisUrl ? new RedisBus({ ...redisOptions, url: redisUrl }) : undefined;
  const log: EventLog = kafka ?? new EmbeddedLog(embedded);
  const bus: NoticeBus = redis ?? new EmbeddedBus();
  try {
    await kafka?.connect();
  } catch (error) {
    await Promise.allSettled([bus.close(), log.close()]);
    throw error;
  }
  await redis?.connect().catch((error: unknown) => {
    console.warn(`[rtdash] Redis at ${redactRedisUrl(redisUrl!)} is not answering yet (${(error as Error).message}); publishing to the log only until it does`);
  });

  const logName = kafka ? `Kafka topic ${kafka.topic} at ${kafkaBrokers!.join(',')}` : 'the embedded log';
  const publisher = new DualPublisher({ logName, ...options, log, bus });
  let closing: Promise<void> | undefined;
  return {
    publisher,
    log,
    bus,
    backends: `${kafka ? `Kafka ${kafkaBrokers!.join(',')} topic ${kafka.topic}` : 'embedded log'}, ${redis ? `Redis ${redactRedisUrl(redisUrl!)}` : 'embedded bus'}`,
    close() {
      closing ??= (async () => {
        await publisher.close();
        await bus.close();
        await log.close();
      })();
      return closing;
    },
  };
}
