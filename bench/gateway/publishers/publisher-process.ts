/** A child process that publishes for one target, so its CPU is not the server's. */
import { KafkaLog } from '../../../publisher/kafka-log.ts';
import { RedisBus } from '../../../publisher/redis-bus.ts';
import { DualPublisher } from '../../../publisher/dual-publisher.ts';
import { serve } from '../ipc.ts';
import type { RunContext } from '../run-context.ts';
import { profilerHandlers } from '../servers/cpu-profiler.ts';
import { cpuMs } from '../servers/process-probe.ts';
import { stepHandler, type BenchPublisher } from './bench-publisher.ts';
import { RedisPublisher } from './redis-publisher.ts';
import { RtdashPublisher } from './rtdash-publisher.ts';
import { SocketIoPublisher } from './socketio-publisher.ts';

export type PublisherKind = 'rtdash-kafka' | 'socketio' | 'redis';

let publisher: BenchPublisher | undefined;

async function start({ kind, hints, context }: { kind: PublisherKind; hints: boolean; context: RunContext }): Promise<void> {
  if (kind === 'rtdash-kafka') {
    const log = new KafkaLog({ brokers: context.kafkaBrokers, topic: context.topic, clientId: 'rtdash-bench-publisher' });
    const bus = new RedisBus({ url: context.redisUrl });
    await log.connect();
    await bus.connect();
    publisher = new RtdashPublisher(new DualPublisher({ log, bus }), context.channels, hints, async () => {
      await log.close();
      await bus.close();
    });
  } else if (kind === 'socketio') {
    publisher = new SocketIoPublisher(context.redisUrl, context.socketIoKey, context.channels);
  } else {
    publisher = new RedisPublisher(context.redisUrl, context.wsRedisPrefix, context.channels);
  }
}

serve({
  start,
  step: stepHandler(() => publisher!),
  cpu: () => cpuMs(),
  ...profilerHandlers,
}, () => publisher?.close());
