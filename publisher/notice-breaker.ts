/**
 * The circuit breaker in front of the notice bus. Notices are best effort: while Redis is down
 * every attempt fails anyway, so after `failureThreshold` failures in a row we stop trying (and
 * stop logging) for `cooldownMs`, then let one batch through as a probe. The probe's outcome
 * closes the breaker again or starts a new cooldown. Notices not tried are counted as dropped
 * by the caller, never lost silently.
 */

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface NoticeBreakerOptions {
  /** Consecutive failures that open the breaker. Default 5. */
  failureThreshold?: number;
  /** How long the breaker stays open before a probe. Default 5000 ms. */
  cooldownMs?: number;
  onChange?: (state: BreakerState, breaker: NoticeBreaker) => void;
  /** Clock, for tests. */
  now?: () => number;
}

export interface BreakerSnapshot {
  state: BreakerState;
  consecutiveFailures: number;
  /** How many times it opened since start. */
  opens: number;
}

export class NoticeBreaker {
  readonly failureThreshold: number;
  readonly cooldownMs: number;
  private current: BreakerState = 'closed';
  private failures = 0;
  private opens = 0;
  private openedAt = 0;
  private probing = false;
  private readonly onChange: ((state: BreakerState, breaker: NoticeBreaker) => void) | undefined;
  private readonly now: () => number;

  constructor(options: NoticeBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.cooldownMs = options.cooldownMs ?? 5000;
    if (!Number.isInteger(this.failureThreshold) || this.failureThreshold < 1) {
      throw new RangeError(`breaker failureThreshold must be a positive integer, got ${this.failureThreshold}`);
    }
    if (!(this.cooldownMs >= 0)) throw new RangeError(`breaker cooldownMs must be 0 or more, got ${this.cooldownMs}`);
    this.onChange = options.onChange;
    this.now = options.now ?? Date.now;
  }

  /** The state as of now: an open breaker whose cooldown is over reads as half-open. */
  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.cooldownMs) this.moveTo('half-open');
    return this.current;
  }

  /**
   * May a batch be sent now? Always while closed; never while open; in half-open exactly one
   * probe at a time, and the caller must report its outcome with success() or failure().
   */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    // A late success of a batch sent before the breaker opened proves little; only a probe closes it.
    if (this.current === 'half-open' && this.probing) {
      this.probing = false;
      this.moveTo('closed');
    }
  }

  failure(): void {
    if (this.current === 'half-open' && this.probing) {
      this.probing = false;
      this.open();
      return;
    }
    if (this.current !== 'closed') return;
    this.failures++;
    if (this.failures >= this.failureThreshold) this.open();
  }

  snapshot(): BreakerSnapshot {
    return { state: this.state, consecutiveFailures: this.failures, opens: this.opens };
  }

  private open(): void {
    this.openedAt = this.now();
    this.opens++;
    this.moveTo('open');
  }

  private moveTo(state: BreakerState): void {
    if (state === this.current) return;
    this.current = state;
    if (state === 'closed') this.failures = 0;
    this.onChange?.(state, this);
  }
}
