import { LitElement, html, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ChannelChange, ChannelValue } from '../../connection/channel-state.ts';
import { ChannelController, DEFAULT_STALE_AFTER_MS } from '../../shared/channel-controller.ts';
import { STALE_TEXT } from '../../shared/stale-mark.ts';
import { toFiniteNumber } from '../../shared/field-path.ts';
import { createNumberFormat, type NumberFormatStyle } from '../../shared/number-format.ts';
import { ChannelSeries, describeWindow, positiveIntegerOr, trendOf, type Trend } from '../../shared/channel-series.ts';
import { PointRing } from '../../shared/point-ring.ts';
import { DrawScheduler, drawScheduler } from '../../shared/draw-scheduler.ts';
import type { Chart, ChartTheme, PriceChartView } from './price-chart.renderer.ts';
import { fetchHistory } from './rest-history.ts';
import styles from './price-chart.styles.ts';

export const DEFAULT_CHART_WINDOW = 300;

type Renderer = typeof import('./price-chart.renderer.ts');

const integerOrUndefined = {
  fromAttribute: (value: string | null): number | undefined => {
    const n = toFiniteNumber(value);
    return n !== undefined && Number.isInteger(n) ? n : undefined;
  },
};

/**
 * A streaming line/area chart of one channel field over a bounded window, green when the
 * window rises and red when it falls. This class is small on purpose: Chart.js is loaded
 * (dynamic import of price-chart.renderer.ts, its own chunk in dist/) when a chart connects.
 *
 * @csspart base - The chart box (role="img", labelled with the last value and the change).
 * @csspart canvas - The canvas Chart.js draws on.
 *
 * @cssproperty --rt-price-chart-height - Height of the chart (default 240px).
 * @cssproperty --rt-price-chart-background - Background behind the canvas (default transparent).
 * @cssproperty --rt-color-positive - Line and fill of a rising window; read when the chart is made (call refreshTheme() after a change).
 * @cssproperty --rt-color-negative - Line and fill of a falling window; read like the positive colour.
 * @cssproperty --rt-color-text-muted - Axis labels and grid.
 * @cssproperty --rt-font-mono - Font of the axis labels.
 * @cssproperty --rt-stale-opacity - Opacity of a stale chart (default 0.55).
 *
 * @prop channel - Channel to follow, e.g. `prices.AAPL`.
 * @prop gateway - Gateway URL; default: `<meta name="rtdash-gateway">`, configure(), then same-origin /ws.
 * @prop currency - ISO 4217 code for `format="currency"` (USD when absent).
 * @prop decimals - Exact number of fraction digits of the axis and tooltip.
 * @prop locale - BCP 47 locale; the nearest `lang` attribute, then the browser's, when absent.
 * @prop stale - The data may be out of date (connection lost, channel quiet); it stays, dimmed.
 * @prop {number} [staleAfter=30000] - With a channel: ms without an event before the data counts as stale; 0 = never.
 * @prop {number} [window=300] - Most recent points kept and drawn.
 *
 * @tagname rt-price-chart
 */
export class RtPriceChart extends LitElement {
  static override styles = styles;

  /** Loads the Chart.js half; a hook for tests and embedders. */
  static loadRenderer: () => Promise<Renderer> = () => import('./price-chart.renderer.ts');

  /** Milliseconds of chart drawing per frame across the page before charts take turns (4); > 0. */
  static get maxDrawMsPerFrame(): number {
    return DrawScheduler.maxDrawMsPerFrame;
  }

