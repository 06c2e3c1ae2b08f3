/**
 * The naive Chart.js way: per point, push + shift the labels and the data, then chart.update().
 * Animations off (`animation: false`, as anyone streaming learns to do), no point markers, the
 * default category x axis; otherwise Chart.js's defaults.
 */
import { CategoryScale, Chart, Filler, LinearScale, LineController, LineElement, PointElement } from 'chart.js';
import { runCharts } from './charts.ts';
import { countRedraw } from './probe.ts';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Filler);

const clock = (x: number) => new Date(x).toISOString().slice(11, 19);

runCharts((box) => {
  const canvas = document.createElement('canvas');
  box.append(canvas);
  let chart: Chart<'line', number[], string>;
  return {
    seed(points) {
      chart = new Chart(canvas, {
        type: 'line',
        data: {
          labels: points.map((p) => clock(p.x)),
          datasets: [{ data: points.map((p) => p.y), borderColor: 'rgb(61, 245, 163)', backgroundColor: 'rgba(61, 245, 163, 0.2)', borderWidth: 1.5, fill: 'start', pointRadius: 0 }],
        },
        options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: {} },
      });
    },
    push(y, x) {
      chart.data.labels!.push(clock(x));
      chart.data.datasets[0].data.push(y);
      chart.data.labels!.shift();
      chart.data.datasets[0].data.shift();
      chart.update();
      countRedraw();
    },
  };
});
