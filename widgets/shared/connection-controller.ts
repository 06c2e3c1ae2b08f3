/**
 * Binds an element to the shared connection manager of its `gateway` (without asking for any
 * channel, so watching the connection never opens it): follows its state and latency, asks the
 * host to render on every change, and lets go when the element leaves the document.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConnectionManager } from '../connection/connection-manager.ts';
import type { ConnectionState } from '../connection/connection-state.ts';
import { getManager } from '../connection/manager-registry.ts';
import { dispatchStateChange } from './element-events.ts';

export class ConnectionController implements ReactiveController {
  #manager: ConnectionManager | undefined;
  #gateway: string | undefined;
  #stop: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly gateway: () => string | null | undefined,
    private readonly onChange?: (state: ConnectionState) => void,
  ) {
    host.addController(this);
  }

  /** The manager followed while the element is in the document. */
  get manager(): ConnectionManager | undefined {
    return this.#manager;
  }

  get state(): ConnectionState {
    return this.#manager?.state ?? { name: 'idle' };
  }

  /** The last measured round trip in ms, undefined until one was measured. */
  get latencyMs(): number | undefined {
    return this.#manager?.latencyMs;
  }

  hostConnected(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.#release();
  }

  /** Call when `gateway` may have changed (from willUpdate). */
  sync(): void {
    if (!this.host.isConnected) return;
    const gateway = this.gateway() ?? '';
    // A closed manager is replaced in the registry: follow the replacement.
    if (this.#manager && gateway === this.#gateway && !this.#manager.disposed) return;
    this.#release();
    this.#gateway = gateway;
    let manager: ConnectionManager;
    try {
      manager = getManager(gateway);
    } catch (error) {
      console.warn(`rtdash: <${this.host.localName}> cannot use gateway "${gateway}": ${(error as Error).message}`);
      return;
    }
    const onState = () => this.#changed();
    const onLatency = () => this.host.requestUpdate();
    manager.addEventListener('statechange', onState);
    manager.addEventListener('latency', onLatency);
    this.#manager = manager;
    this.#stop = () => {
      manager.removeEventListener('statechange', onState);
      manager.removeEventListener('latency', onLatency);
    };
    this.#changed();
  }

  #changed(): void {
    this.onChange?.(this.state);
    dispatchStateChange(this.host, this.state);
    this.host.requestUpdate();
  }

  #release(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.#manager = undefined;
    this.#gateway = undefined;
  }
}
