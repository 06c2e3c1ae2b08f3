/**
 * useSSE({ url, channels, onMessage, … }) — channel events over the gateway's Server-Sent
 * Events stream (GET /api/stream), for networks whose proxies refuse WebSocket upgrades.
 *
 *   const { data, isConnected, close } = useSSE<{ price: number }>({ channels: ['prices.AAPL'] });
 *
 * Shared: the page's manager when it already streams over SSE (configure({ transport: 'sse' })),
 * otherwise one SSE manager per gateway URL for every useSSE() on the page. onMessage hears
 * every event of the hook's channels as it arrives (hints with `partial: true`, then the full
 * event with the same id); `data` is the newest event's data, re-rendered at most once per
 * animation frame. close() makes this hook let go of its channels for good.
 */
import { useMemo, useRef, useSyncExternalStore } from 'react';
import type { EventId, Json } from '../../protocol/index.ts';
import type { ConnectionStateName } from '../connection/connection-state.ts';
import { checkLinkOptions, type LinkOptions } from './link-options.ts';
import { LinkStore, type LinkReading } from './link-store.ts';
import { useHeldChannels } from './use-held-channels.ts';

export interface SseMessage<T = Json> {
  channel: string;
  id: EventId;
  ts: number | undefined;
  data: T;
  partial: boolean;
}

export interface UseSSEOptions<T = Json> extends LinkOptions {
  onMessage?: (message: SseMessage<T>) => void;
}

export interface SSEResult<T = Json> {
  /** The newest event's data, of any of the hook's channels. */
  data: T | undefined;
  lastMessage: SseMessage<T> | undefined;
  status: ConnectionStateName;
  isConnected: boolean;
  close: () => void;
}

const SERVER_READING: LinkReading<never> = { status: 'idle', lastMessage: undefined };

export function useSSE<T = Json>(options: UseSSEOptions<T> = {}): SSEResult<T> {
  checkLinkOptions(options);
  const latest = useRef(options);
  latest.current = options;
  const share = options.share ?? true;
  const store = useMemo(() => new LinkStore<SseMessage<T>>('sse', options.url, share, () => ({
    options: latest.current,
    onChannelValue: (value) => {
      if (value.data === undefined || value.id === undefined) return undefined;
      const message: SseMessage<T> = { channel: value.channel, id: value.id, ts: value.ts, data: value.data as T, partial: value.partial };
      latest.current.onMessage?.(message);
      return message;
    },
  })), [options.url, share]);
  const reading = useSyncExternalStore(store.subscribe, store.getSnapshot, () => SERVER_READING);
  useHeldChannels(store, options.channels);
  return useMemo(() => ({
    data: reading.lastMessage?.data,
    lastMessage: reading.lastMessage,
    status: reading.status,
    isConnected: reading.status === 'open',
    close: () => store.stop(),
  }), [reading, store]);
}
