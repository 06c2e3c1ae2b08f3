/**
 * Page side of the widgets bench: a requestAnimationFrame recorder, an update counter, and a
 * seeded random walk so every contender sees the same feed. Bundled into each page by esbuild.
 */
import { seededRandom } from '../../../publisher/simulator/random.ts';

/** One random walk per series, in cents, starting between 50 and 10,000. */
export class Walk {
  readonly #values: Float64Array;
  readonly #rand: () => number;
  constructor(count: number, seed = 42) {
    this.#rand = seededRandom(seed);
    this.#values = new Float64Array(count);
    for (let i = 0; i < count; i++) this.#values[i] = Math.round((50 + this.#rand() * 9950) * 100) / 100;
  }
  current(i: number): number {
    return this.#values[i];
  }
  next(i: number): number {
    const v = this.#values[i];
    let step = Math.round((this.#rand() - 0.5) * v * 0.004 * 100) / 100;
    if (step === 0) step = this.#rand() < 0.5 ? -0.01 : 0.01; // every update is a real change
    const next = Math.max(0.01, Math.round((v + step) * 100) / 100);
    this.#values[i] = next;
    return next;
  }
}

export interface BenchWindow {
  updates: number;
  frames: number[];
  /** Chart redraws (chart.update calls) in the window, where a page counts them; else null. */
  redraws: number | null;
}

const frames: number[] = [];
let recording = false;
let updates = 0;
let redraws: number | null = null;

/** A page that can see its charts' redraws calls this for each one. */
export function countRedraw(): void {
  if (recording) redraws = (redraws ?? 0) + 1;
}
const loop = (t: number) => {
  if (recording) frames.push(t);
  requestAnimationFrame(loop);
};
requestAnimationFrame(loop);

/**
 * A feed at `perSecond` updates in all, round robin over `count` series. It catches up on the
 * updates a late timer owes (as a socket's queued messages would), at most two ticks' worth per
 * tick (short tasks, so the bench can still talk to a saturated page); a backlog beyond that is dropped, so the achieved rate shows a page that cannot keep up.
 */
export function startFeed(count: number, perSecond: number, tickMs: number, update: (i: number) => void, cap = Math.ceil((perSecond * tickMs) / 1000) * 2): void {
  let cursor = 0;
  let due = 0;
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    due += ((now - last) * perSecond) / 1000;
    last = now;
    let n = Math.min(Math.floor(due), cap);
    due -= n;
    if (due > cap) due = 0; // hopelessly behind: drop the backlog rather than spiral
    while (n-- > 0) {
      update(cursor);
      cursor = (cursor + 1) % count;
      if (recording) updates++;
    }
  }, tickMs);
}

declare global {
  interface Window {
    __bench: { ready: Promise<void>; start(): void; stop(): BenchWindow };
  }
}

export function expose(ready: Promise<void>): void {
  window.__bench = {
    ready,
    start() {
      frames.length = 0;
      updates = 0;
      redraws = redraws === null ? null : 0;
      recording = true;
    },
    stop() {
      recording = false;
      return { updates, frames: frames.slice(), redraws };
    },
  };
}

/** A grid container filling the page. */
export function grid(columns: number, cell: string): HTMLElement {
  const root = document.createElement('div');
  root.style.cssText = `display:grid;grid-template-columns:repeat(${columns},${cell});gap:2px;font:12px/16px monospace;color:#e2e8f0`;
  document.body.append(root);
  return root;
}
