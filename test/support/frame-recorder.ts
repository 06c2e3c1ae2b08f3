/**
 * What the test clients (WebSocket and SSE) share: every server frame they received, a wait
 * for a condition on them with a timeout that reports what did arrive, and the full event ids
 * per channel.
 */
import type { ServerFrame } from '../../protocol/index.ts';

export class FrameRecorder {
  readonly frames: ServerFrame[] = [];
  private waiters: (() => void)[] = [];

  protected record(frame: ServerFrame): void {
    this.frames.push(frame);
    this.wake();
  }

  /** Waits until `predicate` holds for the frames received so far. */
  async until<T>(predicate: (frames: ServerFrame[]) => T | undefined | false, timeoutMs = 3000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = predicate(this.frames);
      if (result) return result;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; frames so far: ${JSON.stringify(this.frames).slice(0, 2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  /** Every full (non-partial) event id received for `channel`, in arrival order, from events, batches and snapshots. */
  fullIds(channel: string): string[] {
    const ids: string[] = [];
    for (const frame of this.frames) {
      if (frame.type === 'event' && frame.channel === channel && !frame.partial) ids.push(frame.id);
      if (frame.type === 'batch') for (const event of frame.events) if (event.channel === channel && !event.partial) ids.push(event.id);
      if (frame.type === 'snapshot' && frame.channel === channel && frame.event) ids.push(frame.event.id);
    }
    return ids;
  }

  /** Re-checks waiting conditions (after a frame, a close, the end of a stream). */
  protected wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
