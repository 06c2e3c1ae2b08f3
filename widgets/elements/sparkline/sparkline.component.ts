import { LitElement, html, svg, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ChannelChange, ChannelValue } from '../../connection/channel-state.ts';
import { ChannelController, DEFAULT_STALE_AFTER_MS } from '../../shared/channel-controller.ts';
import { STALE_TEXT } from '../../shared/stale-mark.ts';
import { ChannelSeries, describeWindow, positiveIntegerOr, trendOf, type Trend } from '../../shared/channel-series.ts';
import { PointRing } from '../../shared/point-ring.ts';
import styles from './sparkline.styles.ts';

export const DEFAULT_SPARKLINE_POINTS = 60;

/** The path of `values` in a 100 × 100 box (y grows downwards); a flat series sits in the middle. */
export function sparklinePath(values: readonly number[]): string {
  const n = values.length;
  if (n === 0) return '';
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  const round = (v: number) => Math.round(v * 100) / 100;
  let d = '';
  for (let i = 0; i < n; i++) {
    const x = n === 1 ? 100 : (i / (n - 1)) * 100;
    const y = span === 0 ? 50 : 100 - ((values[i] - min) / span) * 100;
    d += `${i === 0 ? 'M' : 'L'}${round(x)} ${round(y)}`;
  }
  // One point still shows: a flat dash across the box.
  return n === 1 ? `M0 ${d.slice(d.indexOf(' ') + 1)}L100 ${d.slice(d.indexOf(' ') + 1)}` : d;
}

/**
 * A tiny inline SVG line of a channel field's recent values, coloured by the trend of the
 * window. No chart library: one path, redrawn at most once per animation frame.
 *
 * @csspart base - The svg (role="img", labelled with the last value and the change).
 * @csspart line - The path.
 *
 * @cssproperty --rt-sparkline-width - Width of the line (default 120px; or set `width` on the element).
 * @cssproperty --rt-sparkline-height - Height of the line (default 32px).
 * @cssproperty --rt-sparkline-stroke-width - Line thickness (default 1.5px).
 * @cssproperty --rt-color-positive - Colour of a rising window.
 * @cssproperty --rt-color-negative - Colour of a falling window.
 * @cssproperty --rt-stale-opacity - Opacity of a stale line (default 0.55).
 *
 * @prop channel - Channel to follow, e.g. `metrics.web-1`.
 * @prop gateway - Gateway URL; default: `<meta name="rtdash-gateway">`, configure(), then same-origin /ws.
 * @prop stale - The data may be out of date (connection lost, channel quiet); it stays, dimmed.
 * @prop {number} [staleAfter=30000] - With a channel: ms without an event before the data counts as stale; 0 = never.
 * @prop {number} [points=60] - How many recent points the line shows.
 *
 * @tagname rt-sparkline
 */
export class RtSparkline extends LitElement {
  static override styles = styles;

  @property() channel = '';
  /** Dotted path into the event data. */
  @property() field = 'price';
  @property() gateway = '';
  /** How many recent points the line shows (60). */
  @property({ converter: positiveIntegerOr(DEFAULT_SPARKLINE_POINTS) }) points = DEFAULT_SPARKLINE_POINTS;
  /** Spoken before the summary, e.g. "AAPL". */
  @property() label = '';
  @property({ type: Boolean, reflect: true }) stale = false;
  /** With a channel: ms without an event before the data counts as stale; 0 = never. */
  @property({ attribute: 'stale-after', type: Number }) staleAfter = DEFAULT_STALE_AFTER_MS;
  /** Read-only: `up` when the window ends at or above where it starts. */
  @property({ reflect: true }) trend: Trend | undefined;

  @state() private version = 0;

  readonly #ring = new PointRing(DEFAULT_SPARKLINE_POINTS);
  readonly #series = new ChannelSeries(this.#ring);
  #frame: number | undefined;
  readonly #channel = new ChannelController(
    this,
    () => ({ channel: this.channel, gateway: this.gateway, staleAfter: this.staleAfter }),
    (value, change) => this.#onChannelValue(value, change),
    { onStaleChange: (stale) => { this.stale = stale; } },
  );

  /** The values shown, oldest first. Setting it shows those numbers instead of a channel's. */
  get values(): number[] {
    return this.#ring.values();
  }

  set values(values: readonly number[]) {
    this.#series.detach();
    this.#ring.clear();
    values.forEach((v, i) => { if (Number.isFinite(v)) this.#ring.push(i, v); });
    this.#changed();
  }

  /** Adds one value (for pages that feed the line themselves). */
  push(value: number, x: number = Date.now()): void {
    if (!Number.isFinite(value)) return;
    this.#ring.push(x, value);
    this.#scheduleRender();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#frame = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('points')) this.#ring.resize(this.points);
    if (changed.has('channel') || changed.has('gateway') || changed.has('staleAfter')) this.#channel.sync();
    if (changed.has('channel') || changed.has('gateway') || changed.has('field')) {
      this.#series.follow(this.gateway, this.channel, this.field, this.#channel.bound);
    }
    this.trend = trendOf(this.#ring);
  }

  #onChannelValue(value: ChannelValue, change: ChannelChange): void {
    this.stale = this.#channel.stale;
    if (this.#series.take(value, change, this.gateway, this.field)) this.#scheduleRender();
  }

  /** Many values in one frame draw once. */
  #scheduleRender(): void {
    if (this.#frame !== undefined || !this.isConnected) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = undefined;
      this.#changed();
    });
  }

  #changed(): void {
    this.version += 1;
  }

  protected override render() {
    const values = this.#ring.values();
    const summary = describeWindow(this.label, values[0], values.at(-1), values.length);
    return html`<svg part="base" role="img" aria-label=${this.stale ? `${summary} ${STALE_TEXT}` : summary} viewBox="0 0 100 100" preserveAspectRatio="none">${svg`<path part="line" class="line" d=${sparklinePath(values)}></path>`}</svg>`;
  }
}
