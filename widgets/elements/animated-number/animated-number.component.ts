import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { ChannelChange, ChannelValue } from '../../connection/channel-state.ts';
import { ChannelController, DEFAULT_STALE_AFTER_MS } from '../../shared/channel-controller.ts';
import { readNumber, toFiniteNumber } from '../../shared/field-path.ts';
import {
  createNumberFormat, fractionDigitsOf, withFractionDigits, type NumberFormatStyle,
} from '../../shared/number-format.ts';
import { staleMark } from '../../shared/stale-mark.ts';
import { ThrottledAnnouncer } from '../../shared/throttled-announcer.ts';
import { FlashTimer } from '../../shared/flash-timer.ts';
import { watchOnScreen } from '../../shared/on-screen.ts';
import { NumberTween } from './number-tween.ts';
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

/** One live query for every number: `matches` follows the setting, and matchMedia per change is not free. */
let reducedMotionQuery: MediaQueryList | undefined;

/** A tween shorter than about one frame would show nothing but its end: jump instead. */
const SHORTEST_TWEEN_MS = 20;

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
 * @attr {'up' | 'down'} direction - Read-only: the direction of the last change (set by the element).
 * @attr {'up' | 'down'} flash - Read-only: present for a moment after a real change, for styling the flash (set by the element).
 *
 * @prop {number} [staleAfter=30000] - With a channel: ms without an event before the value counts as stale; 0 = never.
 *
 * @tagname rt-animated-number
 */
export class RtAnimatedNumber extends LitElement {
  static override styles = styles;

  /** Hook for tests and embedders; read on every change, so a live media change is honoured. */
  static prefersReducedMotion: () => boolean = () => (reducedMotionQuery ??= globalThis.matchMedia?.('(prefers-reduced-motion: reduce)'))?.matches ?? false;

  /**
   * Tweening numbers redrawn per frame across the page before they take turns (80), when frames
   * are on time; a positive integer. Late frames shrink the allowance (down to no redraw between
   * a tween's ends, and no new tweens) until frames are on time again.
   */
  static get maxTweenRedrawsPerFrame(): number {
    return NumberTween.maxRedrawsPerFrame;
  }

