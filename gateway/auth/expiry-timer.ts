/**
 * Ends what a token opened when the token ends: a JWT checked only at connect would otherwise
 * keep a socket streaming long after its rights lapsed. The gateway closes a WebSocket with
 * 4002 (authExpired) or ends an SSE stream from `onExpired`; the client reconnects with a
 * fresh token.
 */
import type { Principal } from './principal.ts';

/** Time and timers, injectable so tests need not wait. */
export interface ExpiryClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** setTimeout treats longer delays as 1 ms, so far deadlines are reached in steps. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export const systemClock: ExpiryClock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    // A pending expiry must not keep the process alive on shutdown.
    return setTimeout(callback, ms).unref();
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/**
 * Calls `onExpired` once at `principal.expiresAt`, never synchronously (an already expired
 * principal fires on the next turn, after the caller has its cancel function). Returns a
 * cancel function; without `expiresAt` it does nothing.
 */
export function watchExpiry(
  principal: Principal,
  onExpired: () => void,
  clock: ExpiryClock = systemClock,
): () => void {
  const deadline = principal.expiresAt;
  if (deadline === undefined) return () => {};
  let handle: unknown;
  let done = false;
  const arm = () => {
    const remaining = deadline - clock.now();
    handle = clock.setTimeout(check, Math.min(Math.max(remaining, 0), MAX_TIMER_DELAY_MS));
  };
  // Timers may wake a little early or only part of the way: fire only once the deadline is real.
  const check = () => {
    if (done) return;
    if (clock.now() < deadline) return arm();
    done = true;
    onExpired();
  };
  arm();
  return () => {
    if (done) return;
    done = true;
    clock.clearTimeout(handle);
  };
}
