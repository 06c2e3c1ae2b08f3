/**
 * The three shapes an event takes on its way: the record written to the durable log (Kafka
 * value), the compact notice announced on Redis, and the event delivered to clients.
 */
import { validateChannel } from './channels.ts';
import { parseId, type EventId } from './ids.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import {
  byteLength, fail, isRecord, ok, onlyKnownKeys, parseJsonText, requireNumber,
  type Json, type Parsed,
} from './validation.ts';

/** What a publisher hands in: the id is assigned by the log. */
export interface EventInput {
  channel: string;
  data: Json;
  /** Publish time in ms since the epoch; the publisher fills it in when absent. */
  ts?: number;
  /** A small projection of `data` sent ahead of it for the first paint (see Notice). */
  hint?: Json;
}

/** The value of a log record (Kafka message value; key = channel). */
export interface LogRecord {
  channel: string;
  ts: number;
  data: Json;
  hint?: Json;
}

/** A record with the id the log gave it. */
export interface LoggedEvent extends LogRecord {
  id: EventId;
}

/** Announced on Redis `rtdash:<channel>`: never the payload, only a capped hint. */
export interface Notice {
  channel: string;
  id: EventId;
  ts: number;
  hint?: Json;
}

/** An event as a client receives it. `partial` marks a hint that the full event will refine. */
export interface WireEvent {
  channel: string;
  id: EventId;
  ts: number;
  data: Json;
  partial?: true;
}

/** Serialises `data` and checks it is JSON-safe and within the payload limit. */
export function validateEventInput(value: unknown, maxPayloadBytes: number = DEFAULT_LIMITS.maxPayloadBytes, path = ''): Parsed<EventInput> {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (!isRecord(value)) return fail(path || '(event)', 'type:object', `${path || 'event'} must be an object`);
  const known = onlyKnownKeys(value, ['channel', 'data', 'ts', 'hint'], path);
  if (!known.ok) return known;
  const channel = validateChannel(value.channel, at('channel'));
  if (!channel.ok) return channel;
  if (value.data === undefined) return fail(at('data'), 'required', `${at('data')} is required`);
  const size = jsonSize(value.data, at('data'));
  if (!size.ok) return size;
  if (size.value > maxPayloadBytes) {
    return fail(at('data'), `max-bytes:${maxPayloadBytes}`, `${at('data')} is ${size.value} bytes, over the limit of ${maxPayloadBytes}`, 'too_large');
  }
  if (value.ts !== undefined && (typeof value.ts !== 'number' || !Number.isFinite(value.ts))) {
    return fail(at('ts'), 'type:number', `${at('ts')} must be milliseconds since the epoch`);
  }
  if (value.hint !== undefined) {
    // The hint is stored in the log record too; bounding it keeps every record readable back.
    const hint = jsonSize(value.hint, at('hint'));
    if (!hint.ok) return hint;
    if (hint.value > maxPayloadBytes) {
      return fail(at('hint'), `max-bytes:${maxPayloadBytes}`, `${at('hint')} is ${hint.value} bytes, over the limit of ${maxPayloadBytes}`, 'too_large');
    }
  }
  return ok(value as unknown as EventInput);
}

/** Bytes of `value` as JSON, failing on what JSON cannot carry (cycles, BigInt, functions). */
export function jsonSize(value: unknown, field: string): Parsed<number> {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    return fail(field, 'json-serialisable', `${field} cannot be serialised as JSON: ${(error as Error).message}`);
  }
  if (text === undefined) return fail(field, 'json-serialisable', `${field} cannot be serialised as JSON`);
  return ok(byteLength(text));
}

/** Builds the notice for an event, leaving the hint out when it would pass the cap. */
export function noticeFor(event: LoggedEvent, maxHintBytes: number = DEFAULT_LIMITS.maxHintBytes): Notice {
  const notice: Notice = { channel: event.channel, id: event.id, ts: event.ts };
  if (event.hint !== undefined) {
    const size = jsonSize(event.hint, 'hint');
    if (size.ok && size.value <= maxHintBytes) notice.hint = event.hint;
  }
  return notice;
}

export function parseNotice(text: string, maxBytes = DEFAULT_LIMITS.maxHintBytes + 512): Parsed<Notice> {
  const json = parseJsonText(text, maxBytes, '(notice)');
  if (!json.ok) return json;
  const value = json.value;
  if (!isRecord(value)) return fail('(notice)', 'type:object', 'a notice must be a JSON object');
  const known = onlyKnownKeys(value, ['channel', 'id', 'ts', 'hint']);
  if (!known.ok) return known;
  const channel = validateChannel(value.channel);
  if (!channel.ok) return channel;
  const id = parseId(value.id);
  if (!id.ok) return id;
  const ts = requireNumber(value, 'ts');
  if (!ts.ok) return ts;
  return ok(value as unknown as Notice);
}

/** Parses a log record's value as read back from Kafka (or any other log). */
export function parseLogRecord(text: string, maxBytes = DEFAULT_LIMITS.maxPayloadBytes * 2 + 1024): Parsed<LogRecord> {
  const json = parseJsonText(text, maxBytes, '(record)');
  if (!json.ok) return json;
  const value = json.value;
  if (!isRecord(value)) return fail('(record)', 'type:object', 'a log record must be a JSON object');
  const known = onlyKnownKeys(value, ['channel', 'ts', 'data', 'hint']);
  if (!known.ok) return known;
  const channel = validateChannel(value.channel);
  if (!channel.ok) return channel;
  const ts = requireNumber(value, 'ts');
  if (!ts.ok) return ts;
  if (value.data === undefined) return fail('data', 'required', 'data is required');
  return ok(value as unknown as LogRecord);
}

export function toWireEvent(event: LoggedEvent): WireEvent {
  return { channel: event.channel, id: event.id, ts: event.ts, data: event.data };
}

export function wireEventFromNotice(notice: Notice): WireEvent | undefined {
  if (notice.hint === undefined) return undefined;
  return { channel: notice.channel, id: notice.id, ts: notice.ts, data: notice.hint, partial: true };
}
