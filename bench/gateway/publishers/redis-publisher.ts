/**
 * Feeds the bare ws server: one Redis PUBLISH per event of `{"channel","data"}`, pipelined per
 * tick. The bare server forwards that text to its sockets untouched.
 */
import { Redis } from 'ioredis';
import type { OutgoingEvent } from '../pacer.ts';
import { InFlight, type BenchPublisher } from './bench-publisher.ts';

export class RedisPublisher implements BenchPublisher {
  errors = 0;
  lastError: string | undefined;
  private readonly redis: Redis;
  private readonly inFlight = new InFlight();

  constructor(redisUrl: string, private readonly redisPrefix: string, private readonly channels: string[]) {
    this.redis = new Redis(redisUrl);
    this.redis.on('error', (error) => { this.lastError = error.message; });
  }

  send(events: OutgoingEvent[]): void {
    const pipeline = this.redis.pipeline();
    for (const { channelIndex, data } of events) {
      const channel = this.channels[channelIndex];
      pipeline.publish(this.redisPrefix + channel, JSON.stringify({ channel, data }));
    }
    this.inFlight.add(pipeline.exec().catch((error: Error) => {
      this.errors += events.length;
      this.lastError = error.message;
    }));
  }

  settle(): Promise<void> {
    return this.inFlight.settle();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
