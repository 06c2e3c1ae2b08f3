/**
 * Everything that touches Chart.js, loaded by <rt-price-chart> with a dynamic import so the
 * core bundle stays small and Chart.js arrives (as its own chunk) only when a chart appears.
 * Only the parts a streaming line needs are registered: no chart.js/auto.
 */
import {
  Chart, Decimation, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartDataset, type Plugin, type TooltipItem,
} from 'chart.js';
import type { Trend } from '../../shared/channel-series.ts';
import type { XY } from '../../shared/point-ring.ts';
import { createCrosshairPlugin } from './crosshair-plugin.ts';
import { formatClock } from './time-format.ts';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Tooltip, Decimation);

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

/**
 * Every option is a plain value, set again only when the trend or the theme changes: Chart.js
 * shares one resolved option set across all points only when no option is a function, and
 * resolving functions per point was two thirds of a chart's time.
 */
export function createPriceChart(canvas: HTMLCanvasElement, initialTheme: ChartTheme, formatValue: (n: number) => string): PriceChartView {
  let theme = initialTheme;
  let line = theme.up;
  let gradientKey = '';

  // Gradient fill 0.3 → 0 down the plot area, rebuilt only when the area or the colour change;
  // after layout (the area is known), before the datasets resolve their options.
  const gradientFill: Plugin<'line'> = {
    id: 'rtGradientFill',
    afterLayout(chart) {
      const area = chart.chartArea;
      const key = `${area.top}|${area.bottom}|${line}`;
      if (key === gradientKey) return;
      gradientKey = key;
      const fill = chart.ctx.createLinearGradient(0, area.top, 0, area.bottom);
      fill.addColorStop(0, withAlpha(line, 0.3));
      fill.addColorStop(1, withAlpha(line, 0));
      chart.data.datasets[0].backgroundColor = fill;
    },
  };

  const data: XY[] = [];
  const dataset: ChartDataset<'line', XY[]> = {
    data,
    borderColor: line,
    backgroundColor: 'transparent',
    borderWidth: 1.5,
    fill: 'start',
    pointRadius: 0,
    pointHoverRadius: 3,
    pointHoverBackgroundColor: line,
    tension: 0,
  };
  const chart = new Chart<'line', XY[]>(canvas, {
    type: 'line',
    data: { datasets: [dataset] },
    options: {
      // Streaming: an animation in flight would overwrite update('none') on its next frame.
      animation: false,
      parsing: false,
      // The window is sorted by x with no repeats: Chart.js may skip sorting and scanning it.
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: {
          type: 'linear',
          border: { display: false },
          ticks: { maxRotation: 0, autoSkipPadding: 16, maxTicksLimit: 6, callback: (value) => formatClock(Number(value)) },
        },
        y: {
          position: 'right',
          grace: '5%',
          border: { display: false },
          ticks: { maxTicksLimit: 6, callback: (value) => formatValue(Number(value)) },
        },
      },
      plugins: {
        // More points than pixels: draw about one per pixel column (threshold set per draw).
        decimation: { enabled: true, algorithm: 'lttb' },
        tooltip: {
          displayColors: false,
          callbacks: {
            title: (items: TooltipItem<'line'>[]) => (items[0] ? formatClock((items[0].raw as XY).x) : ''),
            label: (item: TooltipItem<'line'>) => formatValue((item.raw as XY).y),
          },
        },
      },
    },
    plugins: [gradientFill, createCrosshairPlugin(() => theme.text)],
  });

  const applyTheme = () => {
    const font = { family: theme.fontFamily, size: 11 };
    const { x, y } = chart.options.scales as { x: NonNullable<Chart['options']['scales']>[string]; y: NonNullable<Chart['options']['scales']>[string] };
    for (const scale of [x!, y!]) {
      scale.grid = { ...scale.grid, color: theme.grid };
      scale.ticks = { ...scale.ticks, color: theme.text, font };
    }
    const tooltip = chart.options.plugins!.tooltip!;
    tooltip.titleFont = font;
    tooltip.bodyFont = font;
  };
  applyTheme();

  return {
    chart,
    draw(fill, trend) {
      fill(data);
      const colour = trend === 'down' ? theme.down : theme.up;
      if (colour !== line) {
        line = colour;
        dataset.borderColor = line;
        dataset.pointHoverBackgroundColor = line;
      }
      // Pin the time axis to the window: a linear scale would round its ends out to "nice" ticks.
      const x = chart.options.scales!.x!;
      x.min = data.length ? data[0].x : undefined;
      x.max = data.length ? data[data.length - 1].x : undefined;
      chart.options.plugins!.decimation!.threshold = Math.max(1, Math.round(chart.width));
      chart.update('none');
    },
    setTheme(next) {
      theme = next;
      line = '';
      gradientKey = '';
      applyTheme();
    },
    destroy() {
      chart.destroy();
    },
  };
}
