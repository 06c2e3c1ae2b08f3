/**
 * The connection behind one useWebSocket() or useSSE(): which manager it uses (the page's
 * shared one, or one of its own), the channels it holds, its status and last message, and the
 * per-hook reconnect limits. A store for useSyncExternalStore: StrictMode's subscribe →
 * unsubscribe → subscribe only moves ref counts (the manager lingers), and a manager of its
 * own is closed only when no subscribe follows within PRIVATE_CLOSE_DELAY_MS.
 */
import type { ClientFrame, ServerFrame } from '../../protocol/index.ts';
import type { ChannelValue } from '../connection/channel-state.ts';
import { ConnectionManager } from '../connection/connection-manager.ts';
import type { ConnectionStateName, StateChange } from '../connection/connection-state.ts';
import { resolveGatewayUrl } from '../connection/gateway-url.ts';
import { getManager } from '../connection/manager-registry.ts';
import { cancelFlush, flushNextFrame } from './frame-batch.ts';
import { attemptLimit, managerOptions, type LinkOptions } from './link-options.ts';

/** How long a hook's own manager outlives its last subscriber (a StrictMode remount reuses it). */
export const PRIVATE_CLOSE_DELAY_MS = 1_000;

export interface LinkReading<M> {
  /** The manager's state; 'closed' once this hook gave up or was closed. */
  status: ConnectionStateName;
  lastMessage: M | undefined;
}

export interface LinkHandlers<M> {
  options: LinkOptions;
  /** Every frame (WebSocket) or channel event (SSE), as it arrives; returns what lastMessage keeps, or undefined to skip. */
  onFrame?: (frame: ServerFrame) => M | undefined;
  onChannelValue?: (value: ChannelValue) => M | undefined;
}

/** SSE managers shared per gateway URL when the page's own manager speaks WebSocket. */
const sseManagers = new Map<string, ConnectionManager>();

export class LinkStore<M> {
  #reading: LinkReading<M> = { status: 'idle', lastMessage: undefined };
  #lastMessage: M | undefined;
  #manager: ConnectionManager | undefined;
  #own = false;
  #closeTimer: ReturnType<typeof setTimeout> | undefined;
  /** What this hook asked for (its `channels` and what send() subscribed), kept across StrictMode's resubscribe. */
  readonly #wanted = new Set<string>();
  /** The manager subscriptions that hold #wanted while subscribed. */
  readonly #held = new Map<string, () => void>();
  #subscribed = false;
  #stopped = false;
  #losses = 0;
  #notify: (() => void) | undefined;

  constructor(
    private readonly transport: 'websocket' | 'sse',
    private readonly url: string | undefined,
    private readonly share: boolean,
    private readonly handlers: () => LinkHandlers<M>,
  ) {}

  readonly getSnapshot = (): LinkReading<M> => this.#reading;

