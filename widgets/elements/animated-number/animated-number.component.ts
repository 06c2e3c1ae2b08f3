import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ChannelChange, ChannelValue } from '../../connection/channel-state.ts';
import { ChannelController, DEFAULT_STALE_AFTER_MS } from '../../shared/channel-controller.ts';
import { readNumber, toFiniteNumber } from '../../shared/field-path.ts';
import {
  createNumberFormat, fractionDigitsOf, withFractionDigits, type NumberFormatStyle,
} from '../../shared/number-format.ts';
import { staleMark } from '../../shared/stale-mark.ts';
import { ThrottledAnnouncer } from '../../shared/throttled-announcer.ts';
import styles from './animated-number.styles.ts';

export type Direction = 'up' | 'down';

const FLASH_MS = 600;
const ANNOUNCE_INTERVAL_MS = 2_000;
const PLACEHOLDER = '—';
const ARROWS: Record<Direction, string> = { up: '▲', down: '▼' };

const numberOrNull = {
  fromAttribute: (value: string | null): number | null => toFiniteNumber(value) ?? null,
  toAttribute: (value: number | null): string | null => (value === null ? null : String(value)),
};

const integerOrUndefined = {
  fromAttribute: (value: string | null): number | undefined => {
    const n = toFiniteNumber(value);
    return n !== undefined && Number.isInteger(n) ? n : undefined;
  },
};

const easeOutCubic = (t: number): number => 1 - (1 - t) ** 3;

interface Tween {
  from: number;
  to: number;
  start: number;
  duration: number;
  formatter: Intl.NumberFormat;
}

/**
 * A number that eases to each new value, flashes ▲ or ▼ with the up or down colour on a real
 * change, and reads its value from a channel of the shared connection or from `value`.
 *
 * @csspart base - The wrapper of everything visible.
 * @csspart before - Text before the number (`before` attribute, `textBefore` property).
 * @csspart value - The formatted number.
 * @csspart after - Text after the number (`after` attribute, `textAfter` property).
 * @csspart arrow - ▲ or ▼ for the direction of the last change.
 *
 * @cssproperty --rt-color-text - The number's colour (default hsl(210 40% 96%)).
 * @cssproperty --rt-color-positive - Flash and ▲ colour of a rise (default hsl(154 80% 60%)).
 * @cssproperty --rt-color-negative - Flash and ▼ colour of a fall (default hsl(346 80% 62%)).
 * @cssproperty --rt-font-mono - Font of the number; tabular numerals keep digits from jumping.
 * @cssproperty --rt-stale-opacity - Opacity of a stale value (default 0.55).
 *
 * @prop {number} [staleAfter=30000] - With a channel: ms without an event before the value counts as stale; 0 = never.
 *
 * @tagname rt-animated-number
 */
export class RtAnimatedNumber extends LitElement {
  static override styles = styles;

  /** Hook for tests and embedders; read on every change, so a live media change is honoured. */
  static prefersReducedMotion: () => boolean = () =>
    globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

  /** Hook for tests; nobody sees an animation in a hidden tab, so it is skipped. */
  static isDocumentHidden: () => boolean = () => document.visibilityState === 'hidden';

  /** The number shown. Set by the channel when `channel` is set; null shows a dash. */
  @property({ converter: numberOrNull }) value: number | null = null;

  /** Channel to follow, e.g. `prices.AAPL`. */
  @property() channel = '';

  /** Dotted path into the channel's event data, e.g. `price`; empty means the data itself. */
  @property() field = '';

  /** Gateway URL; default: `<meta name="rtdash-gateway">`, configure(), then same-origin /ws. */
  @property() gateway = '';

  /** `decimal`, `currency`, `percent` (0.25 → 25%) or `compact` (1.2K). */
  @property() format: NumberFormatStyle = 'decimal';

  /** ISO 4217 code for `format="currency"` (USD when absent). */
  @property() currency = '';

  /** Exact number of fraction digits; Intl's default for the format when absent. */
  @property({ converter: integerOrUndefined }) decimals: number | undefined;

  /** BCP 47 locale; the nearest `lang` attribute, then the browser's, when absent. */
  @property() locale = '';

  /**
   * Text shown before the number, from the `before` attribute. The property has another name:
   * `prefix`, `before` and `after` all belong to Element already (Element.before() inserts nodes).
   */
  @property({ attribute: 'before' }) textBefore = '';

  /** Text shown after the number, from the `after` attribute. */
  @property({ attribute: 'after' }) textAfter = '';

  /** Tween length in ms; 0 jumps straight to each value. */
  @property({ type: Number }) duration = 500;

  /** The value may be out of date (connection lost, channel reset); it stays, dimmed. */
  @property({ type: Boolean, reflect: true }) stale = false;

  /** With a channel: ms without an event before the value counts as stale; 0 = never. */
  @property({ attribute: 'stale-after', type: Number }) staleAfter = DEFAULT_STALE_AFTER_MS;

  /** Read-only: the direction of the last change. */
  @property({ reflect: true }) direction: Direction | undefined;

  /** Read-only: present for a moment after a real change, for styling the flash. */
  @property({ reflect: true }) flash: Direction | undefined;

