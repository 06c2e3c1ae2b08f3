/**
 * Everything that touches Chart.js, loaded by <rt-price-chart> with a dynamic import so the
 * core bundle stays small and Chart.js arrives (as its own chunk) only when a chart appears.
 * Only the parts a streaming line needs are registered: no chart.js/auto.
 */
import {
  Chart, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartArea, type ScriptableContext, type TooltipItem,
} from 'chart.js';
import type { Trend } from '../../shared/channel-series.ts';
import type { XY } from '../../shared/point-ring.ts';
import { createCrosshairPlugin } from './crosshair-plugin.ts';
import { formatClock } from './time-format.ts';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Tooltip);

export { Chart };

/** Resolved colours (computed `rgb(...)` strings) and the axis font. */
export interface ChartTheme {
  up: string;
  down: string;
  text: string;
  grid: string;
  fontFamily: string;
}

export interface PriceChartView {
  readonly chart: Chart<'line', XY[]>;
  /** Refills the dataset in place (`fill` writes into the array it is given) and repaints once, unanimated. */
  draw(fill: (target: XY[]) => XY[], trend: Trend | undefined): void;
  setTheme(theme: ChartTheme): void;
  destroy(): void;
}

/** `rgb(r, g, b)` → `rgba(r, g, b, alpha)`; other spellings are returned unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const match = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(color);
  return match ? `rgba(${match[1]}, ${match[2]}, ${match[3]}, ${alpha})` : color;
}

export function createPriceChart(canvas: HTMLCanvasElement, initialTheme: ChartTheme, formatValue: (n: number) => string): PriceChartView {
  let theme = initialTheme;
  let line = theme.up;
  let gradient: { key: string; fill: CanvasGradient } | undefined;

  // Gradient fill 0.3 → 0 down the plot area, rebuilt only when the area or the colour change.
  const background = (context: ScriptableContext<'line'>): CanvasGradient | string => {
    const area: ChartArea | undefined = context.chart.chartArea;
    if (!area) return 'transparent';
    const key = `${area.top}|${area.bottom}|${line}`;
    if (gradient?.key !== key) {
      const fill = context.chart.ctx.createLinearGradient(0, area.top, 0, area.bottom);
      fill.addColorStop(0, withAlpha(line, 0.3));
      fill.addColorStop(1, withAlpha(line, 0));
      gradient = { key, fill };
    }
    return gradient.fill;
  };

  const font = () => ({ family: theme.fontFamily, size: 11 });
  const data: XY[] = [];
  const chart = new Chart<'line', XY[]>(canvas, {
    type: 'line',
    data: {
      datasets: [{
        data,
        borderColor: () => line,
        backgroundColor: background,
        borderWidth: 1.5,
        fill: 'start',
        pointRadius: 0,
        pointHoverRadius: 3,
        pointHoverBackgroundColor: () => line,
        tension: 0,
      }],
    },
    options: {
      // Streaming: an animation in flight would overwrite update('none') on its next frame.
      animation: false,
      parsing: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: {
          type: 'linear',
          grid: { color: () => theme.grid },
          border: { display: false },
          ticks: {
            color: () => theme.text,
            font,
            maxRotation: 0,
            autoSkipPadding: 16,
            maxTicksLimit: 6,
            callback: (value) => formatClock(Number(value)),
          },
        },
        y: {
          position: 'right',
          grace: '5%',
          grid: { color: () => theme.grid },
          border: { display: false },
          ticks: { color: () => theme.text, font, maxTicksLimit: 6, callback: (value) => formatValue(Number(value)) },
        },
      },
      plugins: {
        tooltip: {
          displayColors: false,
          titleFont: font,
          bodyFont: font,
          callbacks: {
            title: (items: TooltipItem<'line'>[]) => (items[0] ? formatClock((items[0].raw as XY).x) : ''),
            label: (item: TooltipItem<'line'>) => formatValue((item.raw as XY).y),
          },
        },
      },
    },
    plugins: [createCrosshairPlugin(() => theme.text)],
  });

  return {
    chart,
    draw(fill, trend) {
      fill(data);
      line = trend === 'down' ? theme.down : theme.up;
      // Pin the time axis to the window: a linear scale would round its ends out to "nice" ticks.
      const x = chart.options.scales!.x!;
      x.min = data.length ? data[0].x : undefined;
      x.max = data.length ? data[data.length - 1].x : undefined;
      chart.update('none');
    },
    setTheme(next) {
      theme = next;
      gradient = undefined;
    },
    destroy() {
      chart.destroy();
    },
  };
}
