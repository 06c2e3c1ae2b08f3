/**
 * A vertical line through the point the tooltip shows, drawn after the datasets so it sits on
 * top. Chart.js has no built-in crosshair; this is all it takes.
 */
import type { Chart, Plugin } from 'chart.js';

export function createCrosshairPlugin(color: () => string): Plugin<'line'> {
  return {
    id: 'rtCrosshair',
    afterDatasetsDraw(chart: Chart<'line'>) {
      const active = chart.tooltip?.getActiveElements() ?? [];
      if (active.length === 0) return;
      const x = active[0].element.x;
      const { top, bottom } = chart.chartArea;
      const ctx = chart.ctx;
      ctx.save();
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.lineWidth = 1;
      ctx.strokeStyle = color();
      ctx.setLineDash([3, 3]);
      ctx.stroke();
      ctx.restore();
    },
  };
}
