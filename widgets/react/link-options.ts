/**
 * The connection options of useWebSocket() and useSSE(), named as in react-use-websocket where
 * they fit, and how they map onto a ConnectionManager. A shared manager is configured by
 * whoever creates it first (later options do not change a running connection); the attempt
 * limits apply per hook: a hook that gives up lets go of its channels.
 */
import type { ConnectionManagerOptions } from '../connection/connection-manager.ts';
import type { DisconnectInfo } from '../connection/connection-state.ts';

export interface LinkOptions {
  /** Gateway URL (ws(s): or http(s):); default: `<meta name="rtdash-gateway">`, configure(), same-origin /ws. */
  url?: string;
  /** Channels this hook holds; the connection opens while anyone on the page holds a channel. */
  channels?: readonly string[];
  /**
   * true (default): the page's one manager for `url`, shared with elements and other hooks.
   * false: a connection of this hook's own, closed after it unmounts.
   */
  share?: boolean;
  /** false: give up at the first loss (same as reconnectAttempts: 0). */
  reconnect?: boolean;
  /** Reconnect attempts after a loss before this hook gives up (unlimited). */
  reconnectAttempts?: number;
  /** The same as reconnectAttempts (the name of the rtdash issue); reconnectAttempts wins. */
  maxRetries?: number;
  /**
   * Delay before a reconnect attempt: fixed ms, or a function of the zero-based attempt.
   * Unset: full-jitter exponential backoff 0.5 → 20 s, which keeps a restart from becoming a storm.
   */
  reconnectInterval?: number | ((attempt: number) => number);
  /** Asked at each loss; false makes this hook give up. */
  shouldReconnect?: (cause: DisconnectInfo) => boolean;
  /**
   * interval: ms between pings (15 s); timeout: silence after which the link counts as dead
   * (50 s) until the gateway announces its own heartbeat interval, which then rules (two intervals).
   */
  heartbeat?: { interval?: number; timeout?: number };
  onOpen?: () => void;
  onClose?: (cause: DisconnectInfo) => void;
  /** This hook gave up after `attempts` reconnect attempts. */
  onReconnectStop?: (attempts: number) => void;
}

/** What a manager this hook creates is built with. */
export function managerOptions(options: LinkOptions): ConnectionManagerOptions {
  const interval = options.reconnectInterval;
  const heartbeat = options.heartbeat;
  return {
    ...(interval === undefined ? {} : { backoff: { delay: typeof interval === 'function' ? interval : () => interval } }),
    ...(heartbeat?.interval === undefined ? {} : { pingIntervalMs: heartbeat.interval }),
    // The manager's watchdog fires after two heartbeat intervals of silence.
    ...(heartbeat?.timeout === undefined ? {} : { heartbeatIntervalMs: heartbeat.timeout / 2 }),
  };
}

/** How many reconnect attempts this hook allows (Infinity: no limit). */
export function attemptLimit(options: LinkOptions): number {
  if (options.reconnect === false) return 0;
  return options.reconnectAttempts ?? options.maxRetries ?? Number.POSITIVE_INFINITY;
}

/** Bad settings fail loudly, at the call that made them. */
export function checkLinkOptions(options: LinkOptions): void {
  const limit = attemptLimit(options);
  if (!(limit >= 0)) throw new RangeError(`reconnectAttempts must be 0 or more, got ${limit}`);
  const interval = options.reconnectInterval;
  if (typeof interval === 'number' && !(interval >= 0)) throw new RangeError(`reconnectInterval must be 0 ms or more, got ${interval}`);
  for (const [name, ms] of Object.entries(options.heartbeat ?? {})) {
    if (!(typeof ms === 'number' && ms > 0)) throw new RangeError(`heartbeat.${name} must be a positive number of ms, got ${String(ms)}`);
  }
}
