/**
 * Reads the environment for the entry files (`npm start`, `rtdash …`). Bad values stop the
 * process with a message that names the variable (or flag) and what it expects, before
 * anything starts. The same parsers check the CLI flags that override the variables.
 */
import { isValidPattern } from '../gateway/auth/index.ts';

export interface StackConfig {
  port: number;
  host: string;
  /** Unset: the embedded log. */
  kafkaBrokers: string[] | undefined;
  /** Unset: the embedded bus. */
  redisUrl: string | undefined;
  topic: string;
  /** Guards POST /api/publish; unset: the HTTP ingest refuses every request. */
  publishToken: string | undefined;
  /** HS256 secret of client tokens at the gateway; unset: no auth (development). */
  jwtSecret: string | undefined;
  /** Channel patterns anyone may subscribe to without a token (only matters with a secret). */
  publicChannels: string[];
  /** Origins allowed on /ws and /api/stream; empty: every origin (development). */
  allowedOrigins: string[];
  /** The gateway's `previewHoldMs`; unset: its default. */
  previewHoldMs: number | undefined;
  /** Heartbeat and ping period of the gateway; unset: its default (15 s). */
  heartbeatIntervalMs: number | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_TOPIC = 'rtdash.events';

export function readConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  return {
    port: parsePort(env.PORT, 'PORT'),
    host: env.HOST || '127.0.0.1',
    kafkaBrokers: env.RTDASH_KAFKA_BROKERS ? parseBrokers(env.RTDASH_KAFKA_BROKERS, 'RTDASH_KAFKA_BROKERS') : undefined,
    redisUrl: env.RTDASH_REDIS_URL ? parseRedisUrl(env.RTDASH_REDIS_URL, 'RTDASH_REDIS_URL') : undefined,
    topic: env.RTDASH_TOPIC ? parseTopic(env.RTDASH_TOPIC, 'RTDASH_TOPIC') : DEFAULT_TOPIC,
    publishToken: env.RTDASH_PUBLISH_TOKEN ? parsePublishToken(env.RTDASH_PUBLISH_TOKEN, 'RTDASH_PUBLISH_TOKEN') : undefined,
    jwtSecret: env.RTDASH_JWT_SECRET ? parseJwtSecret(env.RTDASH_JWT_SECRET, 'RTDASH_JWT_SECRET') : undefined,
    publicChannels: env.RTDASH_PUBLIC_CHANNELS ? parseChannelPatterns(env.RTDASH_PUBLIC_CHANNELS, 'RTDASH_PUBLIC_CHANNELS') : [],
    allowedOrigins: env.RTDASH_ALLOWED_ORIGINS ? parseOrigins(env.RTDASH_ALLOWED_ORIGINS, 'RTDASH_ALLOWED_ORIGINS') : [],
    previewHoldMs: env.RTDASH_PREVIEW_HOLD_MS ? parseMilliseconds(env.RTDASH_PREVIEW_HOLD_MS, 'RTDASH_PREVIEW_HOLD_MS', 0, 1000) : undefined,
    heartbeatIntervalMs: env.RTDASH_HEARTBEAT_MS ? parseMilliseconds(env.RTDASH_HEARTBEAT_MS, 'RTDASH_HEARTBEAT_MS', 100, 600_000) : undefined,
  };
}

/** Comma list of channel patterns: dot segments of letters, digits, "_", "-", or "*", and an optional final ">". */
export function parseChannelPatterns(value: string, name: string): string[] {
  const patterns = value.split(',').map((pattern) => pattern.trim()).filter(Boolean);
  for (const pattern of patterns) {
    if (!isValidPattern(pattern)) throw new ConfigError(`${name} must be a comma list of channel patterns like prices.* or metrics.>, got "${pattern}"`);
  }
  return patterns;
}

/** Comma list of origins as browsers send them: scheme://host[:port], no path. */
export function parseOrigins(value: string, name: string): string[] {
  const origins = value.split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new ConfigError(`${name} must be a comma list of origins like https://dash.example.com, got "${origin}"`);
  }
  return origins;
}

/** A whole number of milliseconds from `min` to `max`. */
export function parseMilliseconds(value: string, name: string, min: number, max: number): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value.trim()) || ms < min || ms > max) throw new ConfigError(`${name} must be a whole number of milliseconds from ${min} to ${max}, got "${value}"`);
  return ms;
}

export function parsePort(value: string | undefined, name: string): number {
  if (value === undefined || value === '') return 8080;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name} must be a port number from 0 to 65535, got "${value}"`);
  }
  return port;
}

export function parseBrokers(value: string, name: string): string[] {
  const brokers = value.split(',').map((broker) => broker.trim()).filter(Boolean);
  if (brokers.length === 0) throw new ConfigError(`${name} must be a comma list of host:port, got "${value}"`);
  for (const broker of brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker)) throw new ConfigError(`${name} must be a comma list of host:port, got "${broker}"`);
  }
  return brokers;
}

export function parseRedisUrl(value: string, name: string): string {
  if (!/^rediss?:\/\/\S+$/.test(value)) throw new ConfigError(`${name} must start with redis:// or rediss://, got "${value}"`);
  return value;
}

export function parseTopic(value: string, name: string): string {
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(value)) throw new ConfigError(`${name} must be a Kafka topic name (letters, digits, ".", "_", "-"), got "${value}"`);
  return value;
}

/**
 * A shared secret sent in a header: visible ASCII, no spaces, and long enough not to be
 * guessed over HTTP. The value itself never appears in a message.
 */
export function parsePublishToken(value: string, name: string): string {
  if (!/^[\x21-\x7e]{16,512}$/.test(value)) {
    throw new ConfigError(`${name} must be 16 to 512 visible ASCII characters without spaces (e.g. the output of \`openssl rand -hex 32\`); the value given has ${value.length} characters`);
  }
  return value;
}

/** HS256 needs a key as long as its hash (RFC 7518 §3.2); the gateway refuses shorter ones too. */
export function parseJwtSecret(value: string, name: string): string {
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes < 32) throw new ConfigError(`${name} must be at least 32 bytes (e.g. the output of \`openssl rand -hex 32\`); the value given has ${bytes}`);
  return value;
}
