/**
 * Server-Sent Events at `/api/stream?channels=a,b`: the same frames and guarantees as the
 * WebSocket, for clients and proxies that only speak HTTP. Each frame is one `data:` line;
 * frames that move the stream's position carry an `id:` (see sse-positions.ts), so a
 * reconnecting EventSource resumes with Last-Event-ID.
 */
import type { Request, RequestHandler, Response } from 'express';
import { CloseCode, validateChannel, type Problem } from '../protocol/index.ts';
import { watchExpiry, type Authenticator } from './auth/index.ts';
import type { ConnectionRegistry } from './connection-registry.ts';
import { sendError, sendProblem } from './http-routes.ts';
import type { Hub } from './hub.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { GatewaySettings } from './options.ts';
import { originAllowed } from './origin.ts';
import { Session } from './session.ts';
import { decodePositions, encodePositions } from './sse-positions.ts';

/** How long EventSource waits before reconnecting after the stream ends. */
const RETRY_MS = 1000;

export function sseEndpoint(
  hub: Hub, settings: GatewaySettings, metrics: GatewayMetrics, connections: ConnectionRegistry, auth: Authenticator,
): RequestHandler {
  return async (req, res) => {
    const refusal = connections.refusal();
    if (refusal) return sendError(res, refusal.status, 'unavailable', refusal.message);
    const origin = req.headers.origin;
    if (!originAllowed(origin, settings.allowedOrigins)) return sendError(res, 403, 'forbidden', 'Origin not allowed');
    const authResult = await auth.authenticate(req);
    if (!authResult.ok) return sendError(res, authResult.status, authResult.code, authResult.message);
    const channels = channelsOf(req, settings.maxSubscriptionsPerConnection);
    if (!channels.ok) return sendProblem(res, 400, channels.problem);
    const lastEventId = req.headers['last-event-id'] ?? (typeof req.query.lastEventId === 'string' ? req.query.lastEventId : '');
    const positions = decodePositions(String(lastEventId), settings.maxSubscriptionsPerConnection);
    if (!positions.ok) return sendProblem(res, 400, positions.problem);

    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx buffers proxied responses by default, which would hold events back.
      'X-Accel-Buffering': 'no',
      ...(origin ? { 'Access-Control-Allow-Origin': settings.allowedOrigins.length ? origin : '*', Vary: 'Origin' } : {}),
    });
    res.write(`retry: ${RETRY_MS}\n\n`);

    const session: Session = new Session({
      transport: 'sse',
      write: (frame, advances) => {
        const id = advances ? encodePositions(session.positions) : '';
        res.write(`data: ${frame.text}\n${id ? `id: ${id}\n` : ''}\n`);
      },
      bufferedBytes: () => res.writableLength,
      onceDrained: (listener) => res.once('drain', listener),
      close: (code, reason) => endStream(res, code, reason),
    }, hub, settings, metrics, authResult.principal);
    const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
    const stopWatching = watchExpiry(authResult.principal, () => session.close(CloseCode.authExpired, 'credentials expired'));
    void closed.then(() => {
      stopWatching();
      session.dispose();
    });
    connections.add({
      session,
      closed,
      heartbeat: (intervalMs) => session.send({ type: 'heartbeat', ts: Date.now(), interval: intervalMs }),
      terminate: () => res.destroy(),
    });
    session.send({ type: 'heartbeat', ts: Date.now(), interval: settings.heartbeatIntervalMs });
    for (const channel of channels.value) session.subscribe(channel, positions.value.get(channel));
  };
}

function channelsOf(req: Request, max: number): { ok: true; value: string[] } | { ok: false; problem: Problem } {
  const raw = typeof req.query.channels === 'string' ? req.query.channels : '';
  const names = [...new Set(raw.split(',').map((name) => name.trim()).filter(Boolean))];
  if (names.length === 0) {
    return { ok: false, problem: { code: 'bad_frame', field: 'channels', rule: 'required', message: 'name the channels to stream: /api/stream?channels=a,b' } };
  }
  if (names.length > max) {
    return { ok: false, problem: { code: 'too_many_subscriptions', field: 'channels', rule: `max-items:${max}`, message: `a stream may hold at most ${max} channels` } };
  }
  for (const name of names) {
    const channel = validateChannel(name, 'channels');
    if (!channel.ok) return channel;
  }
  return { ok: true, value: names };
}

/** SSE has no close code: say why in a comment line, then end; EventSource reconnects and resumes. */
function endStream(res: Response, code: number, reason: string): void {
  if (res.writableEnded) return;
  res.end(`: closed ${code} ${reason.replace(/[\r\n]/g, ' ')}\n\n`);
}
