/**
 * Notices a link that died without a close event (a sleeping laptop, a proxy that silently
 * drops the connection): when no frame at all arrives for `missedIntervals` heartbeat
 * intervals, `onDead` is called once. Feeding is O(1) per frame — it only records the time;
 * the single timer re-arms itself for the remaining time when it fires early.
 */
import { Timer, type Clock } from './clock.ts';

export class HeartbeatWatchdog {
  #intervalMs: number;
  #lastFrameAt = 0;
  readonly #timer: Timer;

  constructor(
    private readonly clock: Clock,
    intervalMs: number,
    private readonly onDead: () => void,
    readonly missedIntervals = 2,
  ) {
    this.#intervalMs = intervalMs;
    this.#timer = new Timer(clock);
  }

  get intervalMs(): number {
    return this.#intervalMs;
  }

  get timeoutMs(): number {
    return this.#intervalMs * this.missedIntervals;
  }

  get running(): boolean {
    return this.#timer.pending;
  }

  start(): void {
    this.#lastFrameAt = this.clock.now();
    this.#arm(this.timeoutMs);
  }

  /** Any frame proves the link is alive. */
  feed(): void {
    this.#lastFrameAt = this.clock.now();
  }

  /** The gateway announced its heartbeat interval; the deadline follows it from now on. */
  setInterval(intervalMs: number): void {
    if (!(intervalMs > 0) || intervalMs === this.#intervalMs) return;
    this.#intervalMs = intervalMs;
    if (this.running) this.#arm(Math.max(0, this.#lastFrameAt + this.timeoutMs - this.clock.now()));
  }

  stop(): void {
    this.#timer.stop();
  }

  #arm(ms: number): void {
    this.#timer.start(ms, () => {
      const remaining = this.#lastFrameAt + this.timeoutMs - this.clock.now();
      if (remaining > 0) this.#arm(remaining);
      else this.onDead();
    });
  }
}
