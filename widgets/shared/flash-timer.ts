/**
 * How long a flash stays on: each change restarts the clock, and `onEnd` runs `ms` after the
 * last one. One timer per flash, pushed back instead of replaced: ten changes a second would
 * otherwise clear and set ten timers a second per element. The channel controller's quiet
 * (staleness) clock is one too, restarted on every event.
 */
export class FlashTimer {
  #until = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly ms: number, private readonly onEnd: () => void) {}

  /** (Re)starts the clock: `onEnd` runs `ms` from now (default: the constructor's). */
  restart(ms = this.ms): void {
    const until = performance.now() + ms;
    // A pending timer only ever fires early and is pushed back; a nearer end needs a new one.
    if (until < this.#until) this.cancel();
    this.#until = until;
    this.#timer ??= setTimeout(this.#check, ms);
  }

  /** Ends nothing and calls nothing: the caller clears its own flash. */
  cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  readonly #check = (): void => {
    const left = this.#until - performance.now();
    if (left > 1) {
      this.#timer = setTimeout(this.#check, left);
      return;
    }
    this.#timer = undefined;
    this.onEnd();
  };
}
