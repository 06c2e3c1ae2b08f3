/**
 * What a ConnectionManager can be told, and the default of every setting it leaves out — the
 * limits and timings live here, named, so a page (or a test) can see and change each one.
 */
import { DEFAULT_LIMITS } from '../../protocol/index.ts';
import type { BackoffOptions } from './backoff.ts';
import { DEFAULT_HISTORY_SIZE } from './channel-state.ts';
import type { Clock } from './clock.ts';
import type { NetworkStatus } from './network-status.ts';
import type { TransportFactory, TransportMode } from './transport.ts';

export interface ConnectionManagerOptions {
  /**
   * 'websocket' (default), 'sse', or 'auto': WebSocket, falling back to SSE for good after
   * `sseFallbackAfter` WebSocket attempts in a row that never opened (a proxy that refuses
   * upgrades). A factory makes one custom transport per attempt instead.
   */
  transport?: TransportMode | TransportFactory;
  /** The factories behind the modes (tests, polyfills). */
  transports?: { websocket?: TransportFactory; sse?: TransportFactory };
  /** WebSocket attempts that never opened before 'auto' switches to SSE (3). */
  sseFallbackAfter?: number;
  /** SSE: how long channel changes are gathered before the stream is reopened with them (100 ms). */
  streamReopenDelayMs?: number;
  clock?: Clock;
  network?: NetworkStatus;
  backoff?: BackoffOptions;
  /** Consecutive failures before the circuit opens (5) and how long it stays open (30 s). */
  breaker?: { failureThreshold?: number; cooldownMs?: number };
  /** How long a channel stays subscribed on the wire after its last listener left (1 s). */
  lingerMs?: number;
  /** Give up on a connection attempt that has not opened after this long (10 s). */
  connectTimeoutMs?: number;
  /** Heartbeat interval assumed until the gateway announces its own (25 s). */
  heartbeatIntervalMs?: number;
  /** How often to measure the round-trip time with a ping while open (15 s). */
  pingIntervalMs?: number;
  /** Points kept per channel (500). */
  historySize?: number;
  maxServerFrameBytes?: number;
}

/** The numeric settings, every one filled in. */
export type ConnectionSettings = Required<Pick<ConnectionManagerOptions,
  'sseFallbackAfter' | 'streamReopenDelayMs' | 'lingerMs' | 'connectTimeoutMs' | 'heartbeatIntervalMs'
  | 'pingIntervalMs' | 'historySize' | 'maxServerFrameBytes'>>;

export const DEFAULT_CONNECTION_SETTINGS: Readonly<ConnectionSettings> = {
  sseFallbackAfter: 3,
  streamReopenDelayMs: 100,
  lingerMs: 1_000,
  connectTimeoutMs: 10_000,
  heartbeatIntervalMs: 25_000,
  pingIntervalMs: 15_000,
  historySize: DEFAULT_HISTORY_SIZE,
  maxServerFrameBytes: DEFAULT_LIMITS.maxServerFrameBytes,
};

/** The given settings, the defaults for the rest (an explicit `undefined` means the default). */
export function resolveSettings(options: ConnectionManagerOptions): ConnectionSettings {
  const settings = { ...DEFAULT_CONNECTION_SETTINGS };
  for (const key of Object.keys(settings) as (keyof ConnectionSettings)[]) {
    settings[key] = options[key] ?? settings[key];
  }
  return settings;
}
