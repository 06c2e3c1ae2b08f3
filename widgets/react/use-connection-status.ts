/**
 * useConnectionStatus() — the shared connection's state, for a <ConnectionStatus/> of your
 * own (or use the RtConnectionStatus wrapper). Watching never opens the connection.
 *
 *   const { state, isConnected, latencyMs, retryNow } = useConnectionStatus();
 *   return state.name === 'reconnecting' ? <p>Reconnecting (attempt {state.attempt})…</p> : null;
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { ConnectionManager } from '../connection/connection-manager.ts';
import type { ConnectionState } from '../connection/connection-state.ts';
import { getManager } from '../connection/manager-registry.ts';

export interface ConnectionStatus {
  /** The manager's state with its facts (attempt, retryAt, cause…). */
  state: ConnectionState;
  isConnected: boolean;
  /** The last ping round trip in ms (WebSocket only); undefined until measured. */
  latencyMs: number | undefined;
  /** Skips the wait: reconnects now from reconnecting, circuit-open, offline or closed. */
  retryNow: () => void;
}

const IDLE: ConnectionState = { name: 'idle' };

export function useConnectionStatus(options: { gateway?: string } = {}): ConnectionStatus {
  const store = useMemo(() => new ConnectionStatusStore(options.gateway), [options.gateway]);
  const reading = useSyncExternalStore(store.subscribe, store.getSnapshot, () => SERVER_READING);
  return useMemo(() => ({
    state: reading.state,
    isConnected: reading.state.name === 'open',
    latencyMs: reading.latencyMs,
    retryNow: () => store.manager()?.retryNow(),
  }), [reading, store]);
}

interface StatusReading { state: ConnectionState; latencyMs: number | undefined }

const SERVER_READING: StatusReading = { state: IDLE, latencyMs: undefined };

class ConnectionStatusStore {
  #reading: StatusReading = SERVER_READING;

  constructor(private readonly gateway: string | undefined) {}

  /** Resolved lazily: on the server there is no page URL to resolve against. */
  manager(): ConnectionManager | undefined {
    return typeof document === 'undefined' ? undefined : getManager(this.gateway);
  }

  readonly getSnapshot = (): StatusReading => {
    const manager = this.manager();
    if (manager && (manager.state !== this.#reading.state || manager.latencyMs !== this.#reading.latencyMs)) {
      this.#reading = { state: manager.state, latencyMs: manager.latencyMs };
    }
    return this.#reading;
  };

  readonly subscribe = (notify: () => void): (() => void) => {
    const manager = this.manager();
    if (!manager) return () => {};
    manager.addEventListener('statechange', notify);
    manager.addEventListener('latency', notify);
    return () => {
      manager.removeEventListener('statechange', notify);
      manager.removeEventListener('latency', notify);
    };
  };
}
