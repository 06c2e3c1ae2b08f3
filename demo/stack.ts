/**
 * The whole stack in one process: log and bus (embedded by default), the dual publisher, the
 * simulator, the gateway and the demo pages. `npm start` runs it; end-to-end tests start it
 * on a free port.
 */
import { fileURLToPath } from 'node:url';
import express from 'express';
import { createGateway, type Gateway } from '../gateway/index.ts';
import type { EventLog, NoticeBus } from '../protocol/index.ts';
import { DualPublisher } from '../publisher/dual-publisher.ts';
import { EmbeddedBus } from '../publisher/embedded/embedded-bus.ts';
import { EmbeddedLog } from '../publisher/embedded/embedded-log.ts';
import { Simulator, type SimulatorOptions } from '../publisher/simulator/simulator.ts';
import type { StackConfig } from './config.ts';

export interface Stack {
  url: string;
  gateway: Gateway;
  publisher: DualPublisher;
  log: EventLog;
  bus: NoticeBus;
  /** Stops the simulator (flushing its batch in flight), then the gateway, then log and bus. */
  stop(): Promise<void>;
}

export async function startStack(config: StackConfig, simulator: SimulatorOptions | false = {}): Promise<Stack> {
  const log: EventLog = new EmbeddedLog();
  const bus: NoticeBus = new EmbeddedBus();
  const publisher = new DualPublisher({ log, bus });
  const gateway = await createGateway({
    log,
    bus,
    health: { dependencies: () => ({ log: 'up', bus: 'up' }) },
    mount: (app) => app.use(express.static(fileURLToPath(new URL('./public/', import.meta.url)))),
  });
  const address = await gateway.listen(config.port, config.host);
  const feed = simulator === false ? undefined : new Simulator(publisher, simulator);
  feed?.start();
  return {
    url: `http://${address.address === '::1' ? '[::1]' : address.address}:${address.port}/`,
    gateway, publisher, log, bus,
    async stop() {
      await feed?.stop();
      await gateway.close();
      await bus.close();
      await log.close();
    },
  };
}
