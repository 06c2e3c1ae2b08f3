/**
 * The whole stack in one process: log and bus (embedded by default), the dual publisher, the
 * simulator, the gateway and the demo pages. `npm start` runs it; end-to-end tests start it
 * on a free port.
 */
import { fileURLToPath } from 'node:url';
import express from 'express';
import { createGateway, type Gateway } from '../gateway/index.ts';
import type { EventLog, NoticeBus } from '../protocol/index.ts';
import { DualPublisher, EmbeddedBus, EmbeddedLog, KafkaLog, RedisBus, Simulator, type SimulatorOptions } from '../publisher/index.ts';
import type { StackConfig } from './config.ts';

export interface Stack {
  url: string;
  /** What backs the stack, for the start-up line. */
  backends: string;
  gateway: Gateway;
  publisher: DualPublisher;
  log: EventLog;
  bus: NoticeBus;
  /** Stops the simulator (flushing its batch in flight), then the gateway, then log and bus. */
  stop(): Promise<void>;
}

export async function startStack(config: StackConfig, simulator: SimulatorOptions | false = {}): Promise<Stack> {
  // Kafka and Redis when configured, each on its own: either can be embedded.
  const kafka = config.kafkaBrokers ? new KafkaLog({ brokers: config.kafkaBrokers, topic: config.topic }) : undefined;
  await kafka?.connect();
  const redis = config.redisUrl ? new RedisBus({ url: config.redisUrl }) : undefined;
  const log: EventLog = kafka ?? new EmbeddedLog();
  const bus: NoticeBus = redis ?? new EmbeddedBus();
  const publisher = new DualPublisher({ log, bus });
  const gateway = await createGateway({
    log,
    bus,
    health: {
      dependencies: (): Record<string, 'up' | 'down'> => (redis ? { redis: redis.status().publisherReady ? 'up' : 'down' } : {}),
    },
    mount: (app) => app.use(express.static(fileURLToPath(new URL('./public/', import.meta.url)))),
  });
  const address = await gateway.listen(config.port, config.host);
  const feed = simulator === false ? undefined : new Simulator(publisher, simulator);
  feed?.start();
  return {
    url: `http://${address.address === '::1' ? '[::1]' : address.address}:${address.port}/`,
    backends: `${kafka ? `Kafka ${config.kafkaBrokers!.join(',')} topic ${config.topic}` : 'embedded log'}, ${redis ? `Redis ${config.redisUrl}` : 'embedded bus'}`,
    gateway, publisher, log, bus,
    async stop() {
      await feed?.stop();
      await gateway.close();
      await bus.close();
      await log.close();
    },
  };
}
