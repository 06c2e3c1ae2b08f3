import { LitElement, html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ChannelChange, ChannelValue } from '../../connection/channel-state.ts';
import { ChannelController, DEFAULT_STALE_AFTER_MS } from '../../shared/channel-controller.ts';
import { readPath, toFiniteNumber } from '../../shared/field-path.ts';
import { createNumberFormat, type NumberFormatStyle } from '../../shared/number-format.ts';
import { FlashTimer } from '../../shared/flash-timer.ts';
import { staleMark } from '../../shared/stale-mark.ts';
import { ThrottledAnnouncer } from '../../shared/throttled-announcer.ts';
import styles from './flashing-value.styles.ts';

/** `change`: a value that has no up or down (a status word) changed. */
export type FlashKind = 'up' | 'down' | 'change';
export type FlashDirection = 'up' | 'down';
export type FlashingValueContent = number | string | null;

const FLASH_MS = 600;
const ANNOUNCE_INTERVAL_MS = 2_000;
const PLACEHOLDER = '—';
const ARROWS: Record<FlashDirection, string> = { up: '▲', down: '▼' };

/** One live query for every element: `matches` follows the setting, and a matchMedia per change is not free (about 30 µs in Chromium, the element's dearest call per event). */
let reducedMotionQuery: MediaQueryList | undefined;

/** A numeric attribute is a number (formatted); any other text is shown as it is. */
const numberOrText = {
  fromAttribute: (value: string | null): FlashingValueContent => (value === null || value === '' ? null : toFiniteNumber(value) ?? value),
  toAttribute: (value: FlashingValueContent): string | null => (value === null ? null : String(value)),
};

const integerOrUndefined = {
  fromAttribute: (value: string | null): number | undefined => {
    const n = toFiniteNumber(value);
    return n !== undefined && Number.isInteger(n) ? n : undefined;
  },
};

/** What a channel field can show: numbers and text; booleans as text; anything else keeps the last value. */
function showable(data: unknown): FlashingValueContent | undefined {
  if (typeof data === 'number') return Number.isFinite(data) ? data : undefined;
  if (typeof data === 'string') return data;
  if (typeof data === 'boolean') return String(data);
  return undefined;
}

/**
 * A value that stays put and flashes the up or down colour for ~600 ms, with ▲ or ▼, when it
 * really changes — not on the first paint, not when a refinement repeats the same value.
 * Numbers are formatted like <rt-animated-number>; text is shown as it is.
 *
 * @csspart base - The wrapper of everything visible.
 * @csspart value - The formatted value.
 * @csspart arrow - ▲ or ▼ for the direction of the last numeric change.
 *
 * @cssproperty --rt-color-text - The value's colour.
 * @cssproperty --rt-color-positive - ▲ and text colour while a rise flashes.
 * @cssproperty --rt-color-negative - ▼ and text colour while a fall flashes.
 * @cssproperty --rt-font-mono - Font of the value.
 * @cssproperty --rt-stale-opacity - Opacity of a stale value (default 0.55).
 * @cssproperty --rt-flash-duration - How long the flash fades (default 600ms).
 * @cssproperty --rt-flash-background-up - Background of a rise flash (default hsl(154 80% 60% / 0.16)).
 * @cssproperty --rt-flash-background-down - Background of a fall flash (default hsl(346 80% 62% / 0.16)).
 * @cssproperty --rt-flash-background-change - Background of a text change flash (default hsl(210 40% 96% / 0.14)).
 *
 * @prop currency - ISO 4217 code for `format="currency"` (USD when absent).
 * @prop decimals - Exact number of fraction digits; Intl's default for the format when absent.
 * @prop locale - BCP 47 locale; the nearest `lang` attribute, then the browser's, when absent.
 * @prop {number} [staleAfter=30000] - With a channel: ms without an event before the value counts as stale; 0 = never.
 *
 * @tagname rt-flashing-value
 */
export class RtFlashingValue extends LitElement {
  static override styles = styles;

  /** Hook for tests and embedders; read on every change, so a live media change is honoured. */
  static prefersReducedMotion: () => boolean = () =>
    (reducedMotionQuery ??= globalThis.matchMedia?.('(prefers-reduced-motion: reduce)'))?.matches ?? false;

  /** The value shown: a number (formatted) or text (as it is). Set by the channel when `channel` is set. */
  @property({ converter: numberOrText }) value: FlashingValueContent = null;

  /** Channel to follow, e.g. `prices.AAPL`. */
  @property() channel = '';

  /** Dotted path into the channel's event data, e.g. `price`; empty means the data itself. */
  @property() field = '';

  /** Gateway URL; default: `<meta name="rtdash-gateway">`, configure(), then same-origin /ws. */
  @property() gateway = '';

  /** `decimal`, `currency`, `percent` or `compact`, as on <rt-animated-number>. */
  @property() format: NumberFormatStyle = 'decimal';

  @property() currency = '';

  @property({ converter: integerOrUndefined }) decimals: number | undefined;

  @property() locale = '';

  /** The value may be out of date (connection lost, channel quiet); it stays, dimmed. */
  @property({ type: Boolean, reflect: true }) stale = false;

