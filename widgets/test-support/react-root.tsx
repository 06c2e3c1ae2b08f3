/** Mounts React trees in the test page and unmounts whatever a test left behind. */
import { StrictMode, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

const mounted = new Set<{ root: Root; container: HTMLElement }>();

export interface Mounted {
  container: HTMLElement;
  render(node: ReactNode): void;
  unmount(): void;
}

export function mount(node: ReactNode, { strict = false }: { strict?: boolean } = {}): Mounted {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  const entry = { root, container };
  mounted.add(entry);
  const render = (next: ReactNode) => root.render(strict ? <StrictMode>{next}</StrictMode> : next);
  render(node);
  return {
    container,
    render,
    unmount() {
      if (!mounted.delete(entry)) return;
      root.unmount();
      container.remove();
    },
  };
}

export function unmountAll(): void {
  for (const { root, container } of mounted) {
    root.unmount();
    container.remove();
  }
  mounted.clear();
}

/** Resolves after the next animation frame (and the React render its flushes cause). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
