/** What the connection does in a story, shared by every element's stories. */
import type { GatewayScript } from './scripted-gateway.ts';

/** The first attempt never opens (nor times out): "Connecting…" for as long as one looks. */
export const CONNECTING: GatewayScript = { link: 'hang', manager: { connectTimeoutMs: 3_600_000 } };

/** Live, then the link breaks at `ms` and every retry is refused: reconnecting, data stale. */
export const dropAt = (ms: number): GatewayScript => ({ timeline: [[ms, (gateway) => gateway.drop('refuse')]] });

/** Live, then the browser goes offline at `ms`. */
export const offlineAt = (ms: number): GatewayScript => ({ timeline: [[ms, (gateway) => gateway.network.set(false)]] });
