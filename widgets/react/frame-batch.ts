/**
 * One animation frame for every hook on the page: a store that changed asks to be flushed, and
 * all flushes of a frame run together in one requestAnimationFrame callback, so a burst of
 * 1,000 events costs each consumer at most one render per frame (React batches the updates of
 * one callback into one render pass). Without requestAnimationFrame (a worker, a test DOM) a
 * 16 ms timer stands in.
 */
type Flush = () => void;

const FALLBACK_FRAME_MS = 16;
const queued = new Set<Flush>();
let scheduled = false;

export function flushNextFrame(flush: Flush): void {
  queued.add(flush);
  if (scheduled) return;
  scheduled = true;
  const raf = globalThis.requestAnimationFrame;
  if (typeof raf === 'function') raf(runFrame);
  else setTimeout(runFrame, FALLBACK_FRAME_MS);
}

/** A store that unsubscribed must not be flushed into a component that is gone. */
export function cancelFlush(flush: Flush): void {
  queued.delete(flush);
}

function runFrame(): void {
  scheduled = false;
  const flushes = [...queued];
  queued.clear();
  for (const flush of flushes) {
    try {
      flush();
    } catch (error) {
      console.error(error);
    }
  }
}