  @state() private displayed: number | null = null;
  @state() private announcement = '';

  #target: number | null = null;
  #formatter: Intl.NumberFormat | undefined;
  #tween: Tween | undefined;
  #frame: number | undefined;
  #flashTimer: ReturnType<typeof setTimeout> | undefined;
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
    this.#finishTween();
    if (this.#flashTimer !== undefined) clearTimeout(this.#flashTimer);
    this.flash = undefined;
    this.#announcer.cancel();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('channel') && changed.get('channel')) || (changed.has('gateway') && changed.get('gateway'))) {
      // Another channel's last value means nothing here: start over without a flash.
      this.#lastChannelValue = undefined;
      this.#retarget(null);
      this.value = null;
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
      if (this.#tween) this.#tween.formatter = this.#tweenFormatter(this.#tween.from, this.#tween.to);
    }
    const next = typeof this.value === 'number' && Number.isFinite(this.value) ? this.value : null;
    if (!Object.is(next, this.#target)) this.#retarget(next);
  }

  #onChannelValue(value: ChannelValue, change: ChannelChange): void {
    this.stale = this.#channel.stale;
    if (change === 'stale' || change === 'fresh') return;
    this.#lastChannelValue = value;
    this.#takeFromChannel(value);
  }

  /** A missing or non-numeric field (a partial hint without it) keeps the last value. */
  #takeFromChannel(value: ChannelValue): void {
    const n = readNumber(value.data, this.field);
    if (n !== undefined) this.value = n;
  }

  #retarget(next: number | null): void {
    const previous = this.#target;
    this.#target = next;
    if (next === null) {
      this.#stopTween();
      this.displayed = null;
      return;
    }
    if (previous === null) {
      // The first value appears at once: nothing to animate from, nothing to compare with.
      this.#stopTween();
      this.displayed = next;
      this.#announcer.announce(this.#spoken(next));
      return;
    }
    const direction: Direction = next > previous ? 'up' : 'down';
    this.direction = direction;
    this.#startFlash(direction);
    this.#announcer.announce(this.#spoken(next, direction));
    if (this.#shouldAnimate()) this.#startTween(this.displayed ?? previous, next);
    else {
      this.#stopTween();
      this.displayed = next;
    }
  }

  #shouldAnimate(): boolean {
    const ctor = this.constructor as typeof RtAnimatedNumber;
    return this.duration > 0 && this.isConnected && !ctor.prefersReducedMotion() && !ctor.isDocumentHidden();
  }

  #startTween(from: number, to: number): void {
    this.#tween = { from, to, start: performance.now(), duration: this.duration, formatter: this.#tweenFormatter(from, to) };
    this.displayed = from;
    this.#frame ??= requestAnimationFrame(this.#step);
  }

  /** Intermediate values keep the fraction digits of the ends, so the width does not jump. */
  #tweenFormatter(from: number, to: number): Intl.NumberFormat {
    const formatter = this.#formatter!;
    if (this.decimals != null) return formatter;
    return withFractionDigits(formatter, Math.max(fractionDigitsOf(formatter, from), fractionDigitsOf(formatter, to)));
  }

  readonly #step = (now: number): void => {
    this.#frame = undefined;
    const tween = this.#tween;
    if (!tween) return;
    const t = Math.min(1, Math.max(0, (now - tween.start) / tween.duration));
    if (t >= 1) {
      this.#tween = undefined;
      this.displayed = tween.to;
      return;
    }
    this.displayed = tween.from + (tween.to - tween.from) * easeOutCubic(t);
    this.#frame = requestAnimationFrame(this.#step);
  };

  #stopTween(): void {
    this.#tween = undefined;
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#frame = undefined;
  }

  #finishTween(): void {
    if (!this.#tween) return;
    this.#stopTween();
    this.displayed = this.#target;
  }

  #startFlash(direction: Direction): void {
    this.flash = direction;
    if (this.#flashTimer !== undefined) clearTimeout(this.#flashTimer);
    this.#flashTimer = setTimeout(() => {
      this.#flashTimer = undefined;
      this.flash = undefined;
    }, FLASH_MS);
  }

  #spoken(value: number, direction?: Direction): string {
    const text = `${this.textBefore}${this.#formatter!.format(value)}${this.textAfter}`;
    return direction ? `${text}, ${direction}` : text;
  }

  protected override render() {
    const displayed = this.displayed;
    const formatter = this.#tween?.formatter ?? this.#formatter!;
    const text = displayed === null ? PLACEHOLDER : formatter.format(displayed);
    const arrow = this.direction ? ARROWS[this.direction] : '';
    // No whitespace between the spans: spacing is the author's, through before/after.
    return html`<span part="base" class="base" aria-hidden="true">${this.textBefore ? html`<span part="before" class="before">${this.textBefore}</span>` : nothing}<span part="value" class="value">${text}</span>${this.textAfter ? html`<span part="after" class="after">${this.textAfter}</span>` : nothing}<span part="arrow" class="arrow">${arrow}</span></span><span class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</span>${staleMark(this.stale)}`;
  }
}
