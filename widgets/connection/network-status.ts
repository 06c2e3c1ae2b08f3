/**
 * Whether the browser believes it is online. `navigator.onLine === false` is reliable (no
 * network at all); `true` only means "maybe", so online is a hint to retry, never a promise.
 */
export interface NetworkStatus {
  isOnline(): boolean;
  /** Calls `onChange` on every online/offline switch; returns a function that stops watching. */
  watch(onChange: (online: boolean) => void): () => void;
}

export const browserNetwork: NetworkStatus = {
  isOnline: () => globalThis.navigator?.onLine ?? true,
  watch(onChange) {
    const target = globalThis.window;
    if (!target) return () => {};
    const online = () => onChange(true);
    const offline = () => onChange(false);
    target.addEventListener('online', online);
    target.addEventListener('offline', offline);
    return () => {
      target.removeEventListener('online', online);
      target.removeEventListener('offline', offline);
    };
  },
};
