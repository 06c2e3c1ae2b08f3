/** (b) 20 charts with 1,000-point windows, 20 points a second each: shared by the contenders. */
import { Walk, expose, grid, startFeed } from './probe.ts';

export const CHARTS = 20;
export const CHART_WINDOW = 1000;
export const CHART_RATE = 20; // points per chart per second
export const X_STEP_MS = 1000 / CHART_RATE;
export const X0 = Date.UTC(2026, 0, 5, 14, 30);

export interface ChartCell {
  /** Seeds the full window (x in ms). */
  seed(points: { x: number; y: number }[]): Promise<void> | void;
  push(y: number, x: number): void;
}

export function runCharts(make: (box: HTMLElement) => ChartCell, before: Promise<unknown> = Promise.resolve()): void {
  expose(
    before.then(async () => {
      const walk = new Walk(CHARTS, 7);
      const root = grid(5, '250px');
      const cells: ChartCell[] = [];
      const next: number[] = [];
      for (let c = 0; c < CHARTS; c++) {
        const box = document.createElement('div');
        box.style.cssText = 'width:250px;height:200px;position:relative;background:hsl(222 47% 11%)';
        root.append(box);
        const cell = make(box);
        const points = Array.from({ length: CHART_WINDOW }, (_, k) => ({ x: X0 + k * X_STEP_MS, y: walk.next(c) }));
        await cell.seed(points);
        cells.push(cell);
        next.push(CHART_WINDOW);
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
      startFeed(CHARTS, CHARTS * CHART_RATE, 10, (c) => {
        const k = next[c]++;
        cells[c].push(walk.next(c), X0 + k * X_STEP_MS);
      });
    }),
  );
}
