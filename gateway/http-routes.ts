/**
 * REST for first paint and charts, and the health probes. Errors are JSON bodies with the same
 * codes as error frames. A channel's snapshot and history are guarded like a subscription:
 * with auth on, only public channels without a token, only granted ones with one.
 */
import { Router, type Request, type Response } from 'express';
import {
  parseId, toWireEvent, validateChannel,
  type ErrorCode, type EventLog, type Problem,
} from '../protocol/index.ts';
import type { Authenticator } from './auth/index.ts';
import type { ConnectionRegistry } from './connection-registry.ts';
import { allowCrossOrigin } from './cors.ts';
import type { Hub } from './hub.ts';
import type { GatewaySettings } from './options.ts';

export interface HealthSource {
  /** Named dependencies and whether each is up; a down one makes the gateway degraded, not dead. */
  dependencies(): Record<string, 'up' | 'down'> | Promise<Record<string, 'up' | 'down'>>;
}

export function httpRoutes(
  hub: Hub, log: EventLog, settings: GatewaySettings, health: HealthSource, auth: Authenticator, connections: ConnectionRegistry,
): Router {
  const router = Router();
  router.use('/api/channels', allowCrossOrigin(settings.allowedOrigins));

  /** The channel named in the path, once the request may read it; otherwise the error is sent. */
  const readableChannel = async (req: Request, res: Response): Promise<string | undefined> => {
    const channel = validateChannel(req.params.channel);
    if (!channel.ok) return void sendProblem(res, 400, channel.problem);
    const result = await auth.authenticate(req);
    if (!result.ok) return void sendError(res, result.status, result.code, result.message);
    if (!result.principal.canSubscribe(channel.value)) {
      return result.principal.anonymous
        ? void sendError(res, 401, 'unauthorized', `${channel.value} is not public: send a token that grants it`)
        : void sendError(res, 403, 'forbidden', `your token does not grant ${channel.value}`);
    }
    return channel.value;
  };

  router.get('/api/channels/:channel/snapshot', async (req, res) => {
    const channel = await readableChannel(req, res);
    if (channel === undefined) return;
    const event = await hub.snapshot(channel);
    res.json({ channel, event: event ? toWireEvent(event) : null });
  });

  router.get('/api/channels/:channel/history', async (req, res) => {
    const channel = await readableChannel(req, res);
    if (channel === undefined) return;
    const after = typeof req.query.after === 'string' && req.query.after !== '' ? req.query.after : undefined;
    if (after !== undefined) {
      const id = parseId(after, 'after');
      if (!id.ok) return sendProblem(res, 400, id.problem);
    }
    const limit = req.query.limit === undefined ? 100 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > settings.maxHistoryLimit) {
      return sendError(res, 400, 'bad_frame', `limit must be an integer from 1 to ${settings.maxHistoryLimit}`, 'limit');
    }
    const result = await log.read(channel, after, limit);
    res.json({ channel, events: result.events.map(toWireEvent), more: result.more, ...(result.reset ? { reset: result.reset } : {}) });
  });

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Degraded (Redis or Kafka down) still serves, so it stays 200. Shutting down or at the
  // connection cap it cannot take new clients: 503, so a load balancer sends them elsewhere.
  router.get('/readyz', async (_req, res) => {
    const dependencies = await health.dependencies();
    const channels = hub.channelCount();
    const refusal = connections.refusal();
    if (refusal) return void res.status(503).json({ status: 'unavailable', reason: refusal.message, dependencies, channels });
    const degraded = Object.values(dependencies).some((state) => state === 'down');
    res.json({ status: degraded ? 'degraded' : 'ready', dependencies, channels });
  });

  return router;
}

export function sendProblem(res: Response, status: number, problem: Problem): void {
  sendError(res, status, problem.code, problem.message, problem.field, problem.rule);
}

export function sendError(res: Response, status: number, code: ErrorCode, message: string, field?: string, rule?: string): void {
  res.status(status).json({ error: { code, message, ...(field ? { field } : {}), ...(rule ? { rule } : {}) } });
}
