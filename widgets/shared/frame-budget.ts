/**
 * A per-frame allowance of optional work (tween redraws) that follows how the page keeps up:
 * halved after every late frame, grown back by a sixteenth of its ceiling after every frame on
 * time (additive increase, multiplicative decrease, as TCP does with its window). A fixed budget
 * is either too small for a fast machine or too large for a slow one, and only the frame times
 * say which.
 *
 * Frames are timed from the shared frame loop's timestamps while the budget has a user (`busy`)
 * or is still below its ceiling; a frame counts as late when it took more than one and a half
 * times the shortest interval seen (the display's refresh period: 16.7 ms at 60 Hz, 8.3 at 120).
 */
import { frameLoop as sharedLoop, type FrameLoop } from './frame-loop.ts';

/** Late: longer than this many refresh periods. */
const LATE_FACTOR = 1.5;
/** Back from 0 to the ceiling in this many frames on time. */
const RECOVERY_FRAMES = 16;
/** A gap this long means the loop was idle, not that a frame was late. */
const IDLE_GAP_MS = 250;
/** rAF timestamps closer than this are not a refresh period (a catch-up frame). */
const SHORTEST_PERIOD_MS = 4;

export class FrameBudget {
  #max: number;
  #value: number;
  #period = Number.POSITIVE_INFINITY;
  #last: number | undefined;
  #adaptive = true;

  constructor(max: number, private readonly busy: () => boolean, private readonly loop: FrameLoop = sharedLoop) {
    this.#max = max;
    this.#value = max;
  }

  /** The ceiling: the allowance when every frame is on time. */
  get max(): number {
    return this.#max;
  }

  set max(max: number) {
    this.#max = max;
    this.#value = Math.min(this.#value, max);
    this.#watch();
  }

  /** False: the allowance stays at `max` whatever the frame times (tests, or an embedder's choice). */
  get adaptive(): boolean {
    return this.#adaptive;
  }

  set adaptive(adaptive: boolean) {
    this.#adaptive = adaptive;
    this.#value = this.#max;
    this.#last = undefined;
    if (!adaptive) this.loop.remove(this.#measure);
  }

  /** Work allowed now: an integer from 0 to `max`, as of the last frame timed. */
  get value(): number {
    return this.#adaptive ? Math.floor(this.#value) : this.#max;
  }

  /**
   * Work allowed in the frame of timestamp `now`: the first caller in a frame times it, so every
   * user in that frame sees the same allowance, whatever order the frame loop runs them in.
   */
  at(now: number): number {
    if (this.#adaptive && now !== this.#last) this.#time(now);
    return this.value;
  }

  /** Call when the work starts: frames are timed from the next one on. */
  use(): void {
    this.#watch();
  }

  #watch(): void {
    if (this.#adaptive && !this.loop.has(this.#measure)) this.loop.add(this.#measure);
  }

  /** Times frames while someone uses the budget or it is still growing back. */
  readonly #measure = (now: number): boolean => {
    if (now !== this.#last) this.#time(now);
    const again = this.busy() || this.#value < this.#max;
    if (!again) this.#last = undefined;
    return again;
  };

  #time(now: number): void {
    const interval = this.#last === undefined ? undefined : now - this.#last;
    this.#last = now;
    if (interval !== undefined && interval < IDLE_GAP_MS && interval >= SHORTEST_PERIOD_MS) {
      this.#period = Math.min(this.#period, interval);
      if (interval > this.#period * LATE_FACTOR) this.#value = Math.floor(this.#value / 2);
      else this.#value = Math.min(this.#max, this.#value + this.#max / RECOVERY_FRAMES);
    }
  }
}
