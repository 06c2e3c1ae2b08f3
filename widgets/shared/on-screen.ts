/**
 * Whether an element is on screen, sampled rather than tracked: nobody sees a tween scrolled out
 * of view or under `display: none`, so it is skipped, but knowing that a moment late costs
 * nothing worse than one tween too many or too few.
 *
 * An IntersectionObserver that keeps a thousand targets recomputes all of them on every frame
 * whose layout changed — on a page of ticking numbers, every frame (a DevTools trace put it at
 * 7–10% of the main thread). So each element is observed only until the observer's first report,
 * then unobserved, and observed again on a rolling schedule: every watched element once per
 * `ON_SCREEN_RESAMPLE_MS`, a slice of them at a time, and all of them soon after a scroll or a
 * resize (the usual ways something comes into view). The observer reports asynchronously and
 * never forces a layout, unlike measuring each element.
 */
type Listener = (onScreen: boolean) => void;

/** Every watched element is sampled again at least this often (ms). */
export const ON_SCREEN_RESAMPLE_MS = 1_000;
/** The rolling resample runs in this many slices per period, to spread the observer's work. */
const SLICES = 10;
/** After a scroll or resize, everything is sampled again, at most this often (ms). */
const AFTER_SCROLL_MS = 100;

const watched = new Map<Element, Listener>();
/** Elements observed now, waiting for their report. */
const sampling = new Set<Element>();
let observer: IntersectionObserver | undefined;
let rolling: ReturnType<typeof setInterval> | undefined;
let queue: Element[] = [];
let perSlice = 0;
let cycleStartedAt = Number.NEGATIVE_INFINITY;
let scrollTimer: ReturnType<typeof setTimeout> | undefined;

function shared(): IntersectionObserver | undefined {
  if (observer || typeof IntersectionObserver === 'undefined') return observer;
  observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!sampling.delete(entry.target)) continue;
      observer!.unobserve(entry.target);
      watched.get(entry.target)?.(entry.isIntersecting);
    }
  });
  return observer;
}

function sample(element: Element): void {
  if (sampling.has(element) || !watched.has(element)) return;
  sampling.add(element);
  observer!.observe(element);
}

/** One slice of the rolling resample: each element comes round once per period. */
function resampleSlice(): void {
  if (queue.length === 0) {
    const now = performance.now();
    if (now - cycleStartedAt < ON_SCREEN_RESAMPLE_MS - 1) return;
    cycleStartedAt = now;
    queue = [...watched.keys()];
    perSlice = Math.ceil(queue.length / SLICES);
  }
  for (const element of queue.splice(0, perSlice)) sample(element);
}

function resampleAllSoon(): void {
  scrollTimer ??= setTimeout(() => {
    scrollTimer = undefined;
    for (const element of watched.keys()) sample(element);
  }, AFTER_SCROLL_MS);
}

function start(): void {
  // The first look is the watch itself: the rolling looks begin a period later.
  cycleStartedAt = performance.now();
  rolling = setInterval(resampleSlice, ON_SCREEN_RESAMPLE_MS / SLICES);
  // Capture: a scroll of any scroller on the page, not only the document's, can reveal an element.
  addEventListener('scroll', resampleAllSoon, { capture: true, passive: true });
  addEventListener('resize', resampleAllSoon, { passive: true });
}

function stop(): void {
  clearInterval(rolling);
  rolling = undefined;
  clearTimeout(scrollTimer);
  scrollTimer = undefined;
  queue = [];
  cycleStartedAt = Number.NEGATIVE_INFINITY;
  removeEventListener('scroll', resampleAllSoon, { capture: true });
  removeEventListener('resize', resampleAllSoon);
}

/**
 * Tells `listener` whether `element` is on screen: soon after this call, then again whenever a
 * sample finds it (the listener may hear the same answer twice). Returns the stop function.
 */
export function watchOnScreen(element: Element, listener: Listener): () => void {
  if (!shared()) return () => {};
  if (watched.size === 0) start();
  watched.set(element, listener);
  sample(element);
  return () => {
    if (!watched.delete(element)) return;
    if (sampling.delete(element)) observer!.unobserve(element);
    if (watched.size === 0) stop();
  };
}
