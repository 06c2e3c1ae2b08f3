/**
 * useChannel(channel, { select }) — the latest value of one channel, its id and staleness.
 *
 *   const { value: price, stale } = useChannel<{ price: number }, number>('prices.AAPL', { select: (d) => d.price });
 *
 * Re-renders only when the selected value (or the staleness) changes, at most once per
 * animation frame however many events arrive. Every consumer of a channel, hook or element,
 * shares one wire subscription on the page's one connection.
 */
import { useMemo, useRef, useSyncExternalStore } from 'react';
import type { Json } from '../../protocol/index.ts';
import { ChannelStore, EMPTY_READING, type ChannelReading, type ChannelSelection } from './channel-store.ts';

export interface UseChannelOptions<T, S> extends ChannelSelection<T, S> {
  /** Gateway URL; default: `<meta name="rtdash-gateway">`, configure(), then same-origin /ws. */
  gateway?: string;
}

export function useChannel<T = Json, S = T>(channel: string, options: UseChannelOptions<T, S> = {}): ChannelReading<S> {
  const latest = useRef(options);
  latest.current = options;
  const store = useMemo(() => new ChannelStore<T, S>(channel, options.gateway, () => latest.current), [channel, options.gateway]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, serverReading);
}

/** Server rendering and hydration: nothing is known before the browser connects. */
function serverReading(): ChannelReading<never> {
  return EMPTY_READING;
}
