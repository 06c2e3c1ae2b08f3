/**
 * The connection's one state machine. Every state is named, every legal move is listed in
 * TRANSITIONS, and every change is announced as a `statechange` event — the manager decides
 * *when* to move, this file decides *whether* the move is legal (as centrifuge-js does).
 */

/** Why a live or half-made connection ended. */
export interface DisconnectInfo {
  /** WebSocket close code, when the transport reported one. */
  code?: number;
  reason: string;
}

/** Each state with the facts that belong to it. */
export type ConnectionState =
  /** Nothing requested yet (or every channel was given back): no socket. */
  | { name: 'idle' }
  /** A transport is being opened. `attempt` is 0 for the first try after a success. */
  | { name: 'connecting'; attempt: number }
  | { name: 'open'; transport: string }
  /** Waiting `delayMs` (until `retryAt`, ms since epoch) before attempt number `attempt`. */
  | { name: 'reconnecting'; attempt: number; delayMs: number; retryAt: number; cause: DisconnectInfo }
  /** The browser says it is offline; the next try starts when it comes back. */
  | { name: 'offline' }
  /** Too many consecutive failures: no attempt before `retryAt`, then one probe. */
  | { name: 'circuit-open'; retryAt: number; failures: number; cause: DisconnectInfo }
  /** Closed by the page, or by the gateway with a code after which retrying cannot help. */
  | { name: 'closed'; final: boolean; cause: DisconnectInfo };

export type ConnectionStateName = ConnectionState['name'];
export type StateOf<N extends ConnectionStateName> = Extract<ConnectionState, { name: N }>;

export const CONNECTION_STATES: readonly ConnectionStateName[] = [
  'idle', 'connecting', 'open', 'reconnecting', 'offline', 'circuit-open', 'closed',
];

/** The only legal moves. Anything else is a bug in the caller and throws. */
export const TRANSITIONS: Readonly<Record<ConnectionStateName, readonly ConnectionStateName[]>> = {
  // circuit-open: a channel was requested while the breaker still holds the gateway off.
  idle: ['connecting', 'offline', 'circuit-open', 'closed'],
  connecting: ['open', 'reconnecting', 'circuit-open', 'offline', 'closed', 'idle'],
  open: ['reconnecting', 'circuit-open', 'offline', 'closed', 'idle'],
  reconnecting: ['connecting', 'circuit-open', 'offline', 'closed', 'idle'],
  offline: ['connecting', 'closed', 'idle'],
  // The half-open probe leaves through 'connecting'.
  'circuit-open': ['connecting', 'offline', 'closed', 'idle'],
  // Only an explicit retryNow() revives a connection the gateway closed for good.
  closed: ['connecting'],
};

export interface StateChange {
  from: ConnectionStateName;
  to: ConnectionStateName;
  /** The new state with its facts (attempt, retryAt, cause…). */
  detail: ConnectionState;
  previous: ConnectionState;
}

export type StateChangeEvent = CustomEvent<StateChange>;

export class IllegalTransitionError extends Error {
  constructor(readonly from: ConnectionStateName, readonly to: ConnectionStateName) {
    super(`illegal connection state transition: ${from} → ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

export function canTransition(from: ConnectionStateName, to: ConnectionStateName): boolean {
  return TRANSITIONS[from].includes(to);
}

export class ConnectionStateMachine extends EventTarget {
  #state: ConnectionState = { name: 'idle' };

  get state(): ConnectionState {
    return this.#state;
  }

  get name(): ConnectionStateName {
    return this.#state.name;
  }

  can(to: ConnectionStateName): boolean {
    return canTransition(this.#state.name, to);
  }

  /** Moves to `next` and dispatches `statechange`; throws IllegalTransitionError otherwise. */
  transition(next: ConnectionState): void {
    const previous = this.#state;
    if (!canTransition(previous.name, next.name)) throw new IllegalTransitionError(previous.name, next.name);
    this.#state = next;
    const change: StateChange = { from: previous.name, to: next.name, detail: next, previous };
    this.dispatchEvent(new CustomEvent<StateChange>('statechange', { detail: change }));
  }
}
