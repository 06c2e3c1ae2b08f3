/**
 * Binds an element to a channel of the shared connection: subscribes when the element is in
 * the document and has a channel, gives the channel back when it leaves, and follows changes of
 * the `channel` and `gateway` attributes. Every data element uses one of these.
 *
 * It also decides whether what the element shows is stale: the manager says so when the
 * connection drops or the channel is reset, and the controller adds its own verdict when no
 * event arrived for `staleAfter` ms (a publisher that went quiet looks exactly like a live
 * channel otherwise).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChannelChange, ChannelListener, ChannelValue } from '../connection/channel-state.ts';
import { getManager } from '../connection/manager-registry.ts';
import { dispatchStaleChange, dispatchValue } from './element-events.ts';
import { FlashTimer } from './flash-timer.ts';

/** How long a channel may stay quiet before its value counts as stale, when the element says nothing. */
export const DEFAULT_STALE_AFTER_MS = 30_000;

export interface ChannelTarget {
  channel: string | null | undefined;
  gateway: string | null | undefined;
  /**
   * Milliseconds without an event after which the data counts as stale (the `stale-after`
   * attribute). 0 or less: never by silence alone. Absent or not a number: DEFAULT_STALE_AFTER_MS.
   */
  staleAfter?: number | null;
}

export interface ChannelControllerOptions {
  /** Called whenever `stale` flips, whatever the cause (drop, reset, silence, fresh data). */
  onStaleChange?: (stale: boolean) => void;
}

export class ChannelController implements ReactiveController {
  #unsubscribe: (() => void) | undefined;
  #boundKey: string | undefined;
  readonly #listener: ChannelListener;
  readonly #onStaleChange: ((stale: boolean) => void) | undefined;
  #staleAfterMs = 0;
  #hasData = false;
  #markedStale = false;
  #quiet = false;
  #lastHeardAt = 0;
  readonly #quietTimer = new FlashTimer(DEFAULT_STALE_AFTER_MS, () => {
    this.#quiet = true;
    this.#updateStale();
  });
  #stale = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly target: () => ChannelTarget,
    onValue: (value: ChannelValue, change: ChannelChange) => void,
    options: ChannelControllerOptions = {},
  ) {
    this.#onStaleChange = options.onStaleChange;
    this.#listener = (value, change) => {
      this.#observe(value, change);
      onValue(value, change);
      if (change !== 'stale' && change !== 'fresh') dispatchValue(host, value, change);
    };
    host.addController(this);
  }

  /** True while subscribed to a channel. */
  get bound(): boolean {
    return this.#unsubscribe !== undefined;
  }

  /**
   * The data on screen may be out of date: the manager marked the channel stale, or nothing
   * arrived for `staleAfter` ms. False while there is no data (nothing to mark).
   */
  get stale(): boolean {
    return this.#stale;
  }

  hostConnected(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.#release();
  }

  /** Call when `channel`, `gateway` or `staleAfter` may have changed (from willUpdate). */
  sync(): void {
    if (!this.host.isConnected) return;
    const { channel, gateway, staleAfter } = this.target();
    this.#setStaleAfter(staleAfter);
    const key = channel ? `${gateway ?? ''}\n${channel}` : undefined;
    if (key === this.#boundKey) return;
    this.#release();
    if (!channel || key === undefined) return;
    this.#boundKey = key;
    try {
      this.#unsubscribe = getManager(gateway).subscribe(channel, this.#listener);
    } catch (error) {
      // A bad channel name or gateway URL in markup must not break the page.
      console.warn(`rtdash: <${this.host.localName}> cannot listen to "${channel}": ${(error as Error).message}`);
    }
  }

  #release(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#boundKey = undefined;
    this.#stopQuietTimer();
    this.#hasData = false;
    this.#markedStale = false;
    this.#quiet = false;
    this.#updateStale();
  }

  // ── staleness ─────────────────────────────────────────────────────────────────────────────

  #observe(value: ChannelValue, change: ChannelChange): void {
    this.#hasData = value.data !== undefined;
    this.#markedStale = value.stale;
    // 'fresh': the gateway confirmed that nothing newer exists, as good as hearing from it.
    if (change !== 'stale') this.#heard();
    this.#updateStale();
  }

  #heard(): void {
    this.#quiet = false;
    this.#lastHeardAt = performance.now();
    this.#armQuietTimer(this.#staleAfterMs);
  }

  #setStaleAfter(staleAfter: number | null | undefined): void {
    const ms = typeof staleAfter === 'number' && !Number.isNaN(staleAfter) ? staleAfter : DEFAULT_STALE_AFTER_MS;
    if (ms === this.#staleAfterMs) return;
    this.#staleAfterMs = ms;
    if (!this.#hasData) return;
    // Measured from the last event, not from the attribute change.
    this.#quiet = false;
    this.#armQuietTimer(ms - (performance.now() - this.#lastHeardAt));
    this.#updateStale();
  }

  /** Pushed back on every event rather than cleared and set: at 10 events/s per element that was the page's largest script cost. */
  #armQuietTimer(ms: number): void {
    if (this.#staleAfterMs <= 0 || !Number.isFinite(this.#staleAfterMs)) return this.#stopQuietTimer();
    if (ms <= 0) {
      this.#stopQuietTimer();
      this.#quiet = true;
      return;
    }
    this.#quietTimer.restart(ms);
  }

  #stopQuietTimer(): void {
    this.#quietTimer.cancel();
  }

  #updateStale(): void {
    const stale = this.#hasData && (this.#markedStale || this.#quiet);
    if (stale === this.#stale) return;
    this.#stale = stale;
    this.#onStaleChange?.(stale);
    dispatchStaleChange(this.host, stale);
    this.host.requestUpdate();
  }
}
