/**
 * A real gateway for the browser tests (widgets/e2e/), run inside the web-test-runner process by
 * test/support/wtr-gateway-plugin.mjs. The embedded log, bus and publisher live here, outside any
 * one gateway, so the gateway can be stopped (clients get 1012) and started again on the same
 * port while the log keeps every event and its ids continue.
 */
import type { EventInput, Json } from '../../protocol/index.ts';
import { createGateway, createLogger, type Gateway, type GatewaySettings } from '../../gateway/index.ts';
import { DualPublisher } from '../../publisher/dual-publisher.ts';
import { EmbeddedBus } from '../../publisher/embedded/embedded-bus.ts';
import { EmbeddedLog } from '../../publisher/embedded/embedded-log.ts';
import { freePort } from './free-port.ts';

export interface GatewayInfo {
  running: boolean;
  wsUrl: string;
  httpUrl: string;
  /** Open client connections (WebSocket and SSE). */
  connections: number;
  /** Per channel, how many open connections are subscribed to it on the wire. */
  subscriptions: Record<string, number>;
  /** Channels the hub holds a feed for (lingers `busLingerMs` after the last subscriber). */
  hubChannels: number;
  /** Times the gateway was started. */
  starts: number;
}

export interface PublishRequest {
  channel: string;
  /**
   * The event's data. With `count`, `count` events are published in one batch, each with its
   * data's numeric fields `from`+i: `{ data: { price: 10 }, count: 3 }` → prices 10, 11, 12.
   */
  data?: Json;
  count?: number;
  /** Also send the data as the notice's hint (the bus paints first, the log refines). */
  hint?: boolean;
}

const SETTINGS: Partial<GatewaySettings> = {
  // Short, so a stop takes milliseconds and /__gateway/info reflects unsubscribes soon.
  busLingerMs: 50,
  drainTimeoutMs: 1_000,
};

export class TestGateway {
  readonly log = new EmbeddedLog();
  readonly bus = new EmbeddedBus();
  readonly publisher = new DualPublisher({ log: this.log, bus: this.bus });
  #gateway: Gateway | undefined;
  #transition: Promise<unknown> = Promise.resolve();
  #starts = 0;

  private constructor(readonly port: number) {}

  static async create(): Promise<TestGateway> {
    const gateway = new TestGateway(await freePort());
    await gateway.start();
    return gateway;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.#gateway !== undefined;
  }

  /** A new gateway over the same log and bus, on the same port; no-op while running. */
  start(): Promise<void> {
    return this.#serialise(async () => {
      if (this.#gateway) return;
      const gateway = await createGateway({ log: this.log, bus: this.bus, logger: createLogger('silent'), settings: SETTINGS });
      try {
        await gateway.listen(this.port);
      } catch (error) {
        await gateway.close().catch(() => {});
        throw error;
      }
      this.#gateway = gateway;
      this.#starts++;
    });
  }

  /** Closes the gateway (every client gets 1012); the log, bus and publisher stay. */
  stop(): Promise<void> {
    return this.#serialise(async () => {
      const gateway = this.#gateway;
      this.#gateway = undefined;
      await gateway?.close();
    });
  }

  /** Publishes through the DualPublisher (log + bus); works while the gateway is stopped. */
  async publish(request: PublishRequest): Promise<string[]> {
    if (typeof request.channel !== 'string') throw new TypeError('publish needs a channel');
    const count = request.count ?? 1;
    if (!Number.isInteger(count) || count < 1 || count > 1_000) throw new RangeError(`count must be 1…1000, got ${count}`);
    const base = request.data ?? null;
    const events: EventInput[] = Array.from({ length: count }, (_, i) => {
      const data = numbered(base, i);
      return request.hint ? { channel: request.channel, data, hint: data } : { channel: request.channel, data };
    });
    const logged = await this.publisher.publishBatch(events);
    return logged.map((event) => event.id);
  }

  info(): GatewayInfo {
    const gateway = this.#gateway;
    const subscriptions: Record<string, number> = {};
    for (const session of gateway?.connections.sessions() ?? []) {
      for (const channel of session.channels) subscriptions[channel] = (subscriptions[channel] ?? 0) + 1;
    }
    return {
      running: gateway !== undefined,
      wsUrl: this.wsUrl,
      httpUrl: this.httpUrl,
      connections: gateway?.connections.size ?? 0,
      subscriptions,
      hubChannels: gateway?.hub.channelCount() ?? 0,
      starts: this.#starts,
    };
  }

  /** Stops the gateway and the publisher for good (the end of the test run). */
  async dispose(): Promise<void> {
    await this.stop();
    await this.publisher.close();
    await this.log.close();
    await this.bus.close();
  }

  /** Start and stop never overlap, whatever order the browser's requests arrive in. */
  #serialise<T>(step: () => Promise<T>): Promise<T> {
    const next = this.#transition.then(step, step);
    this.#transition = next.catch(() => {});
    return next;
  }
}

/** `data` with every top-level number increased by `i` (a number itself likewise). */
function numbered(data: Json, i: number): Json {
  if (i === 0) return data;
  if (typeof data === 'number') return data + i;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, typeof value === 'number' ? value + i : value]));
}
