/**
 * How long a flash stays on: each change restarts the clock, and `onEnd` runs `ms` after the
 * last one. Every flash on the page shares one timer: a sweep, due when the earliest flash ends,
 * ends every flash that is due and sets itself for the next. A thousand numbers ticking ten times
 * a second would otherwise keep a thousand timers firing (each one a task: about 1,600 a second
 * in the widgets bench, each pushed back and set again). A sweep comes at most every
 * `COALESCE_MS`, so a flash may end up to that much late — nobody sees 30 ms on a 600 ms flash.
 * The channel controller's quiet (staleness) clock is one too, restarted on every event.
 */
const COALESCE_MS = 30;

const active = new Set<FlashTimer>();
let sweepTimer: ReturnType<typeof setTimeout> | undefined;
let sweepAt = Number.POSITIVE_INFINITY;

function scheduleSweep(at: number, now: number): void {
  if (sweepTimer !== undefined && sweepAt <= at) return;
  if (sweepTimer !== undefined) clearTimeout(sweepTimer);
  sweepAt = at;
  sweepTimer = setTimeout(sweep, Math.max(0, at - now));
}

function sweep(): void {
  sweepTimer = undefined;
  sweepAt = Number.POSITIVE_INFINITY;
  const now = performance.now();
  let next = Number.POSITIVE_INFINITY;
  for (const timer of active) {
    if (timer.until - now <= 1) {
      active.delete(timer);
      timer.end();
    } else next = Math.min(next, timer.until);
  }
  if (active.size > 0) scheduleSweep(Math.max(next, now + COALESCE_MS), now);
}

export class FlashTimer {
  /** When the flash ends (performance.now() time); meaningful while it runs. */
  until = 0;

  constructor(readonly ms: number, private readonly onEnd: () => void) {}

  /** (Re)starts the clock: `onEnd` runs `ms` from now (default: the constructor's). */
  restart(ms = this.ms): void {
    const now = performance.now();
    this.until = now + ms;
    active.add(this);
    scheduleSweep(this.until, now);
  }

  /** Ends nothing and calls nothing: the caller clears its own flash. */
  cancel(): void {
    active.delete(this);
  }

  /** Called by the sweep when the flash is due. */
  end(): void {
    try {
      this.onEnd();
    } catch (error) {
      // One broken listener must not keep every other flash on the page lit.
      console.error('rtdash: a flash end failed', error);
    }
  }
}
