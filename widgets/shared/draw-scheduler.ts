/**
 * Redraws of every chart on the page, run from the shared frame loop within a time budget per
 * frame. Each element asks for a redraw when its data changed; requests wait in order, a chart
 * asking again before its turn keeps its place, and each frame runs them until
 * `DrawScheduler.maxDrawMsPerFrame` is spent (at least one per frame). Twenty charts at twenty
 * points a second would otherwise all redraw in every frame and none of those frames would be on
 * time; with the budget they take turns, each still redrawn within a few frames of its data.
 */
import { frameLoop } from './frame-loop.ts';

export type Draw = () => void;

export class DrawScheduler {
  /** Milliseconds of drawing per frame, across all charts, before the rest waits a frame. */
  static maxDrawMsPerFrame = 4;

  readonly #waiting = new Set<Draw>();
  #draws = 0;

  /** Draws run so far (for benchmarks and tests). */
  get draws(): number {
    return this.#draws;
  }

  /** Redraws waiting for their turn. */
  get waiting(): number {
    return this.#waiting.size;
  }

  request(draw: Draw): void {
    this.#waiting.add(draw);
    frameLoop.add(this.#run);
  }

  cancel(draw: Draw): void {
    this.#waiting.delete(draw);
  }

  readonly #run = (): boolean => {
    const started = performance.now();
    for (const draw of this.#waiting) {
      this.#waiting.delete(draw);
      this.#draws += 1;
      try {
        draw();
      } catch (error) {
        console.error('rtdash: a chart failed to draw', error);
      }
      if (performance.now() - started >= DrawScheduler.maxDrawMsPerFrame) break;
    }
    return this.#waiting.size > 0;
  };
}

/** The scheduler every chart of this bundle shares. */
export const drawScheduler = new DrawScheduler();
