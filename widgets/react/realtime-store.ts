/**
 * The state behind useRealtimeData(): a fetched first paint, then every live event of the
 * channel merged into it. Additive only: an event already merged (same or older id) is skipped,
 * a failed fetch sets `error` and keeps the data, and a fetch that lands after live events
 * replays those events on top of what it fetched, so nothing that arrived meanwhile is lost.
 * Like ChannelStore it holds the channel on the shared manager only while React is subscribed
 * and notifies React at most once per animation frame.
 */
import { compareIds, type EventId, type Json } from '../../protocol/index.ts';
import type { ChannelValue } from '../connection/channel-state.ts';
import type { ConnectionManager } from '../connection/connection-manager.ts';
import { getManager } from '../connection/manager-registry.ts';
import { cancelFlush, flushNextFrame } from './frame-batch.ts';

/** Events kept while a fetch is in flight, to replay on its result (oldest dropped beyond). */
export const DEFAULT_MAX_BUFFERED_EVENTS = 10_000;

/** One full event of the channel, as merge() receives it. */
export interface LiveEvent<E = Json> {
  channel: string;
  id: EventId;
  ts: number;
  data: E;
}

export interface RealtimeOptions<T, E = Json> {
  /** The channel whose events are merged; without one, the hook only fetches. */
  channel?: string;
  gateway?: string;
  /** Folds one event into the data (default: the event's data replaces it). Called for every event. */
  merge?: (current: T | undefined, event: LiveEvent<E>) => T;
  /** The id of the newest event the fetched data already contains: older events are not replayed on it. */
  fetchedId?: (fetched: T) => EventId | undefined;
  /** Shown until the first fetch lands (SWR's name). */
  fallbackData?: T;
  /** Fetch again when the connection comes back after a loss (true), as SWR revalidates on reconnect. */
  refetchOnReconnect?: boolean;
  maxBufferedEvents?: number;
}

export interface RealtimeState<T> {
  data: T | undefined;
  /** The last fetch or merge failure; cleared by the next successful fetch. Never clears data. */
  error: unknown;
  /** The first fetch is in flight and there is no data yet. */
  isLoading: boolean;
  /** The connection is open and the channel's data is current (not stale). */
  isLive: boolean;
}

export type Fetcher<T> = (signal: AbortSignal) => Promise<T>;

export class RealtimeStore<T, E = Json> {
  #state: RealtimeState<T>;
  #data: T | undefined;
  #error: unknown;
  #fetching = false;
  #everFetched = false;
  #live = false;
  #lastId: EventId | undefined;
  #pending: LiveEvent<E>[] = [];
  /** Events since the fetch in flight started: replayed on its result. */
  #sinceFetch: LiveEvent<E>[] | undefined;
  #generation = 0;
  #abort: AbortController | undefined;
  #notify: (() => void) | undefined;
  #manager: ConnectionManager | undefined;
  #wasOpen = false;
  #everOpen = false;

  constructor(
    private readonly fetcher: () => Fetcher<T> | undefined,
    private readonly options: () => RealtimeOptions<T, E>,
  ) {
    this.#data = options().fallbackData;
    this.#state = this.#snapshot();
  }

  readonly getSnapshot = (): RealtimeState<T> => this.#state;

