/**
 * The notice bus on Redis Pub/Sub (ioredis 6): notices go to `rtdash:<channel>`. Two
 * connections, because a subscribing connection should carry nothing else: one that publishes
 * and fails fast (Redis is best effort here, Kafka is the truth), and one created on the first
 * subscribe that carries every channel of this process.
 */
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { channelFromRedis, redisChannelFor } from '../protocol/channels.ts';
import { parseNotice } from '../protocol/events.ts';
import type { Notice } from '../protocol/events.ts';
import type { NoticeBus } from '../protocol/log.ts';

export interface RedisBusOptions {
  /** redis://host:port[/db] */
  url: string;
  /** How long a PUBLISH (or SUBSCRIBE) may take before it is given up. */
  commandTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Connection errors (refused, reset…); they repeat on every reconnect attempt while Redis is down. */
  onError?: (error: Error, connection: 'publisher' | 'subscriber') => void;
}

export interface RedisBusStatus {
  publisherReady: boolean;
  /** False also while no subscriber connection exists yet. */
  subscriberReady: boolean;
  publisher: Redis['status'];
  subscriber: Redis['status'] | 'none';
  channels: number;
  invalidNotices: number;
}

/** PUBLISH KEYS[i] ARGV[i] for every i; one round trip and one command parse for a batch. */
const PUBLISH_MANY_LUA = `for i = 1, #KEYS do redis.call('PUBLISH', KEYS[i], ARGV[i]) end return #KEYS`;
/** Notices per script call, so one call never holds Redis for long. */
const PUBLISH_CHUNK = 1000;

interface MultiPublish {
  rtdashPublishMany(keyCount: number, ...keysThenValues: string[]): Promise<number>;
}

export class RedisBus implements NoticeBus {
  /** Messages dropped because they were not valid notices of the channel they came on. */
  invalidNotices = 0;
  private readonly options: Required<Omit<RedisBusOptions, 'onError'>> & Pick<RedisBusOptions, 'onError'>;
  private readonly publisher: Redis;
  private subscriber: Redis | undefined;
  /** What we want to hear, whatever the connection's state; replayed on every (re)connect. */
  private readonly channels = new Set<string>();
  private handler: ((notice: Notice) => void) | undefined;
  /** Settles when a connection is first ready; shared by everyone waiting for it. */
  private readonly firstReady = new WeakMap<Redis, Promise<void>>();
  /** Connections that have been ready once: from then on, not ready means Redis is down. */
  private readonly connectedOnce = new WeakSet<Redis>();
  private closed = false;

