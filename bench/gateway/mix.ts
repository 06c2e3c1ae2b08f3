/**
 * The message mix every target sees: the channels, which client subscribes to which (drawn
 * from a fixed seed, so all targets and runs share it), the event payload, and how many
 * clients each event reaches.
 */
import { seededRandom } from '../../publisher/simulator/random.ts';

export interface Mix {
  channels: string[];
  /** Channel indexes per client. */
  subscriptions: number[][];
  /** Subscribers per channel index: the deliveries one event on that channel owes. */
  fanout: number[];
}

export interface MixShape {
  clients: number;
  channels: number;
  subscriptionsPerClient: number;
  seed: number;
}

/** `prefix` makes the names unique per run (the Redis and Kafka namespaces are shared). */
export function buildMix(shape: MixShape, prefix: string): Mix {
  const channels = Array.from({ length: shape.channels }, (_, i) => `${prefix}.c${String(i).padStart(3, '0')}`);
  const random = seededRandom(shape.seed);
  const subscriptions: number[][] = [];
  const fanout = new Array<number>(shape.channels).fill(0);
  for (let client = 0; client < shape.clients; client++) {
    // A partial Fisher–Yates draw: distinct channels, uniform.
    const pool = channels.map((_, i) => i);
    const picked: number[] = [];
    for (let k = 0; k < shape.subscriptionsPerClient; k++) {
      const j = k + Math.floor(random() * (pool.length - k));
      [pool[k], pool[j]] = [pool[j], pool[k]];
      picked.push(pool[k]);
      fanout[pool[k]]++;
    }
    subscriptions.push(picked);
  }
  return { channels, subscriptions, fanout };
}

/** The event body: a price tick with its publish timestamp, about 100 bytes of JSON. */
export interface PriceTick {
  price: number;
  /** Publish time, ms since the epoch with sub-ms precision (see now()). */
  ts: number;
  seq: number;
  sym: string;
  venue: string;
  qty: number;
}

export function priceTick(channelIndex: number, seq: number, ts: number): PriceTick {
  const price = Math.round((100 + channelIndex + 10 * Math.sin(seq / 50)) * 10_000) / 10_000;
  return { price, ts, seq, sym: `SYM${String(channelIndex).padStart(3, '0')}`, venue: 'XNAS', qty: 100 + (seq % 900) };
}

/**
 * Wall-clock ms with sub-ms precision. Every process on this machine reads the same clock, so
 * publish-to-client latency is a subtraction across processes.
 */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
