/**
 * Reads the environment for the entry files. Bad values stop the process with a message that
 * names the variable and what it expects, before anything starts.
 */
export interface StackConfig {
  port: number;
  host: string;
  kafkaBrokers: string[] | undefined;
  redisUrl: string | undefined;
  topic: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number from 0 to 65535, got "${env.PORT}"`);
  }
  const kafkaBrokers = env.RTDASH_KAFKA_BROKERS?.split(',').map((broker) => broker.trim()).filter(Boolean);
  for (const broker of kafkaBrokers ?? []) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker)) throw new ConfigError(`RTDASH_KAFKA_BROKERS must be a comma list of host:port, got "${broker}"`);
  }
  const redisUrl = env.RTDASH_REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError(`RTDASH_REDIS_URL must start with redis:// or rediss://, got "${redisUrl}"`);
  const topic = env.RTDASH_TOPIC || 'rtdash.events';
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(topic)) throw new ConfigError(`RTDASH_TOPIC must be a Kafka topic name (letters, digits, ".", "_", "-"), got "${topic}"`);
  return { port, host: env.HOST || '127.0.0.1', kafkaBrokers: kafkaBrokers?.length ? kafkaBrokers : undefined, redisUrl, topic };
}
