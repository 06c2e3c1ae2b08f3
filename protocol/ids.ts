/**
 * Event ids come from the event's place in the durable log: `<partition>-<offset>`, e.g. `0-1234`.
 * The topic is keyed by channel, so a channel lives in one partition and its ids only grow;
 * the embedded log hands out ids of the same form.
 */
import { fail, ok, type Parsed } from './validation.ts';

export type EventId = string;

export interface LogPosition {
  partition: number;
  offset: number;
}

const ID_PATTERN = /^(0|[1-9]\d{0,8})-(0|[1-9]\d{0,15})$/;

export function formatId(partition: number, offset: number | bigint | string): EventId {
  return `${partition}-${offset}`;
}

export function parseId(id: unknown, field = 'id'): Parsed<LogPosition> {
  if (id === undefined) return fail(field, 'required', `${field} is required`, 'bad_id');
  if (typeof id !== 'string') return fail(field, 'type:string', `${field} must be a string like "0-42"`, 'bad_id');
  const match = ID_PATTERN.exec(id);
  if (!match) return fail(field, 'event-id', `${field} "${id.slice(0, 40)}" is not an event id of the form <partition>-<offset>`, 'bad_id');
  const offset = Number(match[2]);
  if (!Number.isSafeInteger(offset)) return fail(field, 'event-id', `${field} offset is too large`, 'bad_id');
  return ok({ partition: Number(match[1]), offset });
}

export function isValidId(id: unknown): id is EventId {
  return parseId(id).ok;
}

/**
 * Orders two ids of the same channel: negative, zero or positive. Ids from different
 * partitions cannot be ordered (the topic was repartitioned), which yields NaN; callers
 * treat that as a log reset, as they do a malformed id. It runs once per delivery per client,
 * so it reads the digits in place: no regex, no allocation (same rules as ID_PATTERN).
 */
export function compareIds(a: EventId, b: EventId): number {
  const dashA = a.indexOf('-');
  const dashB = b.indexOf('-');
  const partitionA = decimalAt(a, 0, dashA, MAX_PARTITION_DIGITS);
  if (partitionA !== decimalAt(b, 0, dashB, MAX_PARTITION_DIGITS)) return Number.NaN; // NaN never equals
  const offsetA = decimalAt(a, dashA + 1, a.length, MAX_OFFSET_DIGITS);
  const offsetB = decimalAt(b, dashB + 1, b.length, MAX_OFFSET_DIGITS);
  if (!Number.isSafeInteger(offsetA) || !Number.isSafeInteger(offsetB)) return Number.NaN;
  return offsetA - offsetB;
}

const MAX_PARTITION_DIGITS = 9;
const MAX_OFFSET_DIGITS = 16;
const ZERO = 48;
const NINE = 57;

/** The canonical decimal in text[start, end) (no sign, no leading zero), else NaN. */
function decimalAt(text: string, start: number, end: number, maxDigits: number): number {
  const length = end - start;
  if (length < 1 || length > maxDigits) return Number.NaN;
  if (length > 1 && text.charCodeAt(start) === ZERO) return Number.NaN;
  let value = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < ZERO || code > NINE) return Number.NaN;
    value = value * 10 + (code - ZERO);
  }
  return value;
}

/** True when `candidate` is strictly newer than `current` (or nothing is current). */
export function isNewer(candidate: EventId, current: EventId | undefined): boolean {
  if (current === undefined) return true;
  return compareIds(candidate, current) > 0;
}