  static set maxTweenRedrawsPerFrame(count: number) {
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`maxTweenRedrawsPerFrame must be a positive integer, got ${count}`);
    NumberTween.maxRedrawsPerFrame = count;
  }

  /**
   * Whether late frames shrink the tween redraw budget (true, the default); false keeps it at
   * `maxTweenRedrawsPerFrame` whatever the frame times.
   */
  static get adaptTweenRedraws(): boolean {
    return NumberTween.adaptiveBudget;
  }

  static set adaptTweenRedraws(adapt: boolean) {
    NumberTween.adaptiveBudget = adapt;
  }

  /** Hook for tests; nobody sees an animation in a hidden tab, so it is skipped. */
  static isDocumentHidden: () => boolean = () => document.visibilityState === 'hidden';

  #value: number | null = null;

  // Once the element has rendered, a new value is drawn at once — text, arrow, flash — without a
  // Lit update: a page of a thousand numbers ticking ten times a second would otherwise run ten
  // thousand update cycles a second for what is a few DOM writes each.
  /**
   * The number shown. Set by the channel when `channel` is set; null shows a dash.
   * @default null
   */
  @property({ converter: numberOrNull, noAccessor: true })
  get value(): number | null {
    return this.#value;
  }

  set value(value: number | null) {
    const old = this.#value;
    this.#value = value;
    // Before the first render there is no formatter yet: the first update takes the value.
    if (this.#formatter) this.#take(value);
    else this.requestUpdate('value', old);
  }

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

  #direction: Direction | undefined;
  #flash: Direction | undefined;

  /** Read-only: the direction of the last change, also the `direction` attribute. */
  get direction(): Direction | undefined {
    return this.#direction;
  }

  /** Read-only: present for a moment after a real change, for styling the flash; also the `flash` attribute. */
  get flash(): Direction | undefined {
    return this.#flash;
  }

  #target: number | null = null;
  #displayed: number | null = null;
  /** When the value last changed, to keep a tween shorter than the gap between updates. */
  #changedAt: number | undefined;
  #formatter: Intl.NumberFormat | undefined;
  /** The formatter of the running tween: the fraction digits of its ends, so the width holds. */
  #tweenFormatter: Intl.NumberFormat | undefined;
  /** The formatter of the text on screen, with `#displayed` its number. */
  #shownWith: Intl.NumberFormat | undefined;
  /**
   * The number's text, written by the tween every frame without a Lit update: a thousand numbers
   * re-rendering 60 times a second would cost more than the numbers themselves.
   */
  readonly #text = document.createTextNode(PLACEHOLDER);
  /** ▲ or ▼, written directly like the number. */
  readonly #arrow = document.createTextNode('');
  /** What the live region says, written directly: an announcement is not worth a Lit update. */
  readonly #announcement = document.createTextNode('');
  readonly #tween = new NumberTween((value) => this.#show(value));
  #onScreen = true;
  #stopWatching: (() => void) | undefined;
  readonly #flashTimer = new FlashTimer(FLASH_MS, () => { this.#setFlash(undefined); });
  #lastChannelValue: ChannelValue | undefined;
  readonly #announcer = new ThrottledAnnouncer((text) => { this.#announcement.data = text; }, ANNOUNCE_INTERVAL_MS);
  readonly #channel = new ChannelController(
    this,
    () => ({ channel: this.channel, gateway: this.gateway, staleAfter: this.staleAfter }),
    (value, change) => this.#onChannelValue(value, change),
    { onStaleChange: (stale) => { this.stale = stale; } },
  );

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopWatching = watchOnScreen(this, (onScreen) => {
      this.#onScreen = onScreen;
      if (!onScreen) this.#finishTween();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopWatching?.();
    this.#stopWatching = undefined;
    this.#finishTween();
    this.#flashTimer.cancel();
    this.#setFlash(undefined);
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
      // A tween in flight formats with the old settings' digits: the new format starts at rest.
      this.#finishTween();
      this.#show(this.#displayed);
    }
    this.#take(this.#value);
  }

  /** Shows `value` if it differs from the current target (a non-finite number counts as none). */
  #take(value: number | null): void {
    const next = typeof value === 'number' && Number.isFinite(value) ? value : null;
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
    if (next === null || previous === null) {
      // No value, or the first one: it appears at once, nothing to animate from or compare with.
      this.#stopTween();
      this.#show(next);
      this.#changedAt = undefined;
      if (next !== null) this.#announcer.announce(() => this.#spoken(next));
      return;
    }
    const direction: Direction = next > previous ? 'up' : 'down';
    this.#setDirection(direction);
    this.#startFlash(direction);
    this.#announcer.announce(() => this.#spoken(next, direction));
    const now = performance.now();
    // Updates faster than the tween: each tween ends before the next value, instead of the number
    // trailing ever further behind the feed.
    const duration = Math.min(this.duration, now - (this.#changedAt ?? Number.NEGATIVE_INFINITY));
    this.#changedAt = now;
    if (duration >= SHORTEST_TWEEN_MS && this.#shouldAnimate()) this.#startTween(this.#displayed ?? previous, next, duration);
    else {
      this.#stopTween();
      this.#show(next);
    }
  }

  #shouldAnimate(): boolean {
    const ctor = this.constructor as typeof RtAnimatedNumber;
    return this.isConnected && this.#onScreen && NumberTween.canAnimate && !ctor.prefersReducedMotion() && !ctor.isDocumentHidden();
  }

  #startTween(from: number, to: number, duration: number): void {
    // Intermediate values keep the fraction digits of the ends, so the width does not jump.
    const formatter = this.#formatter!;
    this.#tweenFormatter = this.decimals != null ? formatter
      : withFractionDigits(formatter, Math.max(fractionDigitsOf(formatter, from), fractionDigitsOf(formatter, to)));
    this.#tween.start(from, to, duration);
  }

  #stopTween(): void {
    this.#tween.stop();
    this.#tweenFormatter = undefined;
  }

  #finishTween(): void {
    if (!this.#tween.active) return;
    this.#stopTween();
    this.#show(this.#target);
  }

  /** Writes the text only when it changes: an unchanged frame costs no style, layout or paint. */
  #show(value: number | null): void {
    const formatter = this.#tween.active ? this.#tweenFormatter! : this.#formatter;
    // A tween starts from the number on screen: no need to format it again.
    if (Object.is(value, this.#displayed) && formatter === this.#shownWith) return;
    this.#displayed = value;
    this.#shownWith = formatter;
    const text = value === null || !formatter ? PLACEHOLDER : formatter.format(value);
    if (this.#text.data !== text) this.#text.data = text;
  }

  #startFlash(direction: Direction): void {
    this.#setFlash(direction);
    this.#flashTimer.restart();
  }

  #setDirection(direction: Direction): void {
    if (direction === this.#direction) return;
    this.#direction = direction;
    this.setAttribute('direction', direction);
    this.#arrow.data = ARROWS[direction];
  }

  /** Attribute writes only on a change: the same flash ten times a second costs nothing. */
  #setFlash(flash: Direction | undefined): void {
    if (flash === this.#flash) return;
    this.#flash = flash;
    if (flash) this.setAttribute('flash', flash);
    else this.removeAttribute('flash');
  }

  #spoken(value: number, direction?: Direction): string {
    // Formatted when said, with the settings of that moment.
    const text = `${this.textBefore}${this.#formatter!.format(value)}${this.textAfter}`;
    return direction ? `${text}, ${direction}` : text;
  }

  protected override render() {
    // No whitespace between the spans: spacing is the author's, through before/after.
    return html`<span part="base" class="base" aria-hidden="true">${this.textBefore ? html`<span part="before" class="before">${this.textBefore}</span>` : nothing}<span part="value" class="value">${this.#text}</span>${this.textAfter ? html`<span part="after" class="after">${this.textAfter}</span>` : nothing}<span part="arrow" class="arrow">${this.#arrow}</span></span><span class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.#announcement}</span>${staleMark(this.stale)}`;
  }
}
