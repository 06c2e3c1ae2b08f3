/**
 * Frames the gateway sends to clients, and their validation on the client side (a browser
 * must not crash on a frame from a newer or broken server either).
 */
import { validateChannel } from './channels.ts';
import { ERROR_CODES, type ErrorCode } from './codes.ts';
import { parseId } from './ids.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import type { WireEvent } from './events.ts';
import {
  describe, fail, isRecord, quote, ok, onlyKnownKeys, optionalNumber, parseJsonText, requireNumber, requireString,
  type Parsed,
} from './validation.ts';

export interface EventFrame extends WireEvent { type: 'event' }
/** Several events at once: a replay after resume, or a conflated burst. In order per channel. */
export interface BatchFrame { type: 'batch'; events: WireEvent[] }
/** The latest event of a channel (null when it has none yet), sent on a fresh subscribe. */
export interface SnapshotFrame { type: 'snapshot'; channel: string; event: WireEvent | null }
/** A resume could not be served; the client drops its position and takes the snapshot that follows. */
export interface ResetFrame { type: 'reset'; channel: string; reason: ResetReason }
export interface ErrorFrame {
  type: 'error';
  code: ErrorCode;
  message: string;
  field?: string;
  rule?: string;
  channel?: string;
  ref?: number;
}
/** Sent every `interval` ms so a browser (which cannot see protocol pings) can detect a dead link. */
export interface HeartbeatFrame { type: 'heartbeat'; ts: number; interval: number }
export interface PongFrame { type: 'pong'; ts?: number }
/** Confirms a subscription; `recovered` says whether a resume was served without a gap. */
export interface SubscribedFrame { type: 'subscribed'; channel: string; recovered: boolean; ref?: number }

export type ServerFrame =
  | EventFrame | BatchFrame | SnapshotFrame | ResetFrame | ErrorFrame | HeartbeatFrame | PongFrame | SubscribedFrame;

export const SERVER_FRAME_TYPES = ['event', 'batch', 'snapshot', 'reset', 'error', 'heartbeat', 'pong', 'subscribed'] as const;
export const RESET_REASONS = ['too-old', 'log-reset', 'unknown-id'] as const;
export type ResetReason = (typeof RESET_REASONS)[number];

/**
 * Joined frames: a WebSocket client whose URL carries `frames=lines` may receive several
 * frames in one message, one per line. The gateway joins what one socket is sent in one
 * event-loop turn, which saves both ends a message (framing, a system call, a message event)
 * per frame. Frames are JSON text, which never holds a raw newline, so splitting is exact.
 */
export const JOINED_FRAMES_PARAM = 'frames';
export const JOINED_FRAMES_VALUE = 'lines';
export const JOINED_FRAME_SEPARATOR = '\n';

export function parseServerFrame(text: string, maxBytes: number = DEFAULT_LIMITS.maxServerFrameBytes): Parsed<ServerFrame> {
  const json = parseJsonText(text, maxBytes);
  if (!json.ok) return json;
  return validateServerFrame(json.value);
}