  static set maxDrawMsPerFrame(ms: number) {
    if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`maxDrawMsPerFrame must be a positive number of ms, got ${ms}`);
    DrawScheduler.maxDrawMsPerFrame = ms;
  }

  @property() channel = '';
  /** Dotted path into the event data. */
  @property() field = 'price';
  @property() gateway = '';
  /** Most recent points kept and drawn (300). */
  @property({ converter: positiveIntegerOr(DEFAULT_CHART_WINDOW) }) window = DEFAULT_CHART_WINDOW;
  /** Named in the accessible summary (default: the channel). */
  @property() label = '';
  /** Also fill the window from the gateway's REST history endpoint on connect. */
  @property({ type: Boolean, attribute: 'rest-history' }) restHistory = false;
  /** Number format of the y axis and tooltip, as on <rt-animated-number>. */
  @property() format: NumberFormatStyle = 'decimal';
  @property() currency = '';
  @property({ converter: integerOrUndefined }) decimals: number | undefined;
  @property() locale = '';
  @property({ type: Boolean, reflect: true }) stale = false;
  /** With a channel: ms without an event before the data counts as stale; 0 = never. */
  @property({ attribute: 'stale-after', type: Number }) staleAfter = DEFAULT_STALE_AFTER_MS;
  /** Read-only: `up` when the window ends at or above where it starts. */
  @property({ reflect: true }) trend: Trend | undefined;

  @state() private summary = '';
  @query('canvas') private canvas!: HTMLCanvasElement;

  readonly #ring = new PointRing(DEFAULT_CHART_WINDOW);
  readonly #series = new ChannelSeries(this.#ring, () => this.#restarted());
  #formatter: Intl.NumberFormat | undefined;
  #view: PriceChartView | undefined;
  #loading: Promise<void> | undefined;
  /** Bumped on every disconnect: a renderer that loads after the element left is not used. */
  #generation = 0;
  #historyAbort: AbortController | undefined;
  readonly #channel = new ChannelController(
    this,
    () => ({ channel: this.channel, gateway: this.gateway, staleAfter: this.staleAfter }),
    (value, change) => this.#onChannelValue(value, change),
    { onStaleChange: (stale) => { this.stale = stale; } },
  );

  /** The Chart.js instance while connected and loaded. */
  get chart(): Chart<'line'> | undefined {
    return this.#view?.chart as Chart<'line'> | undefined;
  }

  /** Resolves when the chart exists and shows the current window. */
  get chartReady(): Promise<void> {
    // The first render makes the canvas and starts the load; then the load; then its render.
    return this.updateComplete.then(() => this.#loading).then(() => this.updateComplete).then(() => undefined);
  }

  /** Points in the window. */
  get size(): number {
    return this.#ring.length;
  }

  /** The window, oldest first, as {x: ms, y}. */
  get points(): { x: number; y: number }[] {
    return this.#ring.fillPoints([]);
  }

  /** Shows these points instead of a channel's (x in ms). */
  set points(points: readonly { x: number; y: number }[]) {
    this.#series.detach();
    this.#ring.clear();
    for (const p of points) if (Number.isFinite(p.x) && Number.isFinite(p.y)) this.#ring.push(p.x, p.y);
    this.#scheduleDraw();
  }

  /** Adds one point (for pages that feed the chart themselves); drawn with the frame's others. */
  push(y: number, x: number = Date.now()): void {
    if (!Number.isFinite(y) || !Number.isFinite(x)) return;
    this.#ring.push(x, y);
    this.#scheduleDraw();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // After a move in the DOM the chart is rebuilt from the window, which survived.
    if (this.hasUpdated) void this.#mount();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#generation += 1;
    this.#loading = undefined;
    drawScheduler.cancel(this.#drawNow);
    this.#historyAbort?.abort();
    this.#historyAbort = undefined;
    // Chart.js keeps charts in a registry and its animator: without destroy() they leak.
    this.#view?.destroy();
    this.#view = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('window')) this.#ring.resize(this.window);
    if (changed.has('channel') || changed.has('gateway') || changed.has('staleAfter')) this.#channel.sync();
    if (changed.has('channel') || changed.has('gateway') || changed.has('field')) {
      if (this.#series.follow(this.gateway, this.channel, this.field, this.#channel.bound)) this.#scheduleDraw();
    }
    if (!this.#formatter || changed.has('format') || changed.has('currency') || changed.has('decimals') || changed.has('locale')) {
      this.#formatter = createNumberFormat({
        format: this.format, currency: this.currency, decimals: this.decimals,
        locale: this.locale || this.closest('[lang]')?.getAttribute('lang') || undefined,
      });
      if (this.hasUpdated) this.#scheduleDraw();
    }
    if (changed.has('window')) this.#scheduleDraw();
  }

  protected override firstUpdated(): void {
    void this.#mount();
  }

  #onChannelValue(value: ChannelValue, change: ChannelChange): void {
    this.stale = this.#channel.stale;
    if (this.#series.take(value, change, this.gateway, this.field)) this.#scheduleDraw();
  }

  /** The window started over for a new source: ask the REST endpoint for more, if wanted. */
  #restarted(): void {
    this.#scheduleDraw();
    this.#historyAbort?.abort();
    this.#historyAbort = undefined;
    if (!this.restHistory || !this.channel || !this.isConnected) return;
    const abort = new AbortController();
    this.#historyAbort = abort;
    const { gateway, channel, field } = this;
    void fetchHistory(gateway, channel, field, this.window, abort.signal).then((points) => {
      if (abort.signal.aborted || points.length === 0) return;
      // Older points go in front of what the stream brought meanwhile; the window keeps the newest.
      const current = this.#ring.fillPoints([]);
      const firstX = current[0]?.x ?? Infinity;
      const older = points.filter((p) => p.x < firstX);
      const lastId = this.#ring.lastId;
      this.#ring.clear();
      for (const p of older) this.#ring.push(p.x, p.y, p.id);
      // The newest point keeps its id, so a refinement of it still replaces it.
      current.forEach((p, i) => this.#ring.push(p.x, p.y, i === current.length - 1 ? lastId : undefined));
      this.#scheduleDraw();
    });
  }

  async #mount(): Promise<void> {
    if (this.#view || this.#loading || !this.isConnected) return;
    const generation = this.#generation;
    const loading = (async () => {
      const renderer = await (this.constructor as typeof RtPriceChart).loadRenderer();
      await this.updateComplete;
      if (generation !== this.#generation || !this.isConnected || this.#view) return;
      this.#view = renderer.createPriceChart(this.canvas, this.#theme(), (n) => this.#formatter!.format(n));
      this.#draw();
    })();
    this.#loading = loading;
    try {
      await loading;
    } catch (error) {
      console.warn(`rtdash: <rt-price-chart> could not load its chart: ${(error as Error).message}`);
    }
  }

  /** Colours the browser resolved from the --rt-* properties (or the dark defaults). */
  #theme(): ChartTheme {
    const color = (name: string) => {
      const probe = this.renderRoot.querySelector(`.probe-${name}`);
      return probe ? getComputedStyle(probe).color : '';
    };
    const text = color('text') || 'rgb(148, 163, 184)';
    const probe = this.renderRoot.querySelector('.probe-text');
    return {
      up: color('up') || 'rgb(61, 245, 163)',
      down: color('down') || 'rgb(241, 79, 122)',
      text,
      grid: text.replace(/^rgb\(([^)]+)\)$/, 'rgba($1, 0.12)'),
      fontFamily: (probe && getComputedStyle(probe).fontFamily) || 'monospace',
    };
  }

  /** Call after changing --rt-* colours on the page. */
  refreshTheme(): void {
    this.#view?.setTheme(this.#theme());
    this.#scheduleDraw();
  }

  /**
   * Every point that arrives before the chart's turn is drawn by one chart update; the turns of
   * all charts on the page share one frame budget (shared/draw-scheduler.ts).
   */
  #scheduleDraw(): void {
    if (this.isConnected) drawScheduler.request(this.#drawNow);
  }

  readonly #drawNow = (): void => this.#draw();

  #draw(): void {
    const trend = trendOf(this.#ring);
    this.trend = trend;
    this.summary = describeWindow(this.label || this.channel, this.#ring.firstY(), this.#ring.lastY(), this.#ring.length,
      (n) => this.#formatter!.format(n));
    this.#view?.draw((target) => this.#ring.fillPoints(target), trend);
  }

  protected override render() {
    const summary = this.summary || describeWindow(this.label || this.channel, undefined, undefined, 0);
    return html`<div part="base" class="base" role="img" aria-label=${this.stale ? `${summary} ${STALE_TEXT}` : summary}><canvas part="canvas" aria-hidden="true"></canvas></div><span class="probe-up" hidden></span><span class="probe-down" hidden></span><span class="probe-text" hidden></span>`;
  }
}
