/**
 * Defines each element the first time its tag appears in the document: the script-tag build
 * carries only this and a loader per tag, and fetches an element's code (a chunk next to
 * rtdash.js) when a page first uses it. A page of numbers never downloads the chart.
 *
 * Tags are found in the document and in everything added to it later (one MutationObserver,
 * dropped once every tag is loaded). A tag inside another component's shadow root is not seen:
 * call `load(tag)` for it, as for code that awaits `customElements.whenDefined()` first.
 */
export type ElementLoaders = Readonly<Record<string, () => Promise<unknown>>>;

export interface LazyElements {
  /** Loads and defines these tags (every tag when none is named); resolves with their classes. */
  load(...tags: string[]): Promise<CustomElementConstructor[]>;
  /** Stops watching the document (tests). */
  stop(): void;
}

export function defineOnFirstUse(loaders: ElementLoaders, root: Document = document): LazyElements {
  const loading = new Map<string, Promise<CustomElementConstructor>>();
  const waiting = new Set(Object.keys(loaders).filter((tag) => !customElements.get(tag)));
  let selector = [...waiting].join(',');

  const loadOne = (tag: string): Promise<CustomElementConstructor> => {
    const loader = loaders[tag];
    if (!loader) return Promise.reject(new Error(`rtdash: no element <${tag}>; known: ${Object.keys(loaders).join(', ')}`));
    let pending = loading.get(tag);
    if (!pending) {
      waiting.delete(tag);
      selector = [...waiting].join(',');
      if (waiting.size === 0) observer?.disconnect();
      // A second copy of the script may have defined the tag already: then nothing is fetched.
      pending = (customElements.get(tag) ? Promise.resolve() : loader())
        .then(() => customElements.whenDefined(tag))
        .catch((error: unknown) => {
          // Forgotten, so the next appearance of the tag tries again (a network blip, say).
          loading.delete(tag);
          waiting.add(tag);
          selector = [...waiting].join(',');
          observer?.observe(root, { childList: true, subtree: true });
          console.error(`rtdash: could not load <${tag}>: ${(error as Error).message}`);
          throw error;
        });
      loading.set(tag, pending);
    }
    return pending;
  };

  const scan = (node: Node): void => {
    if (!selector || !(node instanceof Element)) return;
    if (waiting.has(node.localName)) void loadOne(node.localName).catch(() => {});
    if (node.firstElementChild) for (const found of node.querySelectorAll(selector)) void loadOne(found.localName).catch(() => {});
  };

  const observer = waiting.size === 0 || typeof MutationObserver === 'undefined' ? undefined : new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) scan(node);
  });
  if (observer) {
    observer.observe(root, { childList: true, subtree: true });
    scan(root.documentElement);
  }

  return {
    load: (...tags) => Promise.all((tags.length ? tags : Object.keys(loaders)).map(loadOne)),
    stop: () => observer?.disconnect(),
  };
}
