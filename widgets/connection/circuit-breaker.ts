/**
 * Stops hammering a gateway that keeps failing: after `failureThreshold` consecutive failures
 * the circuit opens and no attempt is made until `cooldownMs` has passed; then one probe is let
 * through (half-open). A success closes the circuit, a failed probe opens it again at once.
 */
import { systemClock, type Clock } from './clock.ts';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  failureThreshold?: number;
  cooldownMs?: number;
  clock?: Pick<Clock, 'now'>;
}

export const DEFAULT_BREAKER = { failureThreshold: 5, cooldownMs: 30_000 } as const;

export class CircuitBreaker {
  readonly failureThreshold: number;
  readonly cooldownMs: number;
  readonly #clock: Pick<Clock, 'now'>;
  #failures = 0;
  #openedAt: number | undefined;
  #probing = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? DEFAULT_BREAKER.failureThreshold;
    this.cooldownMs = options.cooldownMs ?? DEFAULT_BREAKER.cooldownMs;
    this.#clock = options.clock ?? systemClock;
  }

  get state(): BreakerState {
    if (this.#openedAt === undefined) return 'closed';
    return this.#probing || this.#clock.now() >= this.#openedAt + this.cooldownMs ? 'half-open' : 'open';
  }

  get consecutiveFailures(): number {
    return this.#failures;
  }

  /** When the next probe is allowed (ms since the epoch), or undefined while closed. */
  get retryAt(): number | undefined {
    return this.#openedAt === undefined ? undefined : this.#openedAt + this.cooldownMs;
  }

  /** Whether an attempt may start now. In half-open state this admits the probe. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open') return false;
    this.#probing = true;
    return true;
  }

  recordSuccess(): void {
    this.#failures = 0;
    this.#openedAt = undefined;
    this.#probing = false;
  }

  recordFailure(): void {
    this.#failures++;
    if (this.#probing || this.#failures >= this.failureThreshold) {
      this.#openedAt = this.#clock.now();
      this.#probing = false;
    }
  }

  reset(): void {
    this.recordSuccess();
  }
}
