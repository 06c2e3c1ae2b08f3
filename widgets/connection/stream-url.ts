/**
 * The SSE stream's URL. Apart from gateway-url.ts so that it travels with the SSE transport in
 * the chunk a page fetches only when it uses SSE.
 */
import { DEFAULT_GATEWAY_PATH } from './gateway-url.ts';

export const STREAM_PATH = '/api/stream';

/**
 * The SSE URL of the gateway behind a WebSocket URL: same host over http(s), `/ws` replaced by
 * `/api/stream` (a prefix before it, as behind a path-routing proxy, is kept), with the channels
 * and, when any is known, the resume positions as `lastEventId=chan@id,chan@id`; other query
 * parameters (a `token`) are kept.
 */
export function toStreamUrl(gateway: string, channels: readonly string[], positions: Readonly<Record<string, string>> = {}): string {
  const url = new URL(gateway);
  if (url.protocol === 'ws:') url.protocol = 'http:';
  else if (url.protocol === 'wss:') url.protocol = 'https:';
  const prefix = url.pathname.endsWith(DEFAULT_GATEWAY_PATH) ? url.pathname.slice(0, -DEFAULT_GATEWAY_PATH.length) : '';
  url.pathname = `${prefix}${STREAM_PATH}`;
  url.hash = '';
  url.searchParams.set('channels', channels.join(','));
  url.searchParams.delete('lastEventId');
  const resume = Object.entries(positions).map(([channel, id]) => `${channel}@${id}`).join(',');
  if (resume) url.searchParams.set('lastEventId', resume);
  return url.href;
}
