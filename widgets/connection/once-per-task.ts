/**
 * Elements connect one after another in the same task; work they each ask for (a wire frame,
 * opening a stream) is better done once for all of them, right after the task.
 */

/** Returns a function that, however often it is called within one task, runs `work` once in a microtask. */
export function oncePerTask(work: () => void): () => void {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      work();
    });
  };
}
