/**
 * One requestAnimationFrame for every animation on the page. A thousand tweening numbers each
 * asking for their own frame cost a thousand callbacks and scheduler round trips per frame; one
 * loop walking a set of tasks costs one. The loop stops itself when no task is left.
 */

/** Called once per frame with the frame's timestamp; returns true to be called again next frame. */
export type FrameTask = (now: number) => boolean;

export class FrameLoop {
  readonly #tasks = new Set<FrameTask>();
  #frame: number | undefined;

  constructor(
    private readonly request: (callback: FrameRequestCallback) => number = (cb) => requestAnimationFrame(cb),
    private readonly cancelRequest: (handle: number) => void = (handle) => cancelAnimationFrame(handle),
  ) {}

  /** Runs `task` from the next frame on until it returns false or is removed; adding it twice is one task. */
  add(task: FrameTask): void {
    this.#tasks.add(task);
    this.#frame ??= this.request(this.#run);
  }

  remove(task: FrameTask): void {
    this.#tasks.delete(task);
    if (this.#tasks.size === 0 && this.#frame !== undefined) {
      this.cancelRequest(this.#frame);
      this.#frame = undefined;
    }
  }

  has(task: FrameTask): boolean {
    return this.#tasks.has(task);
  }

  /** Tasks waiting for the next frame. */
  get size(): number {
    return this.#tasks.size;
  }

  readonly #run = (now: number): void => {
    this.#frame = undefined;
    // A Set visits entries added during the walk: a task added by another task waits a frame instead.
    for (const task of [...this.#tasks]) {
      if (!this.#tasks.has(task)) continue;
      let again = false;
      try {
        again = task(now);
      } catch (error) {
        // One broken task must not stop every other animation on the page.
        console.error('rtdash: a frame task failed', error);
      }
      if (!again) this.#tasks.delete(task);
    }
    if (this.#tasks.size > 0) this.#frame ??= this.request(this.#run);
  };
}

/** The loop every element of this bundle shares. */
export const frameLoop = new FrameLoop();
