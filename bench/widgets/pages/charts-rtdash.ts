/** <rt-price-chart window="1000"> fed through its push(y, x) API. */
import { countRedraw } from './probe.ts';
import { CHART_WINDOW, runCharts } from './charts.ts';
import { rtdashElement } from './rtdash-element.ts';

type PriceChart = HTMLElement & {
  updateComplete: Promise<boolean>;
  points: { x: number; y: number }[];
  chartReady: Promise<void>;
  chart: { update(mode?: string): void };
  push(y: number, x: number): void;
};

runCharts((box) => {
  const el = document.createElement('rt-price-chart') as PriceChart;
  el.setAttribute('window', String(CHART_WINDOW));
  el.setAttribute('decimals', '2');
  el.setAttribute('label', 'bench');
  el.style.setProperty('--rt-price-chart-height', '200px');
  box.append(el);
  return {
    seed: async (points) => {
      await el.updateComplete; // the window attribute sizes the ring on the first update
      el.points = points;
      await el.chartReady;
      // Counted, to show how often each chart is really redrawn under the shared frame budget.
      const update = el.chart.update.bind(el.chart);
      el.chart.update = (mode) => { countRedraw(); update(mode); };
    },
    push: (y, x) => el.push(y, x),
  };
}, rtdashElement('rt-price-chart'));
