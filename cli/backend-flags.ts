/**
 * Where the log and bus are: the environment (RTDASH_KAFKA_BROKERS, RTDASH_REDIS_URL,
 * RTDASH_TOPIC), overridden by --brokers, --redis and --topic.
 */
import { logLevel } from 'kafkajs';
import { parseBrokers, parseRedisUrl, parseTopic, readConfig, type StackConfig } from './config.ts';
import { UsageError } from './args.ts';

/**
 * kafkajs logs every retry as a JSON line on stdout/stderr; a command's own one-line error says
 * what failed, so the commands silence it (the long-running gateway keeps kafkajs's warnings).
 */
export const QUIET_KAFKA = { logLevel: logLevel.NOTHING } as const;

export const BACKEND_FLAGS = {
  brokers: { type: 'string' },
  redis: { type: 'string' },
  topic: { type: 'string' },
} as const;

export interface BackendFlagValues {
  brokers?: string;
  redis?: string;
  topic?: string;
}

export function configWithFlags(values: BackendFlagValues, env: NodeJS.ProcessEnv = process.env): StackConfig {
  const config = readConfig(env);
  if (values.brokers !== undefined) config.kafkaBrokers = parseBrokers(values.brokers, '--brokers');
  if (values.redis !== undefined) config.redisUrl = parseRedisUrl(values.redis, '--redis');
  if (values.topic !== undefined) config.topic = parseTopic(values.topic, '--topic');
  return config;
}

/**
 * publish, simulate and replay work on the durable log another process reads: an embedded log
 * would vanish with this process, so they need Kafka.
 */
export function requireKafka(config: StackConfig): string[] {
  if (!config.kafkaBrokers) throw new UsageError('no Kafka configured: set RTDASH_KAFKA_BROKERS or pass --brokers host:port');
  return config.kafkaBrokers;
}
