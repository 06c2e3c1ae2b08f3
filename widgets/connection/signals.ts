/**
 * Channel state as signals, for elements that render with SignalWatcher. @lit-labs/signals is
 * still labs and its watchers have an open garbage-collection issue, so elements never hold a
 * manager subscription through it directly: this adapter owns the subscription and its lifetime.
 * It subscribes when the first watcher (or subscribe() caller) arrives, gives the channel back
 * when the last one leaves, and dispose() gives it back for good whatever the signal graph still
 * believes — so a leaked watcher cannot keep a channel on the wire forever.
 *
 *   readonly #price = channelSignal(getManager(), 'prices.AAPL');   // in a SignalWatcher element
 *   render() { return html`${this.#price.data.get()?.price} ${this.#price.stale.get() ? '(stale)' : ''}`; }
 *   disconnectedCallback() { super.disconnectedCallback(); this.#price.dispose(); }
 */
import { Signal } from '@lit-labs/signals';
import type { EventId, Json } from '../../protocol/index.ts';
import type { ChannelValue } from './channel-state.ts';
import type { ConnectionManager } from './connection-manager.ts';

/** An immutable copy of a channel's value: a new object on every change, so signals see it. */
export type ChannelSnapshot = Readonly<{
  channel: string;
  data: Json | undefined;
  id: EventId | undefined;
  ts: number | undefined;
  partial: boolean;
  stale: boolean;
}>;

/** The read side every signal library shares; what elements should depend on. */
export interface ReadableSignal<T> {
  get(): T;
}

export class ChannelSignal implements ReadableSignal<ChannelSnapshot> {
  /** The whole snapshot. */
  readonly value: ReadableSignal<ChannelSnapshot>;
  readonly data: ReadableSignal<Json | undefined>;
  readonly id: ReadableSignal<EventId | undefined>;
  readonly stale: ReadableSignal<boolean>;
  readonly #state: Signal.State<ChannelSnapshot>;
  readonly #listeners = new Set<(snapshot: ChannelSnapshot) => void>();
  #watched = false;
  #release: (() => void) | undefined;
  #disposed = false;
  /** True while watched() runs: signal writes are not allowed inside it, they wait a microtask. */
  #acquiring = false;

  constructor(readonly manager: ConnectionManager, readonly channel: string) {
    const self = this;
    this.#state = new Signal.State(snapshotOf(channel, manager.channel(channel)), {
      [Signal.subtle.watched]() { self.#watched = true; self.#update(); },
      [Signal.subtle.unwatched]() { self.#watched = false; self.#update(); },
    });
    this.value = new Signal.Computed(() => this.#state.get());
    this.data = new Signal.Computed(() => this.#state.get().data);
    this.id = new Signal.Computed(() => this.#state.get().id);
    this.stale = new Signal.Computed(() => this.#state.get().stale);
  }

  /** True while this adapter holds a subscription on the manager. */
  get subscribed(): boolean {
    return this.#release !== undefined;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /** The current snapshot (tracked inside a computed or a SignalWatcher render). */
  get(): ChannelSnapshot {
    // Read outside any signal computation with nobody subscribed: refresh from the manager.
    if (!this.#release && !this.#disposed && Signal.subtle.currentComputed() === undefined) this.#sync();
    return this.#state.get();
  }

  /**
   * For code without signals: the listener gets the current snapshot now, then every change.
   * Holds the channel like a watcher does; returns the idempotent function that lets go.
   */
  subscribe(listener: (snapshot: ChannelSnapshot) => void): () => void {
    if (this.#disposed) return () => {};
    const entry = (snapshot: ChannelSnapshot) => listener(snapshot);
    if (!this.#release && Signal.subtle.currentComputed() === undefined) this.#sync();
    this.#listeners.add(entry);
    this.#update();
    entry(this.#state.get());
    return () => {
      if (this.#listeners.delete(entry)) this.#update();
    };
  }

  /** Gives the channel back for good; the last snapshot stays readable. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#listeners.clear();
    this.#update();
  }

  /** Holds the manager subscription exactly while someone watches and we are not disposed. */
  #update(): void {
    const wanted = !this.#disposed && (this.#watched || this.#listeners.size > 0);
    if (wanted && !this.#release && !this.manager.disposed) {
      this.#acquiring = true;
      try {
        this.#release = this.manager.subscribe(this.channel, (value) => this.#push(snapshotOf(this.channel, value)));
      } finally {
        this.#acquiring = false;
      }
      // What the manager knew before we joined may be newer than what we hold.
      queueMicrotask(() => { if (this.#release) this.#sync(); });
    } else if (!wanted && this.#release) {
      const release = this.#release;
      this.#release = undefined;
      release();
    }
  }

  #sync(): void {
    const current = this.#state.get();
    const next = snapshotOf(this.channel, this.manager.channel(this.channel));
    if (!sameSnapshot(current, next)) this.#push(next);
  }

  #push(snapshot: ChannelSnapshot): void {
    if (this.#acquiring) return; // the microtask after acquiring picks it up
    this.#state.set(snapshot);
    for (const listener of [...this.#listeners]) listener(snapshot);
  }
}

/** Signals over one channel of `manager`; call dispose() when the owner goes away. */
export function channelSignal(manager: ConnectionManager, channel: string): ChannelSignal {
  return new ChannelSignal(manager, channel);
}

function snapshotOf(channel: string, value: ChannelValue | undefined): ChannelSnapshot {
  return Object.freeze({
    channel,
    data: value?.data,
    id: value?.id,
    ts: value?.ts,
    partial: value?.partial ?? false,
    stale: value?.stale ?? false,
  });
}

function sameSnapshot(a: ChannelSnapshot, b: ChannelSnapshot): boolean {
  return a.data === b.data && a.id === b.id && a.ts === b.ts && a.partial === b.partial && a.stale === b.stale;
}