  readonly subscribe = (notify: () => void): (() => void) => {
    clearTimeout(this.#closeTimer);
    this.#notify = notify;
    this.#subscribed = true;
    // A manager closed meanwhile (its own after the delay, or closeAllManagers()) is replaced.
    if (!this.#manager || this.#manager.disposed) this.#manager = this.#acquire();
    const manager = this.#manager;
    const stopState = manager.onStateChange((change) => this.#onState(change));
    const stopFrames = this.handlers().onFrame ? manager.onFrame((frame) => this.#onFrame(frame)) : () => {};
    this.hold([...this.#wanted, ...(this.handlers().options.channels ?? [])]);
    this.#schedule();
    return () => {
      stopState();
      stopFrames();
      this.#releaseAll();
      cancelFlush(this.#flush);
      this.#notify = undefined;
      this.#subscribed = false;
      if (this.#own) this.#closeTimer = setTimeout(() => this.#closeOwn(), PRIVATE_CLOSE_DELAY_MS);
    };
  };

  get manager(): ConnectionManager | undefined {
    return this.#manager;
  }

  /** Holds channels on the manager (subscribing on the wire if nobody else does), now or at the next subscribe. */
  hold(channels: readonly string[]): void {
    if (this.#stopped) return;
    for (const channel of channels) this.#wanted.add(channel);
    const manager = this.#manager;
    if (!manager || !this.#subscribed) return;
    for (const channel of channels) {
      if (this.#held.has(channel)) continue;
      this.#held.set(channel, manager.subscribe(channel, (value) => this.#onChannelValue(value)));
    }
  }

  release(channels: readonly string[]): void {
    for (const channel of channels) {
      this.#wanted.delete(channel);
      this.#held.get(channel)?.();
      this.#held.delete(channel);
    }
  }

  /** subscribe / unsubscribe / resume move this hook's holdings (the manager resumes by itself); ping goes on the wire. */
  send(frame: ClientFrame): boolean {
    switch (frame.type) {
      case 'subscribe': this.hold(frame.channels); return this.#subscribed && !this.#stopped;
      case 'resume': this.hold(Object.keys(frame.positions)); return this.#subscribed && !this.#stopped;
      case 'unsubscribe': this.release(frame.channels); return true;
      default: return this.#manager?.send(frame) ?? false;
    }
  }

  /** This hook stops: lets go of its channels and reports 'closed' (others on the page are unaffected). */
  stop(): void {
    this.#stopped = true;
    this.#wanted.clear();
    this.#releaseAll();
    if (this.#own) this.#closeOwn();
    this.#schedule();
  }

  #acquire(): ConnectionManager {
    const options = managerOptions(this.handlers().options);
    if (!this.share) {
      this.#own = true;
      return new ConnectionManager(resolveGatewayUrl(this.url), this.transport === 'sse' ? { ...options, transport: 'sse' } : options);
    }
    if (this.transport === 'websocket') return getManager(this.url, options);
    const shared = getManager(this.url);
    if (shared.transportKind === 'sse') return shared;
    const existing = sseManagers.get(shared.url);
    if (existing && !existing.disposed) return existing;
    const created = new ConnectionManager(shared.url, { ...options, transport: 'sse' });
    sseManagers.set(shared.url, created);
    return created;
  }

  #closeOwn(): void {
    if (this.#subscribed && !this.#stopped) return;
    this.#manager?.close();
  }

  #releaseAll(): void {
    for (const release of this.#held.values()) release();
    this.#held.clear();
  }

  #onState(change: StateChange): void {
    const { options } = this.handlers();
    const next = change.detail;
    if (next.name === 'open') {
      this.#losses = 0;
      options.onOpen?.();
    }
    const cause = 'cause' in next ? next.cause : { reason: next.name };
    if (change.from === 'open') options.onClose?.(cause);
    if ((next.name === 'reconnecting' || next.name === 'circuit-open') && this.#held.size > 0 && !this.#stopped) {
      if (change.from === 'open' || change.from === 'connecting') this.#losses++;
      const limit = attemptLimit(options);
      if (this.#losses > limit || options.shouldReconnect?.(cause) === false) {
        this.stop();
        options.onReconnectStop?.(Math.min(this.#losses - 1, limit));
      }
    }
    this.#schedule();
  }

  #onFrame(frame: ServerFrame): void {
    const kept = this.handlers().onFrame?.(frame);
    if (kept === undefined) return;
    this.#lastMessage = kept;
    this.#schedule();
  }

  #onChannelValue(value: ChannelValue): void {
    const kept = this.handlers().onChannelValue?.(value);
    if (kept === undefined) return;
    this.#lastMessage = kept;
    this.#schedule();
  }

  #schedule(): void {
    flushNextFrame(this.#flush);
  }

  readonly #flush = (): void => {
    const status: ConnectionStateName = this.#stopped ? 'closed' : this.#manager?.state.name ?? 'idle';
    if (status === this.#reading.status && this.#lastMessage === this.#reading.lastMessage) return;
    this.#reading = { status, lastMessage: this.#lastMessage };
    this.#notify?.();
  };
}
