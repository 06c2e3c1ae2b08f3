import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Timer, systemClock, type Clock } from '../../connection/clock.ts';
import type { ConnectionState, ConnectionStateName } from '../../connection/connection-state.ts';
import { ConnectionController } from '../../shared/connection-controller.ts';
import { ThrottledAnnouncer } from '../../shared/throttled-announcer.ts';
import { describeConnection, type ConnectionView } from './connection-view.ts';
import styles from './connection-status.styles.ts';

const ANNOUNCE_INTERVAL_MS = 2_000;

/**
 * The state of the shared connection in a word and a coloured dot: live (with the round trip),
 * connecting, reconnecting in N s (attempt k), offline, circuit open (retry at …), closed — and a
 * "Retry now" button where skipping the wait can help. Watching never opens the connection.
 *
 * Screen readers hear one polite sentence per state (at most every 2 s), never the countdown.
 *
 * @csspart base - The wrapper of everything visible.
 * @csspart dot - The coloured dot (the state is always also in words).
 * @csspart label - The state in words, with the countdown.
 * @csspart latency - The last round trip, while live.
 * @csspart retry - The "Retry now" button.
 *
 * @cssproperty --rt-color-text - The label's colour.
 * @cssproperty --rt-color-text-muted - The latency's colour.
 * @cssproperty --rt-color-positive - The dot while live.
 * @cssproperty --rt-color-negative - The dot while offline, circuit open or closed.
 * @cssproperty --rt-color-warning - The dot while connecting or reconnecting (default hsl(38 92% 60%)).
 * @cssproperty --rt-font-mono - Font of the latency.
 * @cssproperty --rt-status-dot-size - Diameter of the dot (default 0.6em).
 * @cssproperty --rt-status-gap - Space between dot, label, latency and button (default 0.5em).
 *
 * @tagname rt-connection-status
 */
export class RtConnectionStatus extends LitElement {
  static override styles = styles;

  /**
   * The wall clock the countdown reads and ticks on (`retryAt` is wall time). Tests hand in the
   * manager's fake clock.
   */
  static clock: Clock = systemClock;

  /** Gateway URL; default: `<meta name="rtdash-gateway">`, configure(), then same-origin /ws. */
  @property() gateway = '';

  /** Only the dot; the words move to a tooltip and the accessible name. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** BCP 47 locale for the retry time; the nearest `lang`, then the browser's, when absent. */
  @property() locale = '';

  /** Read-only: the connection state's name (`open`, `reconnecting`, …), for styling. */
  @property({ reflect: true }) state: ConnectionStateName = 'idle';

  @state() private announcement = '';

  /** Bound to the clock of its day: tests swap the static clock between elements. */
  readonly #ticker = new Timer(RtConnectionStatus.clock);
  #timeFormat: Intl.DateTimeFormat | undefined;
  readonly #announcer = new ThrottledAnnouncer((text) => { this.announcement = text; }, ANNOUNCE_INTERVAL_MS);
  readonly #connection = new ConnectionController(this, () => this.gateway, (state) => this.#onState(state));

  /** The manager's state as this element last saw it. */
  get connectionState(): ConnectionState {
    return this.#connection.state;
  }

  /** Skips the wait: reconnects now (what the button does). */
  retryNow(): void {
    this.#connection.manager?.retryNow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTicker();
    this.#announcer.cancel();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('gateway')) this.#connection.sync();
    if (!this.#timeFormat || changed.has('locale')) {
      const locale = this.locale || this.closest('[lang]')?.getAttribute('lang') || undefined;
      try {
        this.#timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' });
      } catch {
        this.#timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
      }
    }
  }

  #onState(state: ConnectionState): void {
    this.state = state.name;
    this.#announcer.announce(this.#view().spoken);
    this.#tick();
  }

  /** Re-renders the countdown each time its whole-second figure changes, while there is one. */
  #tick(): void {
    this.#stopTicker();
    const state = this.#connection.state;
    if (state.name !== 'reconnecting' || !this.isConnected) return;
    const remaining = state.retryAt - RtConnectionStatus.clock.now();
    if (remaining <= 0) return;
    this.#ticker.start(remaining % 1_000 || 1_000, () => {
      this.requestUpdate();
      this.#tick();
    });
  }

  #stopTicker(): void {
    this.#ticker.stop();
  }

  #view(): ConnectionView {
    return describeConnection(this.#connection.state, {
      now: RtConnectionStatus.clock.now(),
      latencyMs: this.#connection.latencyMs,
      canRetry: this.#connection.manager !== undefined && !this.#connection.manager.disposed,
      formatTime: (ms) => this.#timeFormat?.format(ms) ?? new Date(ms).toLocaleTimeString(),
    });
  }

  protected override render() {
    const view = this.#view();
    const latency = view.latency;
    return html`<span part="base" class="base" title=${this.compact ? view.label : nothing}><span
        part="dot" class="dot ${view.tone}" role=${this.compact ? 'img' : nothing} aria-label=${this.compact ? view.label : nothing}
        aria-hidden=${this.compact ? nothing : 'true'}></span><span part="label" class="label" aria-hidden="true">${view.label}</span>${
      latency === undefined ? nothing : html`<span part="latency" class="latency" title="Round-trip latency"><span class="visually-hidden">round trip </span>${latency}</span>`}${
      view.retry ? html`<button part="retry" class="retry" type="button" @click=${() => this.retryNow()}>Retry now</button>` : nothing
    }</span><span class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</span>`;
  }
}
