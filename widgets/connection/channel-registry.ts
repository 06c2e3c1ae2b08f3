/**
 * The channels the page wants, with the bookkeeping that keeps the wire minimal: listeners are
 * counted per channel (one wire subscription however many elements listen), a channel whose
 * last listener left lingers briefly before it is given back (an element moved in the DOM must
 * not cost an unsubscribe + subscribe), and the frames that bring the wire in line with what is
 * wanted are computed here — resume where a position is known, subscribe otherwise.
 */
import {
  DEFAULT_LIMITS, type BatchFrame, type ClientFrame, type EventFrame, type EventId, type ResetFrame, type SnapshotFrame,
  type SubscribedFrame,
} from '../../protocol/index.ts';
import { ChannelState, type ChannelListener } from './channel-state.ts';
import { Timer, type Clock } from './clock.ts';

/** The server frames that carry channel data or channel status. */
export type ChannelFrame = EventFrame | BatchFrame | SnapshotFrame | ResetFrame | SubscribedFrame;

export interface ChannelRegistryOptions {
  clock: Clock;
  lingerMs: number;
  historySize: number;
  /** A channel became wanted. */
  onAdded: () => void;
  /** A channel lingered out and was dropped. */
  onDropped: () => void;
}

export class ChannelRegistry {
  readonly #channels = new Map<string, ChannelState>();
  /** Channels subscribed (or resumed) on the current link. */
  readonly #onWire = new Set<string>();
  readonly #lingers = new Map<string, Timer>();

  constructor(private readonly options: ChannelRegistryOptions) {}

  get size(): number {
    return this.#channels.size;
  }

  get(channel: string): ChannelState | undefined {
    return this.#channels.get(channel);
  }

  values(): IterableIterator<ChannelState> {
    return this.#channels.values();
  }

  /** Adds a listener; returns the idempotent function that removes it. */
  add(channel: string, listener: ChannelListener): () => void {
    let state = this.#channels.get(channel);
    const added = !state;
    if (!state) {
      state = new ChannelState(channel, this.options.historySize);
      this.#channels.set(channel, state);
    }
    this.#lingers.get(channel)?.stop();
    this.#lingers.delete(channel);
    // A wrapper per call: the same function added twice still counts twice.
    const entry: ChannelListener = (value, change) => listener(value, change);
    state.addListener(entry);
    if (added) this.options.onAdded();
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.#remove(state, entry);
    };
  }

  /** Applies a data frame; frames for channels nobody wants any more are ignored. */
  applyFrame(frame: ChannelFrame): void {
    switch (frame.type) {
      case 'event':
        this.#channels.get(frame.channel)?.apply(frame);
        return;
      case 'batch':
        for (const event of frame.events) this.#channels.get(event.channel)?.apply(event);
        return;
      case 'snapshot': {
        const state = this.#channels.get(frame.channel);
        if (!state) return;
        if (frame.event) this.#channels.get(frame.event.channel)?.apply(frame.event);
        // Whatever the snapshot held (even null), we now hold the newest the gateway knows.
        state.markFresh();
        return;
      }
      case 'reset':
        this.#channels.get(frame.channel)?.resetPosition();
        return;
      case 'subscribed':
        // Not recovered: a reset and a snapshot follow, and those end the staleness.
        if (frame.recovered) this.#channels.get(frame.channel)?.markFresh();
        return;
    }
  }

  markAllStale(): void {
    for (const state of this.#channels.values()) state.markStale();
  }

  /** A new link starts with nothing on the wire. */
  forgetWire(): void {
    this.#onWire.clear();
  }

  /** The frames that bring the wire in line with the wanted channels, counted as sent. */
  takeWireChanges(): ClientFrame[] {
    const positions: [string, EventId][] = [];
    const fresh: string[] = [];
    for (const [channel, state] of this.#channels) {
      if (this.#onWire.has(channel)) continue;
      if (state.position !== undefined) positions.push([channel, state.position]);
      else fresh.push(channel);
      this.#onWire.add(channel);
    }
    const gone = [...this.#onWire].filter((channel) => !this.#channels.has(channel));
    for (const channel of gone) this.#onWire.delete(channel);
    return [
      ...chunks(positions).map((chunk): ClientFrame => ({ type: 'resume', positions: Object.fromEntries(chunk) })),
      ...chunks(fresh).map((chunk): ClientFrame => ({ type: 'subscribe', channels: chunk })),
      ...chunks(gone).map((chunk): ClientFrame => ({ type: 'unsubscribe', channels: chunk })),
    ];
  }

  /** What a one-way stream must carry: every wanted channel, resumed where a position is known. */
  streamRequest(): { channels: string[]; positions: Record<string, EventId> } {
    const channels: string[] = [];
    const positions: Record<string, EventId> = {};
    for (const [channel, state] of this.#channels) {
      channels.push(channel);
      if (state.position !== undefined) positions[channel] = state.position;
    }
    return { channels, positions };
  }

  /** Cancels lingering; the data stays readable. */
  dispose(): void {
    for (const timer of this.#lingers.values()) timer.stop();
    this.#lingers.clear();
  }

  #remove(state: ChannelState, entry: ChannelListener): void {
    const channel = state.channel;
    if (this.#channels.get(channel) !== state || !state.removeListener(entry) || state.listenerCount > 0) return;
    const linger = new Timer(this.options.clock);
    this.#lingers.set(channel, linger);
    linger.start(this.options.lingerMs, () => {
      this.#lingers.delete(channel);
      if (state.listenerCount > 0 || this.#channels.get(channel) !== state) return;
      this.#channels.delete(channel);
      this.options.onDropped();
    });
  }
}

function chunks<T>(items: T[], size: number = DEFAULT_LIMITS.maxChannelsPerFrame): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
