/**
 * Waits until an rtdash element is defined: at once on the dev pages (they bundle widgets/ and
 * define every element), else through dist/rtdash.js's loadElements(), which fetches the
 * element's chunk; the script-tag build defines an element only when its tag first appears.
 */
export function rtdashElement(tag: string): Promise<unknown> {
  if (customElements.get(tag)) return Promise.resolve();
  // The URL of the page's own <script>: the same module instance, not a second copy.
  const url = '/dist/rtdash.js';
  return (import(/* @vite-ignore */ url) as Promise<{ loadElements(...tags: string[]): Promise<unknown> }>).then((m) => m.loadElements(tag));
}
