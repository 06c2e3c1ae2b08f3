/**
 * What one useChannel() consumer sees of a channel, as a store for useSyncExternalStore. It
 * holds the channel on the page's shared manager while React is subscribed (the manager's
 * ref counts and linger make StrictMode's subscribe → unsubscribe → subscribe free), keeps
 * only the selected part of the data, and tells React about a change at most once per
 * animation frame — and only when the selected value or the staleness really changed.
 */
import type { EventId, Json } from '../../protocol/index.ts';
import type { ChannelValue } from '../connection/channel-state.ts';
import { getManager } from '../connection/manager-registry.ts';
import { cancelFlush, flushNextFrame } from './frame-batch.ts';

export interface ChannelReading<S> {
  /** select(data) of the newest event; undefined until the channel has data. */
  readonly value: S | undefined;
  /** Id and time of the event that gave `value`. */
  readonly id: EventId | undefined;
  readonly ts: number | undefined;
  /** The value came from a hint that a full event will refine (updated with the value, not on its own). */
  readonly partial: boolean;
  /** The connection dropped or the channel was reset: the value may be out of date. */
  readonly stale: boolean;
}

export interface ChannelSelection<T, S> {
  /** Picks what the component needs; it re-renders only when this changes (by `isEqual`). */
  select?: (data: T) => S;
  /** How two selected values compare (Object.is). Use a shallow compare for selected objects. */
  isEqual?: (a: S, b: S) => boolean;
}

export const EMPTY_READING: ChannelReading<never> = Object.freeze({
  value: undefined, id: undefined, ts: undefined, partial: false, stale: false,
});

export class ChannelStore<T, S> {
  #reading: ChannelReading<S> = EMPTY_READING;
  #next: ChannelReading<S> | undefined;
  #notify: (() => void) | undefined;

  /** `selection` is read at every event, so a new select function each render is fine. */
  constructor(
    readonly channel: string,
    readonly gateway: string | undefined,
    private readonly selection: () => ChannelSelection<T, S>,
  ) {}

  readonly getSnapshot = (): ChannelReading<S> => this.#reading;

  readonly subscribe = (notify: () => void): (() => void) => {
    this.#notify = notify;
    const release = getManager(this.gateway).subscribe(this.channel, (value) => this.#take(value));
    // A change taken before an unsubscribe (StrictMode's) was never flushed: flush it now.
    if (this.#next) flushNextFrame(this.#flush);
    return () => {
      release();
      cancelFlush(this.#flush);
      this.#notify = undefined;
    };
  };

  #take(value: ChannelValue): void {
    const latest = this.#next ?? this.#reading;
    const { select, isEqual = Object.is } = this.selection();
    const selected = value.data === undefined ? undefined
      : select ? select(value.data as T) : (value.data as unknown as S);
    const same = latest.value === selected || (latest.value !== undefined && selected !== undefined && isEqual(latest.value, selected));
    // A refinement that leaves the selected value as it was is not worth a render.
    if (same && latest.stale === value.stale) return;
    this.#next = same
      ? { ...latest, stale: value.stale, partial: value.partial }
      : { value: selected, id: value.id, ts: value.ts, partial: value.partial, stale: value.stale };
    flushNextFrame(this.#flush);
  }

  readonly #flush = (): void => {
    if (!this.#next) return;
    this.#reading = this.#next;
    this.#next = undefined;
    this.#notify?.();
  };
}

