/**
 * A tiny result type for validating what crosses a process boundary. Parsers return a
 * problem naming the field and the rule it broke instead of throwing from deep inside.
 */
import type { ErrorCode } from './codes.ts';

export interface Problem {
  code: ErrorCode;
  /** Dotted path of the offending field, or `(frame)` for the frame as a whole. */
  field: string;
  /** The rule that was broken, e.g. `required`, `type:string`, `max-bytes:65536`. */
  rule: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

export function fail(field: string, rule: string, message: string, code: ErrorCode = 'bad_frame'): { ok: false; problem: Problem } {
  return { ok: false, problem: { code, field, rule, message } };
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const encoder = new TextEncoder();

/** UTF-8 byte length, which is what limits are measured in (not UTF-16 code units). */
export function byteLength(text: string): number {
  // Fast path: every code unit below 0x80 is one byte.
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x80) return encoder.encode(text).length;
  }
  return text.length;
}

/** Parses JSON text that must not exceed `maxBytes`, reporting size before parsing. */
export function parseJsonText(text: string, maxBytes: number, what = '(frame)'): Parsed<unknown> {
  if (typeof text !== 'string') return fail(what, 'type:text', `${what} must be UTF-8 text`);
  // A UTF-16 code unit is at most 3 UTF-8 bytes: most frames are far enough under the limit
  // that their exact size need not be counted (it ran once per frame in the browser).
  if (text.length * 3 > maxBytes) {
    const bytes = byteLength(text);
    if (bytes > maxBytes) {
      return fail(what, `max-bytes:${maxBytes}`, `${what} is ${bytes} bytes, over the limit of ${maxBytes}`, 'too_large');
    }
  }
  try {
    return ok(JSON.parse(text));
  } catch (error) {
    return fail(what, 'json', `${what} is not valid JSON: ${(error as Error).message}`, 'bad_json');
  }
}

/** Field readers: each returns a Parsed so callers can stop at the first problem. */
export function requireString(obj: Record<string, unknown>, key: string, path = key): Parsed<string> {
  const value = obj[key];
  if (value === undefined) return fail(path, 'required', `${path} is required`);
  if (typeof value !== 'string') return fail(path, 'type:string', `${path} must be a string, got ${describe(value)}`);
  return ok(value);
}

export function optionalNumber(obj: Record<string, unknown>, key: string, path = key): Parsed<number | undefined> {
  const value = obj[key];
  if (value === undefined) return ok(undefined);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return fail(path, 'type:number', `${path} must be a finite number, got ${describe(value)}`);
  }
  return ok(value);
}

export function requireNumber(obj: Record<string, unknown>, key: string, path = key): Parsed<number> {
  if (obj[key] === undefined) return fail(path, 'required', `${path} is required`);
  return optionalNumber(obj, key, path) as Parsed<number>;
}

/** JSON.stringify for messages, safe on values JSON cannot carry (BigInt, cycles). */
export function quote(value: unknown): string {
  try {
    return JSON.stringify(value) ?? describe(value);
  } catch {
    return describe(value);
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Rejects keys the schema does not know, so typos surface instead of being ignored. */
export function onlyKnownKeys(obj: Record<string, unknown>, known: readonly string[], path = ''): Parsed<true> {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      const field = path ? `${path}.${key}` : key;
      return fail(field, 'unknown-field', `${field} is not a known field (expected one of: ${known.join(', ')})`);
    }
  }
  return ok(true);
}
