/**
 * Publishes the Socket.IO way from outside the serving process: a Socket.IO server instance
 * that serves no one, on the Redis adapter, emitting to rooms. `io.to(room).emit()` makes the
 * adapter PUBLISH the packet (msgpack) on Redis, where every serving node picks it up. (The
 * other idiomatic path, @socket.io/redis-emitter, speaks the same format but is not installed.)
 */
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { OutgoingEvent } from '../pacer.ts';
import type { BenchPublisher } from './bench-publisher.ts';

export class SocketIoPublisher implements BenchPublisher {
  errors = 0;
  lastError: string | undefined;
  private readonly io: Server;
  private readonly pub: Redis;
  private readonly sub: Redis;

  constructor(redisUrl: string, adapterKey: string, private readonly channels: string[]) {
    this.pub = new Redis(redisUrl);
    this.sub = this.pub.duplicate();
    for (const redis of [this.pub, this.sub]) redis.on('error', (error) => { this.errors++; this.lastError = error.message; });
    this.io = new Server();
    this.io.adapter(createAdapter(this.pub, this.sub, { key: adapterKey }));
  }

  send(events: OutgoingEvent[]): void {
    for (const { channelIndex, data } of events) this.io.to(this.channels[channelIndex]).emit('event', data);
  }

  /** The adapter does not hand back its PUBLISH; a PING queued behind them answers after they are written. */
  async settle(): Promise<void> {
    await this.pub.ping();
  }

  async close(): Promise<void> {
    this.io.close();
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
