/**
 * Rate-limits what a live region says: a number that ticks ten times a second must not make a
 * screen reader talk ten times a second. The first text goes out at once, later ones at most
 * every `intervalMs`, and the latest text always goes out in the end (trailing edge).
 *
 * The text may be given as a function, called only when the text goes out: a number ticking ten
 * times a second is announced once in twenty changes, so formatting every change is waste.
 *
 * While texts keep coming, the first one after the interval goes out itself, at once; the timer
 * is only the trailing edge's fallback for when they stop, set a little later than the interval
 * and cleared unfired when a text beats it. A timer that fired every interval would be a task of
 * its own each time: some 500 tasks a second on a page of a thousand ticking numbers.
 */
export type AnnouncedText = string | (() => string);

/** How long after the interval the fallback waits for a next text to go out by itself. */
function graceMs(intervalMs: number): number {
  return Math.min(250, intervalMs / 4);
}

export class ThrottledAnnouncer {
  #lastAt = Number.NEGATIVE_INFINITY;
  #pending: AnnouncedText | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly say: (text: string) => void,
    readonly intervalMs = 2_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  announce(text: AnnouncedText): void {
    const wait = this.#lastAt + this.intervalMs - this.now();
    if (wait <= 0) {
      // Due: this text is the latest, so it goes out now and the fallback has nothing left to say.
      this.cancel();
      this.#emit(text);
      return;
    }
    this.#pending = text;
    this.#timer ??= setTimeout(this.#flush, wait + graceMs(this.intervalMs));
  }

  cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = undefined;
  }

  readonly #flush = (): void => {
    this.#timer = undefined;
    const latest = this.#pending;
    this.#pending = undefined;
    if (latest !== undefined) this.#emit(latest);
  };

  #emit(text: AnnouncedText): void {
    this.#lastAt = this.now();
    this.say(typeof text === 'function' ? text() : text);
  }
}