  readonly subscribe = (notify: () => void): (() => void) => {
    this.#notify = notify;
    // Whatever changed while unsubscribed (StrictMode's gap, a fetch that landed) shows now.
    this.#schedule();
    if (!this.#everFetched && !this.#fetching) void this.refresh();
    const { channel, gateway } = this.options();
    if (!channel) return () => { this.#notify = undefined; };
    const manager = getManager(gateway);
    this.#manager = manager;
    const release = manager.subscribe(channel, (value) => this.#take(value));
    const stopState = manager.onStateChange(() => this.#onState());
    this.#onState();
    return () => {
      release();
      stopState();
      cancelFlush(this.#flush);
      this.#notify = undefined;
    };
  };

  /** Fetches again (SWR's mutate()): live events that arrive meanwhile are replayed on the result. */
  async refresh(): Promise<void> {
    const fetcher = this.fetcher();
    if (!fetcher) return;
    const generation = ++this.#generation;
    this.#fetching = true;
    this.#sinceFetch = [];
    this.#schedule();
    // A newer fetch supersedes the one in flight: its answer would be ignored anyway.
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    try {
      const fetched = await fetcher(abort.signal);
      if (generation !== this.#generation) return;
      this.#applyFetched(fetched);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#error = error;
    } finally {
      if (generation === this.#generation) {
        this.#fetching = false;
        this.#everFetched = true;
        this.#sinceFetch = undefined;
        this.#schedule();
      }
    }
  }

  #applyFetched(fetched: T): void {
    const since = this.options().fetchedId?.(fetched);
    const replay = (this.#sinceFetch ?? []).filter((event) => since === undefined || isAfter(event.id, since));
    // The events the fetch already holds are not merged again when the socket delivers them.
    if (since !== undefined && (this.#lastId === undefined || isAfter(since, this.#lastId))) this.#lastId = since;
    this.#pending = [];
    this.#data = fetched;
    this.#error = undefined;
    this.#merge(replay);
  }

  #take(value: ChannelValue): void {
    this.#setLive(value.stale);
    if (value.data === undefined || value.id === undefined) return;
    if (!value.partial) return this.#accept({ channel: value.channel, id: value.id, ts: value.ts ?? 0, data: value.data as E });
    // A newer hint is on screen: the full events behind it are in the history.
    for (const point of this.#manager?.history(value.channel) ?? []) {
      this.#accept({ channel: value.channel, id: point.id, ts: point.ts, data: point.data as E });
    }
  }

  #accept(event: LiveEvent<E>): void {
    if (this.#lastId !== undefined && !isAfter(event.id, this.#lastId)) return;
    this.#lastId = event.id;
    this.#pending.push(event);
    if (this.#sinceFetch) {
      this.#sinceFetch.push(event);
      const max = this.options().maxBufferedEvents ?? DEFAULT_MAX_BUFFERED_EVENTS;
      if (this.#sinceFetch.length > max) this.#sinceFetch.splice(0, this.#sinceFetch.length - max);
    }
    this.#schedule();
  }

  #onState(): void {
    const open = this.#manager?.state.name === 'open';
    // Back after a loss: refetch, as SWR revalidates on reconnect (live events meanwhile are replayed on it).
    if (open && !this.#wasOpen && this.#everOpen && this.options().refetchOnReconnect !== false) void this.refresh();
    this.#everOpen ||= open;
    this.#wasOpen = open;
    this.#setLive(this.#manager?.channel(this.options().channel ?? '')?.stale ?? false);
  }

  #setLive(stale: boolean): void {
    const live = this.#manager?.state.name === 'open' && !stale;
    if (live === this.#live) return;
    this.#live = live;
    this.#schedule();
  }

  #merge(events: LiveEvent<E>[]): void {
    const merge = this.options().merge ?? ((_current: T | undefined, event: LiveEvent<E>) => event.data as unknown as T);
    for (const event of events) {
      try {
        this.#data = merge(this.#data, event);
      } catch (error) {
        this.#error = error; // a broken merge keeps the data it had
      }
    }
  }

  #schedule(): void {
    flushNextFrame(this.#flush);
  }

  readonly #flush = (): void => {
    const pending = this.#pending;
    this.#pending = [];
    this.#merge(pending);
    this.#state = this.#snapshot();
    this.#notify?.();
  };

  #snapshot(): RealtimeState<T> {
    // Loading from the first render on, as in SWR: the fetch starts when React subscribes.
    const isLoading = !this.#everFetched && this.#data === undefined && this.fetcher() !== undefined;
    return { data: this.#data, error: this.#error, isLoading, isLive: this.#live };
  }
}

/** Newer than `than`; ids from another partition (a repartitioned log) count as newer, as in ChannelState. */
function isAfter(id: EventId, than: EventId): boolean {
  const order = compareIds(id, than);
  return order > 0 || Number.isNaN(order);
}
