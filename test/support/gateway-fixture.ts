/** A gateway on the embedded log and bus, on a free port, with a publisher feeding it. */
import { createGateway, createLogger, type Gateway, type GatewayOptions, type GatewaySettings } from '../../gateway/index.ts';
import { DualPublisher } from '../../publisher/dual-publisher.ts';
import { EmbeddedBus } from '../../publisher/embedded/embedded-bus.ts';
import { EmbeddedLog } from '../../publisher/embedded/embedded-log.ts';

export interface Fixture { gateway: Gateway; log: EmbeddedLog; bus: EmbeddedBus; publisher: DualPublisher; wsUrl: string; httpUrl: string }

export async function start(settings: Partial<GatewaySettings> = {}, options: Partial<GatewayOptions> = {}): Promise<Fixture> {
  const log = new EmbeddedLog();
  const bus = new EmbeddedBus();
  const gateway = await createGateway({ log, bus, logger: createLogger('silent'), settings: { busLingerMs: 50, ...settings }, ...options });
  const { port } = await gateway.listen(0);
  return { gateway, log, bus, publisher: new DualPublisher({ log, bus }), wsUrl: `ws://127.0.0.1:${port}/ws`, httpUrl: `http://127.0.0.1:${port}` };
}

export const publishN = (publisher: DualPublisher, channel: string, from: number, count: number) =>
  publisher.publishBatch(Array.from({ length: count }, (_, i) => ({ channel, data: { n: from + i }, hint: { n: from + i } })));

