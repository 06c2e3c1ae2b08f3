/**
 * Whether an element is on screen, from one IntersectionObserver shared by every element that
 * asks: nobody sees a tween scrolled out of view or under `display: none`, so it is skipped.
 * The observer reports asynchronously and never forces a layout, unlike measuring each element.
 */
type Listener = (onScreen: boolean) => void;

const listeners = new WeakMap<Element, Listener>();
let observer: IntersectionObserver | undefined;

function shared(): IntersectionObserver | undefined {
  if (observer || typeof IntersectionObserver === 'undefined') return observer;
  observer = new IntersectionObserver((entries) => {
    for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
  });
  return observer;
}

/** Tells `listener` each time `element` enters or leaves the viewport; returns the stop function. */
export function watchOnScreen(element: Element, listener: Listener): () => void {
  const io = shared();
  if (!io) return () => {};
  listeners.set(element, listener);
  io.observe(element);
  return () => {
    io.unobserve(element);
    listeners.delete(element);
  };
}
