import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { ChannelChange, ChannelValue } from '../../connection/channel-state.ts';
import { getManager } from '../../connection/manager-registry.ts';
import { ChannelController, DEFAULT_STALE_AFTER_MS } from '../../shared/channel-controller.ts';
import { readNumber, toFiniteNumber } from '../../shared/field-path.ts';
import type { NumberFormatStyle } from '../../shared/number-format.ts';
import '../animated-number/animated-number.ts';
import { changeOf, positiveIntegerOr } from '../../shared/channel-series.ts';
import { DEFAULT_SPARKLINE_POINTS } from '../sparkline/sparkline.component.ts';
import '../sparkline/sparkline.ts';
import styles from './stat-card.styles.ts';

export type ChangeDirection = 'up' | 'down' | 'flat';

const integerOrUndefined = {
  fromAttribute: (value: string | null): number | undefined => {
    const n = toFiniteNumber(value);
    return n !== undefined && Number.isInteger(n) ? n : undefined;
  },
};

/** `+1.23%`, `−0.50%`, `0.00%`. */
export function formatChange(fraction: number): string {
  const percent = Math.abs(fraction * 100).toFixed(2);
  if (percent === '0.00') return '0.00%';
  return `${fraction > 0 ? '+' : '−'}${percent}%`;
}

/**
 * A labelled live number: the value (an <rt-animated-number>), its change since the first point
 * of the session (or the channel's own `change-field`), and an <rt-sparkline> of recent values.
 *
 * @csspart base - The card.
 * @csspart label - The label.
 * @csspart value - The <rt-animated-number> (its own parts are exported as value-*).
 * @csspart change - ▲/▼ and the change in percent.
 * @csspart sparkline - The <rt-sparkline>.
 *
 * @cssproperty --rt-stat-card-background - Card background (default --rt-color-background, hsl(222 47% 11%)).
 * @cssproperty --rt-stat-card-border-color - Card border (default hsl(217 33% 20%)).
 * @cssproperty --rt-stat-card-padding - Card padding (default 0.75rem 1rem).
 * @cssproperty --rt-stat-card-radius - Corner radius (default 8px).
 * @cssproperty --rt-stat-card-value-size - Font size of the value (default 1.5rem).
 * @cssproperty --rt-stat-card-sparkline-height - Height of the sparkline (default 28px).
 * @cssproperty --rt-color-text - The value's colour.
 * @cssproperty --rt-color-text-muted - The label's colour.
 * @cssproperty --rt-color-positive - Change, arrow and sparkline of a rise.
 * @cssproperty --rt-color-negative - Change, arrow and sparkline of a fall.
 * @cssproperty --rt-font-mono - Font of the value and the change.
 * @cssproperty --rt-stale-opacity - Opacity of stale data (default 0.55).
 *
 * @prop channel - Channel to follow, e.g. `prices.NVDA`.
 * @prop field - Dotted path into the event data (`price`).
 * @prop gateway - Gateway URL; default: `<meta name="rtdash-gateway">`, configure(), then same-origin /ws.
 * @prop currency - ISO 4217 code for `format="currency"` (USD when absent).
 * @prop decimals - Exact number of fraction digits of the value.
 * @prop locale - BCP 47 locale; the nearest `lang` attribute, then the browser's, when absent.
 * @prop stale - The data may be out of date (connection lost, channel quiet); it stays, dimmed.
 * @prop {number} [staleAfter=30000] - With a channel: ms without an event before the data counts as stale; 0 = never.
 * @prop {number} [points=60] - Points in the sparkline.
 *
 * @tagname rt-stat-card
 */
export class RtStatCard extends LitElement {
  static override styles = styles;

