/**
 * useRealtimeData(key, fetcher, { channel, merge }) — SWR-style data that stays live: the
 * first paint comes from the fetcher (e.g. GET /api/channels/:channel/snapshot), then every
 * live event of `channel` is merged into it, each event of a burst included, at most one
 * render per animation frame. An error never takes the data back to empty.
 *
 *   const { data, error, isLoading, isLive } = useRealtimeData(
 *     ['trades', 'prices.AAPL'],
 *     () => fetch('/api/channels/prices.AAPL/history?limit=100').then((r) => r.json()).then((b) => b.events.map((e) => e.data)),
 *     { channel: 'prices.AAPL', merge: (list = [], event) => [...list, event.data] },
 *   );
 *
 * `key` names the data: a new key starts over with a new fetch; null fetches nothing (the
 * channel is still merged). `refresh()` fetches again.
 */
import { useMemo, useRef, useSyncExternalStore } from 'react';
import type { Json } from '../../protocol/index.ts';
import { RealtimeStore, type RealtimeOptions, type RealtimeState } from './realtime-store.ts';

export type RealtimeKey = string | readonly unknown[] | null;

export interface RealtimeResult<T> extends RealtimeState<T> {
  /** Fetches again; resolves when the fetch settled (its error lands in `error`). */
  refresh: () => Promise<void>;
}

export function useRealtimeData<T, E = Json>(
  key: RealtimeKey,
  fetcher: ((signal: AbortSignal) => Promise<T>) | null,
  options: RealtimeOptions<T, E> = {},
): RealtimeResult<T> {
  const latest = useRef({ fetcher, options });
  latest.current = { fetcher, options };
  const identity = key === null ? null : JSON.stringify(key);
  const store = useMemo(
    () => new RealtimeStore<T, E>(
      () => (identity === null ? undefined : latest.current.fetcher ?? undefined),
      () => latest.current.options,
    ),
    [identity, options.channel, options.gateway],
  );
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return useMemo(() => ({ ...state, refresh: () => store.refresh() }), [state, store]);
}