  /** With a channel: ms without an event before the value counts as stale; 0 = never. */
  @property({ attribute: 'stale-after', type: Number }) staleAfter = DEFAULT_STALE_AFTER_MS;

  /** Read-only: the direction of the last numeric change. */
  @property({ reflect: true }) direction: FlashDirection | undefined;

  /** Read-only: present for ~600 ms after a real change (never under reduced motion). */
  @property({ reflect: true }) flash: FlashKind | undefined;

  @state() private announcement = '';

  #shown: FlashingValueContent = null;
  #formatter: Intl.NumberFormat | undefined;
  /** `#shown` as text, formatted once per change for the screen and the announcement alike. */
  #shownText = PLACEHOLDER;
  #shownTextOf: FlashingValueContent = null;
  #shownTextBy: Intl.NumberFormat | undefined;
  readonly #flashTimer = new FlashTimer(FLASH_MS, () => { this.flash = undefined; });
  #lastChannelValue: ChannelValue | undefined;
  readonly #announcer = new ThrottledAnnouncer((text) => { this.announcement = text; }, ANNOUNCE_INTERVAL_MS);
  readonly #channel = new ChannelController(
    this,
    () => ({ channel: this.channel, gateway: this.gateway, staleAfter: this.staleAfter }),
    (value, change) => this.#onChannelValue(value, change),
    { onStaleChange: (stale) => { this.stale = stale; } },
  );

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#endFlash();
    this.#announcer.cancel();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('channel') && changed.get('channel')) || (changed.has('gateway') && changed.get('gateway'))) {
      // Another channel's last value means nothing here: start over without a flash.
      this.#lastChannelValue = undefined;
      this.#shown = null;
      this.value = null;
      this.direction = undefined;
      this.#endFlash();
    }
    if (changed.has('channel') || changed.has('gateway') || changed.has('staleAfter')) this.#channel.sync();
    if (changed.has('field') && this.#lastChannelValue) this.#takeFromChannel(this.#lastChannelValue);
    if (!this.#formatter || changed.has('format') || changed.has('currency') || changed.has('decimals') || changed.has('locale')) {
      this.#formatter = createNumberFormat({
        format: this.format,
        currency: this.currency,
        decimals: this.decimals,
        locale: this.locale || this.closest('[lang]')?.getAttribute('lang') || undefined,
      });
    }
    const next = this.value === undefined || (typeof this.value === 'number' && !Number.isFinite(this.value)) ? null : this.value;
    if (!Object.is(next, this.#shown)) this.#show(next);
  }

  #onChannelValue(value: ChannelValue, change: ChannelChange): void {
    this.stale = this.#channel.stale;
    if (change === 'stale' || change === 'fresh') return;
    this.#lastChannelValue = value;
    this.#takeFromChannel(value);
  }

  /** A missing field (a partial hint without it) keeps the last value. */
  #takeFromChannel(value: ChannelValue): void {
    const next = showable(readPath(value.data, this.field));
    if (next !== undefined) this.value = next;
  }

  #show(next: FlashingValueContent): void {
    const previous = this.#shown;
    this.#shown = next;
    if (next === null) {
      this.#endFlash();
      return;
    }
    const text = this.#textOfShown();
    if (previous === null) {
      // The first value just appears: there is nothing it changed from.
      this.#announcer.announce(text);
      return;
    }
    const from = toFiniteNumber(previous);
    const to = toFiniteNumber(next);
    const kind: FlashKind = from !== undefined && to !== undefined && from !== to ? (to > from ? 'up' : 'down') : 'change';
    if (kind !== 'change') this.direction = kind;
    else if (to === undefined) this.direction = undefined;
    this.#announcer.announce(kind === 'change' ? text : `${text}, ${kind}`);
    if ((this.constructor as typeof RtFlashingValue).prefersReducedMotion()) return;
    this.#startFlash(kind);
  }

  #startFlash(kind: FlashKind): void {
    // A second change while flashing keeps the colour on (switching it if needed) and restarts the clock.
    this.flash = kind;
    this.#flashTimer.restart();
  }

  #endFlash(): void {
    this.#flashTimer.cancel();
    this.flash = undefined;
  }

  /** The text of `#shown` under the current formatter, formatted again only when either changed. */
  #textOfShown(): string {
    if (!Object.is(this.#shownTextOf, this.#shown) || this.#shownTextBy !== this.#formatter) {
      this.#shownText = this.#format(this.#shown);
      this.#shownTextOf = this.#shown;
      this.#shownTextBy = this.#formatter;
    }
    return this.#shownText;
  }

  #format(value: FlashingValueContent): string {
    if (value === null) return PLACEHOLDER;
    return typeof value === 'number' ? this.#formatter!.format(value) : value;
  }

  protected override render() {
    const arrow = this.direction ? ARROWS[this.direction] : '';
    return html`<span part="base" class="base" aria-hidden="true"><span part="value" class="value">${this.#textOfShown()}</span><span part="arrow" class="arrow">${arrow}</span></span><span class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</span>${staleMark(this.stale)}`;
  }
}
