/**
 * POST /api/publish: the publisher over HTTP, for services not written in Node.
 *
 * Body rule: one event `{channel, data, ts?, hint?}`, or a batch `{events: [event, …]}` — an
 * object with an `events` key is a batch, any other object is one event. A bare array is
 * refused, so a batch can later carry options next to `events` without a second shape.
 * Answer: 200 `{id}` for one event, 200 `{ids}` (in request order) for a batch, sent once the
 * log holds them durably. Every event is checked before anything is written: a batch with one
 * bad event publishes nothing.
 *
 * Token rule: `Authorization: Bearer <token>`. Without a configured token the endpoint refuses
 * every request (403). There is no "open in development" exception: the embedded mode is what
 * runs when nothing is configured, so it is no explicit opt-in, and an unguarded write path that
 * appears because a variable was forgotten is the classic way to get one into production.
 * Setting one variable is all a developer needs.
 *
 * Errors carry the gateway's JSON shape `{error: {code, message, field?, rule?}}` (mirrored here:
 * the publisher does not depend on the gateway).
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import {
  DEFAULT_LIMITS, fail, isRecord, ok, onlyKnownKeys, validateEventInput,
  type ErrorCode, type EventInput, type LoggedEvent, type Parsed, type Problem,
} from '../protocol/index.ts';
import { bearerTokenChecker } from './bearer-token.ts';
import { PublishError } from './dual-publisher.ts';

export interface HttpIngestOptions {
  /** The bearer token callers must send. Unset: every request is refused with 403. */
  token?: string;
  /** Largest request body, in bytes (default 1 MiB); over it: 413. */
  maxBodyBytes?: number;
  /** Most events in one batch (default 1,000); over it: 413. Keep it at or below the publisher's own limit. */
  maxBatchSize?: number;
  /** Largest `data` (and `hint`) of one event as JSON, in bytes (default 64 KiB); over it: 400 too_large. */
  maxPayloadBytes?: number;
  path?: string;
}

export interface IngestPublisher {
  publishBatch(events: EventInput[]): Promise<LoggedEvent[]>;
}

export const DEFAULT_INGEST_LIMITS = { maxBodyBytes: 1024 * 1024, maxBatchSize: 1000 } as const;

interface IngestBody { events: EventInput[]; batch: boolean }

export function httpIngest(publisher: IngestPublisher, options: HttpIngestOptions = {}): Router {
  const path = options.path ?? '/api/publish';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_INGEST_LIMITS.maxBodyBytes;
  const maxBatchSize = options.maxBatchSize ?? DEFAULT_INGEST_LIMITS.maxBatchSize;
  const maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_LIMITS.maxPayloadBytes;
  const checkToken = bearerTokenChecker(options.token);
  const router = Router();

  // Credentials first, then the media type: nobody gets their body read without a valid token.
  const guard = (req: Request, res: Response, next: NextFunction) => {
    const token = checkToken(req.get('authorization'));
    if (!token.ok) {
      if (token.status === 401) res.set('WWW-Authenticate', 'Bearer realm="rtdash"');
      return sendError(res, token.status, token.code, token.message);
    }
    if (!req.is('application/json')) {
      return sendError(res, 415, 'bad_frame', `the body must be JSON: send "Content-Type: application/json" (got ${req.get('content-type') ?? 'none'})`, '(body)', 'content-type:application/json');
    }
    next();
  };
  // strict: false lets a JSON scalar through to the shape check, which explains what is expected.
  const parseJson = express.json({ limit: maxBodyBytes, strict: false });

  router.post(path, guard, parseJson, async (req, res) => {
    const parsed = readBody(req.body, maxBatchSize, maxPayloadBytes);
    if (!parsed.ok) return sendProblem(res, statusFor(parsed.problem), parsed.problem);
    const { events, batch } = parsed.value;
    let logged: LoggedEvent[];
    try {
      logged = await publisher.publishBatch(events);
    } catch (error) {
      if (error instanceof PublishError && error.problem) return sendProblem(res, statusFor(error.problem), error.problem);
      // Queue full, log down or slow, closing: nothing the caller can fix in the request; try again.
      if (error instanceof PublishError) {
        res.set('Retry-After', '1');
        return sendError(res, 503, 'unavailable', error.message);
      }
      return sendError(res, 500, 'internal', `publish failed: ${(error as Error).message}`);
    }
    res.status(200).json(batch ? { ids: logged.map((event) => event.id) } : { id: logged[0].id });
  });

  router.use(path, (error: Error & { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    switch (error.type) {
      case 'entity.too.large':
        return sendError(res, 413, 'too_large', `the body is over the limit of ${maxBodyBytes} bytes`, '(body)', `max-bytes:${maxBodyBytes}`);
      case 'entity.parse.failed':
        return sendError(res, 400, 'bad_json', `the body is not valid JSON: ${error.message}`, '(body)', 'json');
      case 'charset.unsupported':
      case 'encoding.unsupported':
        return sendError(res, 415, 'bad_frame', error.message, '(body)', 'content-type:application/json');
      default:
        if (error.status && error.status < 500) return sendError(res, error.status, 'bad_frame', error.message, '(body)');
        next(error);
    }
  });
  return router;
}

/** The body as a list of checked events; nothing is published unless every one passes. */
function readBody(body: unknown, maxBatchSize: number, maxPayloadBytes: number): Parsed<IngestBody> {
  const shape = 'send one event {channel, data, ts?, hint?} or a batch {events: [...]}';
  if (!isRecord(body)) return fail('(body)', 'type:object', `the body must be a JSON object: ${shape}`);
  if (!('events' in body)) {
    const event = validateEventInput(body, maxPayloadBytes);
    return event.ok ? ok({ events: [event.value], batch: false }) : event;
  }
  const known = onlyKnownKeys(body, ['events']);
  if (!known.ok) return known;
  const list = body.events;
  if (!Array.isArray(list)) return fail('events', 'type:array', `events must be an array of events: ${shape}`);
  if (list.length === 0) return fail('events', 'non-empty', 'events must hold at least one event');
  if (list.length > maxBatchSize) {
    return fail('events', `max-items:${maxBatchSize}`, `the batch holds ${list.length} events, over the limit of ${maxBatchSize}`, 'too_large');
  }
  const events: EventInput[] = [];
  for (let i = 0; i < list.length; i++) {
    const event = validateEventInput(list[i], maxPayloadBytes, `events[${i}]`);
    if (!event.ok) return event;
    events.push(event.value);
  }
  return ok({ events, batch: true });
}

/** 413 when the request as a whole is too big (the batch); a problem inside one event is a 400. */
function statusFor(problem: Problem): number {
  return problem.code === 'too_large' && (problem.field === 'events' || problem.field === '(body)') ? 413 : 400;
}

function sendProblem(res: Response, status: number, problem: Problem): void {
  sendError(res, status, problem.code, problem.message, problem.field, problem.rule);
}

function sendError(res: Response, status: number, code: ErrorCode, message: string, field?: string, rule?: string): void {
  res.status(status).json({ error: { code, message, ...(field ? { field } : {}), ...(rule ? { rule } : {}) } });
}
