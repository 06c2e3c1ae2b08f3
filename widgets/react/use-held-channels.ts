/** Keeps a LinkStore's holdings in step with a `channels` option that changes between renders. */
import { useEffect, useRef } from 'react';
import type { LinkStore } from './link-store.ts';

export function useHeldChannels<M>(store: LinkStore<M>, channels: readonly string[] | undefined): void {
  const key = (channels ?? []).join('\n');
  const previous = useRef<readonly string[]>([]);
  useEffect(() => {
    const next = key === '' ? [] : key.split('\n');
    store.release(previous.current.filter((channel) => !next.includes(channel)));
    store.hold(next);
    previous.current = next;
  }, [store, key]);
}
