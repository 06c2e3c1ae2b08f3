/**
 * What the page knows about one channel, and the rule that keeps it trustworthy: state is
 * additive only. An older or duplicate id is dropped; the one exception is a full event that
 * refines the partial one with the same id in place. Nothing here ever clears `data`: a reset,
 * an empty snapshot or a lost connection leave the last value on screen (marked stale).
 */
import { compareIds, type EventId, type Json, type WireEvent } from '../../protocol/index.ts';
import { HistoryWindow } from './history-window.ts';

export const DEFAULT_HISTORY_SIZE = 500;

export interface ChannelPoint {
  id: EventId;
  ts: number;
  data: Json;
  partial: boolean;
}

/** A read-only view handed to listeners. */
export interface ChannelValue {
  readonly channel: string;
  /** Undefined until the first event or snapshot arrives. */
  readonly data: Json | undefined;
  readonly id: EventId | undefined;
  readonly ts: number | undefined;
  /** The data is a hint that a full event with the same id will refine. */
  readonly partial: boolean;
  /** The data may be out of date: the connection dropped or the channel was reset. */
  readonly stale: boolean;
}

/**
 * Why listeners are called: 'initial' (joined a channel that already has data), 'event'
 * (newer data), 'refine' (same id, full data replaces the partial hint), 'stale' / 'fresh'.
 */
export type ChannelChange = 'initial' | 'event' | 'refine' | 'stale' | 'fresh';

export type ChannelListener = (value: ChannelValue, change: ChannelChange) => void;

/** What apply() did with an event; 'older' and 'duplicate' were dropped. */
export type ApplyResult = 'event' | 'refine' | 'older' | 'duplicate';

export class ChannelState implements ChannelValue {
  data: Json | undefined;
  /** Id of the data shown (possibly a partial hint). */
  id: EventId | undefined;
  /** Id of the last full event: where a resume continues from. Hints never move it. */
  position: EventId | undefined;
  ts: number | undefined;
  partial = false;
  stale = false;
  /** The most recent full events, oldest first via toArray(). */
  readonly history: HistoryWindow<ChannelPoint>;
  readonly #listeners = new Set<ChannelListener>();

  constructor(readonly channel: string, historySize: number = DEFAULT_HISTORY_SIZE) {
    this.history = new HistoryWindow<ChannelPoint>(historySize);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** Adds a listener and, when data is already known, calls it at once with 'initial'. */
  addListener(listener: ChannelListener): void {
    this.#listeners.add(listener);
    if (this.data !== undefined) this.#call(listener, 'initial');
  }

  removeListener(listener: ChannelListener): boolean {
    return this.#listeners.delete(listener);
  }

  /**
   * Applies an event by the additive-only rule and notifies listeners when it was taken.
   * A partial event (a hint) only changes what is shown; full events alone advance the
   * position and the history, so a hint that overtook an older full event loses nothing.
   */
  apply(event: WireEvent): ApplyResult {
    if (event.partial === true) {
      const order = this.id === undefined ? 1 : compareIds(event.id, this.id);
      if (!(order > 0 || Number.isNaN(order))) return order < 0 ? 'older' : 'duplicate';
      this.#show({ id: event.id, ts: event.ts, data: event.data, partial: true }, 'event');
      return 'event';
    }
    const order = this.position === undefined ? 1 : compareIds(event.id, this.position);
    // NaN: ids from different partitions (the log was repartitioned). The new log wins,
    // otherwise the channel would freeze forever on its old position.
    if (!(order > 0 || Number.isNaN(order))) return order < 0 ? 'older' : 'duplicate';
    const point: ChannelPoint = { id: event.id, ts: event.ts, data: event.data, partial: false };
    this.position = event.id;
    this.history.push(point);
    const shown = this.id === undefined ? 1 : compareIds(event.id, this.id);
    if (shown < 0) {
      // A newer hint is on screen already; keep it, but the history changed.
      this.#notify('event');
      return 'event';
    }
    const change = shown === 0 && this.partial ? 'refine' : 'event';
    this.#show(point, change);
    return change;
  }

  #show(point: ChannelPoint, change: ChannelChange): void {
    this.data = point.data;
    this.id = point.id;
    this.ts = point.ts;
    this.partial = point.partial;
    this.stale = false;
    this.#notify(change);
  }

  /**
   * The gateway cannot resume this channel: forget the position (the snapshot that follows is
   * taken whatever its id) but keep the value, marked stale until that snapshot arrives.
   */
  resetPosition(): void {
    this.id = undefined;
    this.position = undefined;
    this.markStale();
  }

  markStale(): void {
    if (this.stale || this.data === undefined) {
      this.stale = true;
      return;
    }
    this.stale = true;
    this.#notify('stale');
  }

  /** The gateway confirmed the subscription without a gap: what we hold is current again. */
  markFresh(): void {
    if (!this.stale) return;
    this.stale = false;
    if (this.data !== undefined) this.#notify('fresh');
  }

  #notify(change: ChannelChange): void {
    for (const listener of [...this.#listeners]) this.#call(listener, change);
  }

  #call(listener: ChannelListener, change: ChannelChange): void {
    try {
      listener(this, change);
    } catch (error) {
      // One broken widget must not starve the others of updates.
      reportListenerError(error);
    }
  }
}

function reportListenerError(error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (report) report(error);
  else console.error(error);
}
