/**
 * Channel feeds for stories: the simulator's own price and host-metric walks (seeded, so a
 * story looks the same on every run), and plain scripted series for the states a walk
 * reaches only by chance (a steady rise, a fall, huge and tiny numbers, a channel going quiet).
 */
import { MarketFeed } from '../../publisher/simulator/market-feed.ts';
import { MetricsFeed } from '../../publisher/simulator/metrics-feed.ts';
import { seededRandom } from '../../publisher/simulator/random.ts';
import type { Feed } from './scripted-gateway.ts';

/** `prices.<symbol>` as the simulator publishes it: { symbol, price, open, change, changePct, volume }. */
export function marketFeed(symbol: string, seed = 7): Feed {
  const market = new MarketFeed([symbol], seededRandom(seed), 0.002);
  return () => market.tick(symbol).data;
}

/** `metrics.<host>` as the simulator publishes it: { host, cpu, mem, rps, p99 }. */
export function metricsFeed(host: string, seed = 11): Feed {
  const metrics = new MetricsFeed([host], seededRandom(seed));
  return () => metrics.tick(host).data;
}

/**
 * A price that moves by `stepFraction` of itself per event (positive: up, negative: down),
 * with a little deterministic wobble so a chart looks like a market, not a ruler.
 */
export function trendFeed(symbol: string, start: number, stepFraction: number): Feed {
  return (step) => {
    const price = start * (1 + stepFraction) ** step * (1 + 0.0015 * Math.sin(step * 1.7));
    // Eight significant digits: a price of 0.00001234 keeps its digits as one of 97,250 does.
    const rounded = Number(price.toPrecision(8));
    return { symbol, price: rounded, open: start, changePct: Number((((rounded - start) / start) * 100).toPrecision(6)) };
  };
}

/** The given values, one per event, then the last one again and again. */
export function seriesFeed(field: string, values: readonly number[]): Feed {
  return (step) => ({ [field]: values[Math.min(step, values.length - 1)] });
}

/** `feed` until step `steps`, then nothing more: the channel goes quiet. */
export function quietAfter(steps: number, feed: Feed): Feed {
  return (step) => (step <= steps ? feed(step) : undefined);
}

/** A channel that has never carried an event: its snapshot is null. */
export const emptyFeed: Feed = () => undefined;
