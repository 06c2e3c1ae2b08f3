/**
 * Feeds a PointRing from a channel: first the manager's recent full events (so a chart that
 * appears late is not empty), then every value the channel listener hands over.
 */
import type { ChannelChange, ChannelValue } from '../connection/channel-state.ts';
import { getManager } from '../connection/manager-registry.ts';
import { readNumber } from './field-path.ts';
import type { PointRing } from './point-ring.ts';

export function seedFromHistory(ring: PointRing, gateway: string, channel: string, field: string): void {
  let history;
  try {
    history = getManager(gateway || undefined).history(channel);
  } catch {
    return; // a bad gateway URL was reported by the channel controller already
  }
  for (const point of history) {
    const y = readNumber(point.data, field);
    if (y !== undefined) ring.push(point.ts, y, point.id);
  }
}

/** False when the value has no number at `field` (a hint without it): the window keeps what it has. */
export function pushValue(ring: PointRing, value: ChannelValue, field: string): boolean {
  const y = readNumber(value.data, field);
  if (y === undefined) return false;
  ring.push(value.ts ?? Date.now(), y, value.id);
  return true;
}

/**
 * A ring fed by one channel field. `follow()` (from willUpdate, after the channel controller
 * synced) and `take()` (from the channel listener) both start the window over, seeded from
 * the manager's history, whenever gateway, channel or field changed since it was filled.
 */
export class ChannelSeries {
  readonly ring: PointRing;
  #key: string | undefined;

  /** `onRestart` runs when the window starts over for a (new) channel. */
  constructor(ring: PointRing, private readonly onRestart?: () => void) {
    this.ring = ring;
  }

  /** True when the window was started over. */
  follow(gateway: string, channel: string, field: string, bound: boolean): boolean {
    const key = bound ? `${gateway}\n${channel}\n${field}` : undefined;
    if (key === this.#key) return false;
    this.ring.clear();
    this.#key = key;
    if (bound) {
      seedFromHistory(this.ring, gateway, channel, field);
      this.onRestart?.();
    }
    return true;
  }

  /** True when the window changed. */
  take(value: ChannelValue, change: ChannelChange, gateway: string, field: string): boolean {
    const restarted = this.follow(gateway, value.channel, field, true);
    if (change === 'stale' || change === 'fresh') return restarted;
    return pushValue(this.ring, value, field) || restarted;
  }

  /** Forget the source (data set by hand from now on). */
  detach(): void {
    this.#key = undefined;
  }
}

export type Trend = 'up' | 'down';

/** Up when the window ends at or above where it starts. */
export function trendOf(ring: PointRing): Trend | undefined {
  const first = ring.firstY();
  const last = ring.lastY();
  if (first === undefined || last === undefined) return undefined;
  return last >= first ? 'up' : 'down';
}

/** Change over the window as a fraction (0.012 = +1.2%); undefined without a usable start. */
export function changeOf(first: number | undefined, last: number | undefined): number | undefined {
  if (first === undefined || last === undefined || first === 0) return undefined;
  return (last - first) / Math.abs(first);
}

export const positiveIntegerOr = (fallback: number) => ({
  fromAttribute: (value: string | null): number => {
    const n = Number(value);
    return value !== null && Number.isInteger(n) && n > 0 ? n : fallback;
  },
});

/** The accessible summary of a window: last value and change over it. */
export function describeWindow(label: string, first: number | undefined, last: number | undefined, count: number,
  format: (n: number) => string = defaultFormat): string {
  const name = label ? `${label}: ` : '';
  if (last === undefined || count === 0) return `${name}no data yet`;
  const change = changeOf(first, last);
  const trend = change === undefined ? '' : `, ${change >= 0 ? 'up' : 'down'} ${Math.abs(change * 100).toFixed(2)}%`;
  return `${name}${format(last)}${trend} over the last ${count} ${count === 1 ? 'point' : 'points'}`;
}

let plainNumber: Intl.NumberFormat | undefined;
function defaultFormat(n: number): string {
  plainNumber ??= new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });
  return plainNumber.format(n);
}
