/**
 * How long a flash stays on: each change restarts the clock, and `onEnd` runs `ms` after the
 * last one. One timer per flash, pushed back instead of replaced: ten changes a second would
 * otherwise clear and set ten timers a second per element.
 */
export class FlashTimer {
  #until = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly ms: number, private readonly onEnd: () => void) {}

  /** (Re)starts the flash: it ends `ms` from now. */
  restart(): void {
    this.#until = performance.now() + this.ms;
    this.#timer ??= setTimeout(this.#check, this.ms);
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
