/**
 * lightweight-charts 5: an area series, series.update() per point. It has no window of its own
 * (users asked for truncation): the series grows past 1,000 points during the run, while the
 * visible range stays about the last 1,000 (minBarSpacing lowered, fitContent once).
 */
import { AreaSeries, createChart, type UTCTimestamp } from 'lightweight-charts';
import { runCharts, X0, X_STEP_MS } from './charts.ts';

// Time must strictly increase in whole seconds: one synthetic second per point.
const time = (x: number) => (1_700_000_000 + Math.round((x - X0) / X_STEP_MS)) as UTCTimestamp;

runCharts((box) => {
  const chart = createChart(box, {
    width: 250, height: 200,
    layout: { background: { color: 'transparent' }, textColor: 'rgb(148, 163, 184)', fontSize: 11 },
    timeScale: { minBarSpacing: 0.1 },
  });
  const series = chart.addSeries(AreaSeries, {
    lineColor: 'rgb(61, 245, 163)', topColor: 'rgba(61, 245, 163, 0.3)', bottomColor: 'rgba(61, 245, 163, 0)', lineWidth: 1,
  });
  return {
    seed(points) {
      series.setData(points.map((p) => ({ time: time(p.x), value: p.y })));
      chart.timeScale().fitContent();
    },
    push(y, x) {
      series.update({ time: time(x), value: y });
    },
  };
});
