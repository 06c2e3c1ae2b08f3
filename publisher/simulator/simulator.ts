/**
 * Runs the market and metrics feeds against a publisher at a steady rate. Each timer tick
 * publishes one batch, so the rate costs one log append per tick, not one per event.
 */
import type { EventInput, LoggedEvent } from '../../protocol/index.ts';
import { DEFAULT_HOSTS, MetricsFeed } from './metrics-feed.ts';
import { DEFAULT_SYMBOLS, MarketFeed } from './market-feed.ts';
import { seededRandom } from './random.ts';

export interface SimulatorOptions {
  symbols?: string[];
  /** Price updates per second for each symbol. */
  marketRate?: number;
  hosts?: string[];
  /** Metric samples per second for each host. */
  metricsRate?: number;
  seed?: number;
  /** How often the timer fires; events due in between are published together. */
  tickMs?: number;
  onError?: (error: unknown) => void;
}

export interface BatchPublisher {
  publishBatch(events: EventInput[]): Promise<LoggedEvent[]>;
}

export class Simulator {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly market: MarketFeed;
  private readonly metrics: MetricsFeed;
  private readonly marketRate: number;
  private readonly metricsRate: number;
  private readonly tickMs: number;
  private readonly onError: (error: unknown) => void;
  /** Fractional events owed per source, so any rate works with any tick length. */
  private marketDue = 0;
  private metricsDue = 0;
  /** The batch being published; a tick that finds one still in flight is skipped, so a slow log never piles up batches. */
  private inFlight: Promise<unknown> | undefined;

  constructor(private readonly publisher: BatchPublisher, options: SimulatorOptions = {}) {
    const random = seededRandom(options.seed ?? Date.now());
    this.market = new MarketFeed(options.symbols ?? DEFAULT_SYMBOLS, random);
    this.metrics = new MetricsFeed(options.hosts ?? DEFAULT_HOSTS, random);
    this.marketRate = options.marketRate ?? 4;
    this.metricsRate = options.metricsRate ?? 1;
    this.tickMs = options.tickMs ?? 50;
    this.onError = options.onError ?? ((error) => console.error('[rtdash] simulator publish failed:', (error as Error).message));
  }

  start(): void {
    if (this.timer) return;
    this.publishDue(); // a first value for every channel at once
    this.timer = setInterval(() => this.publishDue(), this.tickMs);
  }

  /** Stops the timer and waits for the batch in flight, so nothing accepted is cut off. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  /** Builds the next batch: every symbol/host whose turn has come. Exposed for tests. */
  nextBatch(): EventInput[] {
    const events: EventInput[] = [];
    const seconds = this.tickMs / 1000;
    this.marketDue += this.marketRate * seconds;
    this.metricsDue += this.metricsRate * seconds;
    for (; this.marketDue >= 1; this.marketDue--) for (const symbol of this.market.symbols) events.push(this.market.tick(symbol));
    for (; this.metricsDue >= 1; this.metricsDue--) for (const host of this.metrics.hostNames) events.push(this.metrics.tick(host));
    return events;
  }

  private publishDue(): void {
    if (this.inFlight) return;
    const events = this.timer ? this.nextBatch() : this.firstBatch();
    if (events.length === 0) return;
    this.inFlight = this.publisher
      .publishBatch(events)
      .catch(this.onError)
      .finally(() => { this.inFlight = undefined; });
  }

  private firstBatch(): EventInput[] {
    return [...this.market.symbols.map((symbol) => this.market.tick(symbol)), ...this.metrics.hostNames.map((host) => this.metrics.tick(host))];
  }
}
