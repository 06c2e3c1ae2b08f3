/**
 * Sends to one socket within one event-loop turn leave together. Profiles of the gateway bench
 * showed per-frame costs to be most of a delivery (docs/PERFORMANCE.md): a write system call
 * per frame per client, and on the client a message per frame. A socket's outbox queues the
 * frames of a turn and is flushed once, on setImmediate, so the delay is one loop turn, well
 * under a millisecond.
 */
export interface TurnQueue {
  /** Sends what was queued this turn. */
  flush(): void;
}

export class SendBatcher {
  private pending: TurnQueue[] = [];

  /** Call when `queue` takes its first frame of a turn. */
  schedule(queue: TurnQueue): void {
    if (this.pending.push(queue) === 1) setImmediate(() => this.release());
  }

  private release(): void {
    const queues = this.pending;
    this.pending = [];
    for (const queue of queues) queue.flush();
  }
}