  @property() channel = '';
  @property() field = 'price';
  @property() gateway = '';
  /** Shown above the value (default: the channel). */
  @property() label = '';
  /**
   * A field that already carries the change in percent (`1.5` = +1.5%), e.g. a 24 h change
   * computed upstream. Without it, the change is measured from the first point of the session.
   */
  @property({ attribute: 'change-field' }) changeField = '';
  /** Passed to the <rt-animated-number>. */
  @property() format: NumberFormatStyle = 'decimal';
  @property() currency = '';
  @property({ converter: integerOrUndefined }) decimals: number | undefined;
  @property() locale = '';
  /** Points in the sparkline (60). */
  @property({ converter: positiveIntegerOr(DEFAULT_SPARKLINE_POINTS) }) points = DEFAULT_SPARKLINE_POINTS;
  /** Change as a fraction (0.0123 = +1.23%); set from the channel, or by hand without one. */
  @property({ type: Number }) change: number | undefined;
  @property({ type: Boolean, reflect: true }) stale = false;
  /** With a channel: ms without an event before the data counts as stale; 0 = never. */
  @property({ attribute: 'stale-after', type: Number }) staleAfter = DEFAULT_STALE_AFTER_MS;
  /** Read-only: the sign of the change. */
  @property({ reflect: true }) direction: ChangeDirection | undefined;

  #first: number | undefined;
  #sourceKey: string | undefined;
  readonly #channel = new ChannelController(
    this,
    () => ({ channel: this.channel, gateway: this.gateway, staleAfter: this.staleAfter }),
    (value, change) => this.#onChannelValue(value, change),
    { onStaleChange: (stale) => { this.stale = stale; } },
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('channel') || changed.has('gateway') || changed.has('staleAfter')) this.#channel.sync();
    if (changed.has('channel') || changed.has('gateway') || changed.has('field') || changed.has('changeField')) {
      this.#follow();
      const value = this.#channel.bound ? this.#manager()?.channel(this.channel) : undefined;
      if (value?.data !== undefined) this.#measure(value);
    }
    const change = this.change;
    this.direction = change === undefined || !Number.isFinite(change) ? undefined
      : formatChange(change) === '0.00%' ? 'flat' : change > 0 ? 'up' : 'down';
  }

  #manager() {
    try {
      return getManager(this.gateway || undefined);
    } catch {
      return undefined;
    }
  }

  /** A new source starts the session over: its first point is the oldest the page holds. */
  #follow(): void {
    const key = this.#channel.bound ? `${this.gateway}\n${this.channel}\n${this.field}\n${this.changeField}` : undefined;
    if (key === this.#sourceKey) return;
    this.#sourceKey = key;
    this.#first = undefined;
    if (key === undefined) return;
    this.change = undefined;
    for (const point of this.#manager()?.history(this.channel) ?? []) {
      const n = readNumber(point.data, this.field);
      if (n !== undefined) {
        this.#first = n;
        break;
      }
    }
  }

  #onChannelValue(value: ChannelValue, change: ChannelChange): void {
    this.stale = this.#channel.stale;
    this.#follow();
    if (change === 'stale' || change === 'fresh') return;
    this.#measure(value);
  }

  #measure(value: ChannelValue): void {
    if (this.changeField) {
      const percent = readNumber(value.data, this.changeField);
      if (percent !== undefined) this.change = percent / 100;
      return;
    }
    const n = readNumber(value.data, this.field);
    if (n === undefined) return;
    this.#first ??= n;
    this.change = changeOf(this.#first, n);
  }

  protected override render() {
    const label = this.label || this.channel;
    const arrow = this.direction === 'up' ? '▲ ' : this.direction === 'down' ? '▼ ' : '';
    const change = this.change !== undefined && Number.isFinite(this.change) ? formatChange(this.change) : '';
    const since = this.changeField ? '' : ' since the first point';
    return html`<div part="base" class="base">
      <div part="label" class="label">${label}</div>
      <rt-animated-number part="value" class="value" exportparts="base: value-base, value: value-number, arrow: value-arrow"
        channel=${this.channel} field=${this.field} gateway=${this.gateway} format=${this.format}
        currency=${this.currency} decimals=${this.decimals ?? nothing} locale=${this.locale}
        stale-after=${this.staleAfter}></rt-animated-number>
      <span part="change" class="change" aria-label=${change ? `${this.direction === 'down' ? 'down' : this.direction === 'up' ? 'up' : 'unchanged'} ${change.replace(/^[+−]/, '')}${since}` : nothing}>${arrow}${change}</span>
      <rt-sparkline part="sparkline" class="sparkline" channel=${this.channel} field=${this.field}
        gateway=${this.gateway} points=${this.points} label=${label} stale-after=${this.staleAfter}></rt-sparkline>
    </div>`;
  }
}
