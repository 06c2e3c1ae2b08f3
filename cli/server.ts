/**
 * A gateway with its publisher in one process: log and bus (Kafka and Redis when configured,
 * each on its own, else embedded), the dual publisher, the HTTP ingest and the gateway, and
 * optionally the simulator. `rtdash gateway` runs it as is; `npm start` (demo/stack.ts) adds the
 * simulator and the demo pages.
 */
import type { Express } from 'express';
import { createGateway, type Gateway } from '../gateway/index.ts';
import type { EventLog, NoticeBus } from '../protocol/index.ts';
import { KafkaLog, RedisBus, Simulator, type DualPublisher, type SimulatorOptions } from '../publisher/index.ts';
import { createPublisher } from '../publisher/create-publisher.ts';
import { httpIngest } from '../publisher/http-ingest.ts';
import type { StackConfig } from './config.ts';

export interface Server {
  url: string;
  /** What backs the server, for the start-up line. */
  backends: string;
  gateway: Gateway;
  publisher: DualPublisher;
  log: EventLog;
  bus: NoticeBus;
  /** Stops the simulator (flushing its batch in flight), then the gateway, then publisher, log and bus. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  simulator?: SimulatorOptions | false;
  /** More routes (e.g. demo pages), mounted after the gateway's and the ingest's own. */
  mount?: (app: Express) => void;
}

export async function startServer(config: StackConfig, options: ServerOptions = {}): Promise<Server> {
  const created = await createPublisher({ kafkaBrokers: config.kafkaBrokers, redisUrl: config.redisUrl, topic: config.topic });
  const { publisher, log, bus } = created;
  const kafka = log instanceof KafkaLog ? log : undefined;
  const redis = bus instanceof RedisBus ? bus : undefined;
  let gateway: Gateway;
  try {
    gateway = await createGateway({
      log,
      bus,
      auth: { jwtSecret: config.jwtSecret, publicChannels: config.publicChannels },
      settings: {
        allowedOrigins: config.allowedOrigins,
        ...(config.previewHoldMs === undefined ? {} : { previewHoldMs: config.previewHoldMs }),
        ...(config.heartbeatIntervalMs === undefined ? {} : { heartbeatIntervalMs: config.heartbeatIntervalMs }),
      },
      health: {
        dependencies: async (): Promise<Record<string, 'up' | 'down'>> => ({
          ...(kafka ? { kafka: (await kafka.probe()) ? 'up' : 'down' } : {}),
          ...(redis ? { redis: redisUp(redis.status()) ? 'up' : 'down' } : {}),
        }),
      },
      mount: (app) => {
        app.use(httpIngest(publisher, { token: config.publishToken }));
        options.mount?.(app);
      },
    });
  } catch (error) {
    await created.close();
    throw error;
  }
  let address;
  try {
    address = await gateway.listen(config.port, config.host);
  } catch (error) {
    await gateway.close();
    await created.close();
    throw error;
  }
  const feed = options.simulator ? new Simulator(publisher, options.simulator) : undefined;
  feed?.start();
  return {
    url: `http://${address.address === '::1' ? '[::1]' : address.address}:${address.port}/`,
    backends: created.backends,
    gateway, publisher, log, bus,
    async stop() {
      await feed?.stop();
      await gateway.close();
      await created.close();
    },
  };
}

/** Both Redis connections count: the one that publishes, and the one carrying notices to this gateway's clients. */
function redisUp(status: ReturnType<RedisBus['status']>): boolean {
  return status.publisherReady && (status.subscriber === 'none' || status.subscriberReady);
}
