/**
 * What <rt-connection-status> says for each connection state: the visible words (with the
 * countdown), the one sentence a screen reader hears (without it: it must not tick), the tone
 * that colours the dot, and whether "Retry now" can help. Pure, so every state is easy to check.
 */
import type { ConnectionState } from '../../connection/connection-state.ts';

/** live: data flows; pending: on the way; down: not connected; idle: nothing asked for. */
export type ConnectionTone = 'live' | 'pending' | 'down' | 'idle';

export interface ConnectionView {
  tone: ConnectionTone;
  /** Shown, and the tooltip in compact mode. */
  label: string;
  /** Announced politely; stable for the whole state. */
  spoken: string;
  /** "12 ms" while live and measured. */
  latency: string | undefined;
  retry: boolean;
}

export interface ViewContext {
  /** Wall time, the clock `retryAt` is on. */
  now: number;
  latencyMs: number | undefined;
  /** False once the manager was closed by the page: nothing can revive it. */
  canRetry: boolean;
  formatTime: (epochMs: number) => string;
}

export function describeConnection(state: ConnectionState, context: ViewContext): ConnectionView {
  const view = (tone: ConnectionTone, label: string, spoken: string, retry = false): ConnectionView =>
    ({ tone, label, spoken: `Connection: ${spoken}`, latency: undefined, retry: retry && context.canRetry });
  switch (state.name) {
    case 'idle':
      return view('idle', 'Idle', 'idle');
    case 'connecting':
      return state.attempt > 0
        ? view('pending', `Connecting (attempt ${state.attempt})`, `connecting, attempt ${state.attempt}`)
        : view('pending', 'Connecting…', 'connecting');
    case 'open': {
      const latency = context.latencyMs === undefined ? undefined : `${Math.round(context.latencyMs)} ms`;
      return { ...view('live', 'Live', 'live'), latency };
    }
    case 'reconnecting': {
      const seconds = Math.ceil(Math.max(0, state.retryAt - context.now) / 1_000);
      const label = seconds > 0
        ? `Reconnecting in ${seconds} s (attempt ${state.attempt})`
        : `Reconnecting (attempt ${state.attempt})`;
      return view('pending', label, `lost, reconnecting, attempt ${state.attempt}`, true);
    }
    case 'offline':
      return view('down', 'Offline', 'offline, waiting for the network', true);
    case 'circuit-open': {
      const at = context.formatTime(state.retryAt);
      return view('down', `Circuit open (retry at ${at})`, `gateway unavailable, next try at ${at}`, true);
    }
    case 'closed':
      return view('down', 'Closed', 'closed', true);
  }
}
