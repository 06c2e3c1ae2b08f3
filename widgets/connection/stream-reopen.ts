/**
 * A one-way stream (SSE) names its channels in its URL, so a changed channel set needs a new
 * stream. Changes are gathered for `delayMs` (elements come and go in bursts) and the stream is
 * reopened only when the set it carries really differs — the order channels were asked in does
 * not count. *Whether* the connection may reopen at all is the manager's call in `onDue`.
 */
import { Timer, type Clock } from './clock.ts';
import type { StreamRequest } from './transport.ts';

export class StreamReopen {
  /** The channel set of the stream being connected or open; undefined without one. */
  #carried: string | undefined;
  readonly #timer: Timer;

  constructor(clock: Clock, private readonly delayMs: number, private readonly onDue: () => void) {
    this.#timer = new Timer(clock);
  }

  /** A new transport connects: a stream with `request`, or (undefined) a two-way link. */
  carrying(request: StreamRequest | undefined): void {
    this.#carried = request && streamKey(request);
  }

  /** The wanted channels may have changed: `onDue` runs once the burst is over. */
  schedule(): void {
    if (this.#timer.pending) return;
    this.#timer.start(this.delayMs, this.onDue);
  }

  /** True when `wanted` is not the set the current stream carries. */
  differs(wanted: StreamRequest): boolean {
    return streamKey(wanted) !== this.#carried;
  }

  /** The link is gone: nothing is carried, nothing is due. */
  stop(): void {
    this.#timer.stop();
    this.#carried = undefined;
  }
}

function streamKey(request: StreamRequest): string {
  return [...request.channels].sort().join(',');
}
