/**
 * Rate-limits what a live region says: a number that ticks ten times a second must not make a
 * screen reader talk ten times a second. The first text goes out at once, later ones at most
 * every `intervalMs`, and the latest text always goes out in the end (trailing edge).
 *
 * The text may be given as a function, called only when the text goes out: a number ticking ten
 * times a second is announced once in twenty changes, so formatting every change is waste.
 */
export type AnnouncedText = string | (() => string);

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
    if (wait <= 0 && this.#timer === undefined) {
      this.#emit(text);
      return;
    }
    this.#pending = text;
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      const latest = this.#pending;
      this.#pending = undefined;
      if (latest !== undefined) this.#emit(latest);
    }, Math.max(0, wait));
  }

  cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = undefined;
  }

  #emit(text: AnnouncedText): void {
    this.#lastAt = this.now();
    this.say(typeof text === 'function' ? text() : text);
  }
}
