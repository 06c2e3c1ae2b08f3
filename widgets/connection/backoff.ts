/**
 * Full-jitter exponential backoff: delay = random(0, min(max, base · 2^attempt)). Spreading
 * every client over the whole window is what keeps a gateway restart from turning into a
 * synchronised reconnect storm (AWS "Exponential Backoff and Jitter"; centrifuge-js does the same).
 *
 * The first retry after losing a connection that was serving gets a wider window of its own,
 * `reconnectSpreadMs`: when a gateway dies, every client it served loses its link in the same
 * instant, and a 0.5 s window would bring them all back to the survivors within half a second.
 * Failed attempts after that keep the exponential windows above.
 */
export interface BackoffOptions {
  /** Cap of the first window, in ms. */
  baseMs?: number;
  /** Largest window, in ms. */
  maxMs?: number;
  /**
   * Window of the first retry after an established connection was lost, in ms (never narrower
   * than the first window, never wider than `maxMs`). 6 s spreads a dead gateway's clients over six seconds (about a sixth of them
   * per second); a blip costs 3 s on average, and `retryNow()` skips the wait.
   */
  reconnectSpreadMs?: number;
  /** Uniform in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
  /**
   * Replaces the jittered window: the delay in ms before the zero-based attempt `attempt`
   * (react-use-websocket's `reconnectInterval` function). Negative or non-finite → 0.
   */
  delay?: (attempt: number) => number;
}

export const DEFAULT_BACKOFF = { baseMs: 500, maxMs: 20_000, reconnectSpreadMs: 6_000 } as const;

/** The upper bound of the jitter window for a zero-based attempt number. */
export function backoffCap(attempt: number, baseMs: number = DEFAULT_BACKOFF.baseMs, maxMs: number = DEFAULT_BACKOFF.maxMs): number {
  // 2 ** attempt overflows to Infinity for huge attempts; Math.min still yields maxMs.
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
}

export function fullJitterDelay(attempt: number, options: BackoffOptions = {}): number {
  return jitterWithin(backoffCap(attempt, options.baseMs, options.maxMs), options.random);
}

/** The window of the first retry after an established connection was lost: within [first window, maxMs]. */
export function reconnectSpreadCap(options: BackoffOptions = {}): number {
  const spread = options.reconnectSpreadMs ?? DEFAULT_BACKOFF.reconnectSpreadMs;
  return Math.min(options.maxMs ?? DEFAULT_BACKOFF.maxMs, Math.max(spread, backoffCap(0, options.baseMs, options.maxMs)));
}

function jitterWithin(cap: number, random: () => number = Math.random): number {
  // Clamp: a misbehaving injected random must not produce a negative or over-cap delay.
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * cap);
}

/** Counts attempts since the last success and hands out the next delay. */
export class Backoff {
  #attempt = 0;
  readonly #options: Required<Omit<BackoffOptions, 'delay'>>;
  readonly #delay: ((attempt: number) => number) | undefined;

  constructor(options: BackoffOptions = {}) {
    this.#options = {
      baseMs: options.baseMs ?? DEFAULT_BACKOFF.baseMs,
      maxMs: options.maxMs ?? DEFAULT_BACKOFF.maxMs,
      reconnectSpreadMs: options.reconnectSpreadMs ?? DEFAULT_BACKOFF.reconnectSpreadMs,
      random: options.random ?? Math.random,
    };
    this.#delay = options.delay;
  }

  /** Attempts made since the last reset (the next delay uses this number). */
  get attempt(): number {
    return this.#attempt;
  }

  next(): number {
    const delay = this.#delay ? finiteDelay(this.#delay(this.#attempt)) : fullJitterDelay(this.#attempt, this.#options);
    this.#attempt++;
    return delay;
  }

  /**
   * The first delay after an established connection was lost: jittered over the spread window,
   * and counted as an attempt, so a retry that fails goes on with the exponential windows.
   * A delay function, when given, decides this delay too.
   */
  afterLoss(): number {
    if (this.#delay) return this.next();
    const delay = jitterWithin(reconnectSpreadCap(this.#options), this.#options.random);
    this.#attempt++;
    return delay;
  }

  reset(): void {
    this.#attempt = 0;
  }
}

function finiteDelay(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}
