/**
 * rtdash's gateway as its own process, exactly as `createGateway` assembles it. On Kafka and
 * Redis (the production topology) the publisher runs elsewhere; on the embedded log and bus
 * it has to share this process, so this process also answers `step` by publishing.
 */
import { createGateway, createLogger, type Gateway } from '../../../gateway/index.ts';
import type { EventLog, NoticeBus } from '../../../protocol/index.ts';
import { DualPublisher } from '../../../publisher/dual-publisher.ts';
import { EmbeddedBus } from '../../../publisher/embedded/embedded-bus.ts';
import { EmbeddedLog } from '../../../publisher/embedded/embedded-log.ts';
import { KafkaLog } from '../../../publisher/kafka-log.ts';
import { RedisBus } from '../../../publisher/redis-bus.ts';
import { serve } from '../ipc.ts';
import { stepHandler } from '../publishers/bench-publisher.ts';
import { RtdashPublisher } from '../publishers/rtdash-publisher.ts';
import type { RunContext } from '../run-context.ts';
import { probeHandlers } from './process-probe.ts';

let gateway: Gateway | undefined;
let log: EventLog | undefined;
let bus: NoticeBus | undefined;
let localPublisher: RtdashPublisher | undefined;

async function start({ mode, context }: { mode: 'kafka' | 'embedded'; context: RunContext }): Promise<{ url: string }> {
  if (mode === 'kafka') {
    log = new KafkaLog({ brokers: context.kafkaBrokers, topic: context.topic, clientId: 'rtdash-bench-gateway' });
    bus = new RedisBus({ url: context.redisUrl });
  } else {
    // As many partitions as the Kafka topic, so ids and per-channel order look the same.
    log = new EmbeddedLog({ partitions: 3 });
    bus = new EmbeddedBus();
    localPublisher = new RtdashPublisher(new DualPublisher({ log, bus }), context.channels, true, async () => {});
  }
  gateway = await createGateway({ log, bus, logger: createLogger('warn') });
  const { port } = await gateway.listen(0, '127.0.0.1');
  return { url: `ws://127.0.0.1:${port}/ws` };
}

serve({
  start,
  step: stepHandler(() => {
    if (!localPublisher) throw new Error('this gateway publishes nothing itself: it is fed through Kafka and Redis');
    return localPublisher;
  }),
  ...probeHandlers,
}, async () => {
  await gateway?.close();
  await localPublisher?.close();
  await log?.close();
  await bus?.close();
});
