/**
 * Prometheus metrics for one gateway, on a registry of its own (several gateways in one
 * process, as in tests, must not collide). Served at /metrics.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Transport = 'websocket' | 'sse';

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly connections: Gauge<'transport'>;
  readonly subscriptions: Gauge;
  readonly channels: Gauge;
  readonly eventsIn: Counter<'source'>;
  /**
   * Frames sent, per transport: plain numbers on the hot path (a labelled prom-client inc()
   * hashes its labels on every call, a tenth of a delivery's JavaScript), read on each scrape.
   */
  readonly framesOut: Record<Transport, number> = { websocket: 0, sse: 0 };
  readonly conflated: Counter;
  readonly previewsShed: Counter;
  readonly slowConsumerCloses: Counter;
  readonly badFrames: Counter<'code'>;
  readonly dependencyUp: Gauge<'dependency'>;
  readonly publishToSend: Histogram;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.connections = new Gauge({ name: 'rtdash_connections', help: 'Open client connections', labelNames: ['transport'], registers });
    this.subscriptions = new Gauge({ name: 'rtdash_subscriptions', help: 'Channel subscriptions held by clients', registers });
    this.channels = new Gauge({ name: 'rtdash_channels', help: 'Channels with at least one local subscriber', registers });
    this.eventsIn = new Counter({ name: 'rtdash_events_in_total', help: 'Events received: full events from the log, hints from the bus', labelNames: ['source'], registers });
    const framesOut = this.framesOut;
    new Counter({
      name: 'rtdash_frames_out_total', help: 'Frames sent to clients', labelNames: ['transport'], registers,
      collect() {
        this.reset();
        for (const transport of ['websocket', 'sse'] as const) this.inc({ transport }, framesOut[transport]);
      },
    });
    this.conflated = new Counter({ name: 'rtdash_conflated_total', help: 'Events held back from a congested client (sent later as catch-up)', registers });
    this.previewsShed = new Counter({ name: 'rtdash_previews_shed_total', help: 'Notices whose preview was not sent because the event loop was busy or behind (the full event follows)', registers });
    this.slowConsumerCloses = new Counter({ name: 'rtdash_slow_consumer_closes_total', help: 'Clients closed for staying over their send budget', registers });
    this.badFrames = new Counter({ name: 'rtdash_bad_frames_total', help: 'Client frames refused', labelNames: ['code'], registers });
    this.dependencyUp = new Gauge({ name: 'rtdash_dependency_up', help: '1 when a dependency (redis, kafka) is reachable', labelNames: ['dependency'], registers });
    this.publishToSend = new Histogram({
      name: 'rtdash_publish_to_send_seconds',
      help: 'From the publisher timestamp to the moment the gateway hands the event to its clients',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'rtdash_process_' });
  }
}