export function validateServerFrame(value: unknown): Parsed<ServerFrame> {
  if (!isRecord(value)) return fail('(frame)', 'type:object', `a frame must be a JSON object, got ${describe(value)}`);
  switch (value.type) {
    case 'event': {
      const event = validateWireEvent(value, '', ['type']);
      return event.ok ? ok(value as unknown as EventFrame) : event;
    }
    case 'batch': {
      const known = onlyKnownKeys(value, ['type', 'events']);
      if (!known.ok) return known;
      if (value.events === undefined) return fail('events', 'required', 'events is required');
      if (!Array.isArray(value.events)) return fail('events', 'type:array', `events must be an array, got ${describe(value.events)}`);
      for (let i = 0; i < value.events.length; i++) {
        const event = validateWireEvent(value.events[i], `events[${i}]`);
        if (!event.ok) return event;
      }
      return ok(value as unknown as BatchFrame);
    }
    case 'snapshot': {
      const known = onlyKnownKeys(value, ['type', 'channel', 'event']);
      if (!known.ok) return known;
      const channel = validateChannel(value.channel);
      if (!channel.ok) return channel;
      if (value.event === undefined) return fail('event', 'required', 'event is required (null when the channel is empty)');
      if (value.event !== null) {
        const event = validateWireEvent(value.event, 'event');
        if (!event.ok) return event;
      }
      return ok(value as unknown as SnapshotFrame);
    }
    case 'reset': {
      const known = onlyKnownKeys(value, ['type', 'channel', 'reason']);
      if (!known.ok) return known;
      const channel = validateChannel(value.channel);
      if (!channel.ok) return channel;
      if (value.reason === undefined) return fail('reason', 'required', 'reason is required');
      if (!RESET_REASONS.includes(value.reason as ResetReason)) {
        return fail('reason', `one-of:${RESET_REASONS.join('|')}`, `reason must be one of: ${RESET_REASONS.join(', ')}`);
      }
      return ok(value as unknown as ResetFrame);
    }
    case 'error': {
      const known = onlyKnownKeys(value, ['type', 'code', 'message', 'field', 'rule', 'channel', 'ref']);
      if (!known.ok) return known;
      if (!ERROR_CODES.includes(value.code as ErrorCode)) return value.code === undefined ? fail('code', 'required', 'code is required') : fail('code', 'error-code', `code ${quote(value.code)} is not a known error code`);
      const message = requireString(value, 'message');
      if (!message.ok) return message;
      for (const key of ['field', 'rule'] as const) {
        if (value[key] !== undefined && typeof value[key] !== 'string') return fail(key, 'type:string', `${key} must be a string`);
      }
      if (value.channel !== undefined) {
        const channel = validateChannel(value.channel);
        if (!channel.ok) return channel;
      }
      const ref = optionalNumber(value, 'ref');
      return ref.ok ? ok(value as unknown as ErrorFrame) : ref;
    }
    case 'heartbeat': {
      const known = onlyKnownKeys(value, ['type', 'ts', 'interval']);
      if (!known.ok) return known;
      const ts = requireNumber(value, 'ts');
      if (!ts.ok) return ts;
      const interval = requireNumber(value, 'interval');
      if (!interval.ok) return interval;
      if (interval.value <= 0) return fail('interval', 'positive', 'interval must be a positive number of milliseconds');
      return ok(value as unknown as HeartbeatFrame);
    }
    case 'pong': {
      const known = onlyKnownKeys(value, ['type', 'ts']);
      if (!known.ok) return known;
      const ts = optionalNumber(value, 'ts');
      return ts.ok ? ok(value as unknown as PongFrame) : ts;
    }
    case 'subscribed': {
      const known = onlyKnownKeys(value, ['type', 'channel', 'recovered', 'ref']);
      if (!known.ok) return known;
      const channel = validateChannel(value.channel);
      if (!channel.ok) return channel;
      if (value.recovered === undefined) return fail('recovered', 'required', 'recovered is required');
      if (typeof value.recovered !== 'boolean') return fail('recovered', 'type:boolean', 'recovered must be a boolean');
      const ref = optionalNumber(value, 'ref');
      return ref.ok ? ok(value as unknown as SubscribedFrame) : ref;
    }
    case undefined:
      return fail('type', 'required', 'type is required');
    default:
      return fail('type', `one-of:${SERVER_FRAME_TYPES.join('|')}`,
        `type ${quote(value.type)} is not a server frame type (expected one of: ${SERVER_FRAME_TYPES.join(', ')})`,
        'unknown_type');
  }
}

function validateWireEvent(value: unknown, path: string, extraKeys: string[] = []): Parsed<WireEvent> {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (!isRecord(value)) return fail(path || '(event)', 'type:object', `${path || 'event'} must be an object`);
  const known = onlyKnownKeys(value, ['channel', 'id', 'ts', 'data', 'partial', ...extraKeys], path);
  if (!known.ok) return known;
  const channel = validateChannel(value.channel, at('channel'));
  if (!channel.ok) return channel;
  const id = parseId(value.id, at('id'));
  if (!id.ok) return id;
  const ts = requireNumber(value, 'ts', at('ts'));
  if (!ts.ok) return ts;
  if (value.data === undefined) return fail(at('data'), 'required', `${at('data')} is required`);
  if (value.partial !== undefined && value.partial !== true) return fail(at('partial'), 'literal:true', `${at('partial')} must be true when present`);
  return ok(value as unknown as WireEvent);
}

export function encodeServerFrame(frame: ServerFrame): string {
  return JSON.stringify(frame);
}
