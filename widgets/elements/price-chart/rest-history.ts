/**
 * Optional deeper history from the gateway's REST endpoint
 * (`GET /api/channels/:channel/history?limit=N` on the gateway's http origin).
 */
import { resolveGatewayUrl } from '../../connection/gateway-url.ts';
import { readNumber } from '../../shared/field-path.ts';

export interface HistoryPoint {
  id: string;
  x: number;
  y: number;
}

/** The gateway's history URL; a `token` on the gateway URL goes along (the gateway guards REST like subscriptions). */
export function historyUrl(gateway: string, channel: string, limit: number): string {
  const socket = new URL(resolveGatewayUrl(gateway || undefined));
  const url = new URL(`${socket.protocol === 'wss:' ? 'https:' : 'http:'}//${socket.host}/api/channels/${encodeURIComponent(channel)}/history`);
  url.searchParams.set('limit', String(limit));
  const token = socket.searchParams.get('token');
  if (token) url.searchParams.set('token', token);
  return url.href;
}

/** Points of `field` from the endpoint; an empty list when it is missing or fails (the stream still fills the chart). */
export async function fetchHistory(gateway: string, channel: string, field: string, limit: number, signal?: AbortSignal): Promise<HistoryPoint[]> {
  try {
    const response = await fetch(historyUrl(gateway, channel, limit), { signal, headers: { accept: 'application/json' } });
    if (!response.ok) return [];
    const body = await response.json() as { events?: { id?: unknown; ts?: unknown; data?: unknown }[] };
    const points: HistoryPoint[] = [];
    for (const event of body.events ?? []) {
      const y = readNumber(event.data, field);
      if (y !== undefined && typeof event.ts === 'number' && typeof event.id === 'string') points.push({ id: event.id, x: event.ts, y });
    }
    return points;
  } catch {
    return [];
  }
}