  constructor(options: RedisBusOptions) {
    this.options = {
      url: options.url,
      commandTimeoutMs: options.commandTimeoutMs ?? 500,
      connectTimeoutMs: options.connectTimeoutMs ?? 2000,
      onError: options.onError,
    };
    // No offline queue and no retries: while Redis is down a publish fails at once instead of
    // waiting in memory for a minute; the caller counts it and carries on.
    this.publisher = this.connection('publisher', { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    // One script call PUBLISHes a whole batch: measured 3-5x the notices/s of a pipeline of
    // PUBLISH commands, with a fraction of the client CPU (bench/publisher). ioredis sends it
    // as EVALSHA and falls back to EVAL when Redis has not seen the script.
    this.publisher.defineCommand('rtdashPublishMany', { lua: PUBLISH_MANY_LUA });
  }

  /** Resolves once the publishing connection is ready; optional, publish() waits for the first connect itself. */
  async connect(): Promise<void> {
    await this.ready(this.publisher, this.options.connectTimeoutMs);
  }

  async publish(notices: Notice[]): Promise<void> {
    if (notices.length === 0) return;
    if (this.closed) throw new Error('RedisBus is closed');
    await this.ready(this.publisher, this.options.commandTimeoutMs);
    try {
      for (let start = 0; start < notices.length; start += PUBLISH_CHUNK) {
        const chunk = notices.slice(start, start + PUBLISH_CHUNK);
        await (this.publisher as Redis & MultiPublish).rtdashPublishMany(
          chunk.length,
          ...chunk.map((notice) => redisChannelFor(notice.channel)),
          ...chunk.map((notice) => JSON.stringify(noticeValue(notice))),
        );
      }
    } catch (error) {
      throw new Error(`Redis publish of ${notices.length} notice(s) failed: ${messageOf(error)}`, { cause: error });
    }
  }

  /**
   * Resolves once Redis confirmed the subscription, or without it while Redis is unreachable:
   * the channel is remembered and subscribed again whenever the connection comes back.
   */
  async subscribe(channel: string): Promise<void> {
    if (this.closed) throw new Error('RedisBus is closed');
    this.channels.add(channel);
    const subscriber = this.subscriberConnection();
    try {
      await this.ready(subscriber, this.options.connectTimeoutMs);
      await subscriber.subscribe(redisChannelFor(channel));
    } catch (error) {
      this.reportTo('subscriber')(error as Error);
    }
  }

  async unsubscribe(channel: string): Promise<void> {
    this.channels.delete(channel);
    if (this.subscriber?.status === 'ready') await this.subscriber.unsubscribe(redisChannelFor(channel)).catch(this.reportTo('subscriber'));
  }

  onNotice(handler: (notice: Notice) => void): () => void {
    this.handler = handler;
    return () => {
      if (this.handler === handler) this.handler = undefined;
    };
  }

  status(): RedisBusStatus {
    return {
      publisherReady: this.publisher.status === 'ready',
      subscriberReady: this.subscriber?.status === 'ready',
      publisher: this.publisher.status,
      subscriber: this.subscriber?.status ?? 'none',
      channels: this.channels.size,
      invalidNotices: this.invalidNotices,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.channels.clear();
    this.handler = undefined;
    await Promise.all([quit(this.publisher), this.subscriber && quit(this.subscriber)]);
  }

  private subscriberConnection(): Redis {
    if (this.subscriber) return this.subscriber;
    // We resubscribe ourselves from `channels` on every ready, so a SUBSCRIBE lost while
    // Redis was down, or given before the first connect, is never forgotten.
    const subscriber = this.connection('subscriber', { enableOfflineQueue: false, autoResubscribe: false });
    subscriber.on('ready', () => {
      if (this.channels.size === 0) return;
      subscriber.subscribe(...[...this.channels].map(redisChannelFor)).catch(this.reportTo('subscriber'));
    });
    subscriber.on('message', (redisChannel: string, text: string) => this.deliver(redisChannel, text));
    this.subscriber = subscriber;
    return subscriber;
  }

  private deliver(redisChannel: string, text: string): void {
    const channel = channelFromRedis(redisChannel);
    // Messages still in flight after an unsubscribe are not wanted any more.
    if (channel === undefined || !this.channels.has(channel)) return;
    const notice = parseNotice(text);
    if (!notice.ok || notice.value.channel !== channel) {
      this.invalidNotices++;
      return;
    }
    try {
      this.handler?.(notice.value);
    } catch (error) {
      console.error(`RedisBus notice handler failed on ${channel} ${notice.value.id}: ${messageOf(error)}`);
    }
  }

  private connection(role: 'publisher' | 'subscriber', extra: RedisOptions): Redis {
    const redis = new Redis(this.options.url, {
      commandTimeout: this.options.commandTimeoutMs,
      connectTimeout: this.options.connectTimeoutMs,
      ...extra,
    });
    // Without a listener an 'error' event would crash the process.
    redis.on('error', this.reportTo(role));
    redis.on('ready', () => this.connectedOnce.add(redis));
    return redis;
  }

  private reportTo(role: 'publisher' | 'subscriber'): (error: Error) => void {
    return (error) => this.options.onError?.(error, role);
  }

  /**
   * Waits (at most timeoutMs) for a connection still making its first connect, so the first
   * publish after startup is not refused; once it has been lost, fails at once.
   */
  private async ready(redis: Redis, timeoutMs: number): Promise<void> {
    if (redis.status === 'ready') return;
    if (this.connectedOnce.has(redis) || redis.status === 'end' || redis.status === 'close') {
      throw new Error(`Redis at ${redactRedisUrl(this.options.url)} is not connected (${redis.status})`);
    }
    // One 'ready' listener per connection however many callers wait (a subscribe burst at start).
    let firstReady = this.firstReady.get(redis);
    if (!firstReady) {
      firstReady = new Promise<void>((resolve) => redis.once('ready', () => resolve()));
      this.firstReady.set(redis, firstReady);
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis at ${redactRedisUrl(this.options.url)} did not become ready within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([firstReady, timeout]).finally(() => clearTimeout(timer));
  }
}

/** The URL without its credentials: a Redis URL may carry a password, and messages end up in logs. */
export function redactRedisUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** Only the notice fields: parseNotice on the other side refuses anything more. */
function noticeValue(notice: Notice): Notice {
  const value: Notice = { channel: notice.channel, id: notice.id, ts: notice.ts };
  if (notice.hint !== undefined) value.hint = notice.hint;
  return value;
}

async function quit(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    try {
      await redis.quit();
      return;
    } catch {
      // fall through: drop the socket instead
    }
  }
  redis.disconnect();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
