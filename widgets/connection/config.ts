/**
 * Page-wide settings for every rtdash element, for pages that prefer a line of script to a
 * <meta> tag: `configure({ gateway: 'https://live.example.com' })`. Call it before the first
 * element connects; later calls affect managers created afterwards.
 */
import type { TransportMode } from './transport.ts';

export interface RtdashConfig {
  /** Gateway base or WebSocket URL: `wss://host/ws`, `https://host` (→ wss://host/ws), `/ws`. */
  gateway?: string;
  /**
   * 'websocket' (default), 'sse', or 'auto' (WebSocket, SSE after repeated failed upgrades) for
   * managers created by getManager() without an explicit `transport` option.
   */
  transport?: TransportMode;
}

let current: Readonly<RtdashConfig> = {};

export function configure(config: RtdashConfig): void {
  current = { ...current, ...config };
}

export function getConfig(): Readonly<RtdashConfig> {
  return current;
}

/** Forgets every setting (tests). */
export function resetConfig(): void {
  current = {};
}
