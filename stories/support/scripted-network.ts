/** The browser's online/offline signal, switched by a story instead of the network. */
import type { NetworkStatus } from '../../widgets/index.ts';

export class ScriptedNetwork implements NetworkStatus {
  #online = true;
  readonly #listeners = new Set<(online: boolean) => void>();

  isOnline(): boolean {
    return this.#online;
  }

  watch(onChange: (online: boolean) => void): () => void {
    this.#listeners.add(onChange);
    return () => this.#listeners.delete(onChange);
  }

  set(online: boolean): void {
    if (online === this.#online) return;
    this.#online = online;
    for (const listener of this.#listeners) listener(online);
  }
}
