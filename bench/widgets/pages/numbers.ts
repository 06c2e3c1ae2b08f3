/** (a) 1,000 animated numbers, each updated 10 times a second: shared by both contenders. */
import { Walk, expose, grid, startFeed } from './probe.ts';

export const NUMBERS = 1000;
export const NUMBER_RATE = 10; // per element per second

export interface NumberCell {
  el: HTMLElement;
  set(value: number): void;
}

export function runNumbers(make: () => NumberCell, before: Promise<unknown> = Promise.resolve()): void {
  expose(
    before.then(async () => {
      const walk = new Walk(NUMBERS);
      const root = grid(20, '60px');
      const cells: NumberCell[] = [];
      for (let i = 0; i < NUMBERS; i++) {
        const cell = make();
        root.append(cell.el);
        cell.set(walk.current(i));
        cells.push(cell);
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
      startFeed(NUMBERS, NUMBERS * NUMBER_RATE, 25, (i) => cells[i].set(walk.next(i)));
    }),
  );
}
