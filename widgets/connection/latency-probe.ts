/**
 * Round-trip time of a two-way link: a ping every `intervalMs` while it is open, measured when
 * its pong comes back. The gateway echoes the ping's `ts`, so no ping needs to be remembered.
 */
import type { ClientFrame, PongFrame } from '../../protocol/index.ts';
import { Timer, type Clock } from './clock.ts';

export class LatencyProbe {
  #latencyMs: number | undefined;
  readonly #timer: Timer;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly send: (frame: ClientFrame) => void,
  ) {
    this.#timer = new Timer(clock);
  }

  /** The last measured round trip, in ms; kept across links. */
  get latencyMs(): number | undefined {
    return this.#latencyMs;
  }

  /** Pings now and every interval until stop(). */
  start(): void {
    this.send({ type: 'ping', ts: this.clock.now() });
    this.#timer.start(this.intervalMs, () => this.start());
  }

  stop(): void {
    this.#timer.stop();
  }

  /** Returns the new round trip, or undefined for a pong that carries no `ts`. */
  pong(frame: PongFrame): number | undefined {
    if (frame.ts === undefined) return undefined;
    this.#latencyMs = Math.max(0, this.clock.now() - frame.ts);
    return this.#latencyMs;
  }
}
