/**
 * Time as the connection code sees it. Everything that waits (backoff, breaker cooldown,
 * heartbeat watchdog, linger) goes through one Clock so tests can drive time by hand.
 */
export type TimerHandle = unknown;

export interface Clock {
  /** Milliseconds since the epoch (wall time: retry times are shown to people). */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
};

/** One named timer slot: starting it again replaces the pending one. */
export class Timer {
  #handle: TimerHandle | undefined;

  constructor(private readonly clock: Clock) {}

  get pending(): boolean {
    return this.#handle !== undefined;
  }

  start(ms: number, callback: () => void): void {
    this.stop();
    this.#handle = this.clock.setTimeout(() => {
      this.#handle = undefined;
      callback();
    }, ms);
  }

  stop(): void {
    if (this.#handle === undefined) return;
    this.clock.clearTimeout(this.#handle);
    this.#handle = undefined;
  }
}
