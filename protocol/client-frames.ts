/**
 * Frames a client sends to the gateway, and their validation. Every frame may carry a `ref`
 * number that the gateway echoes in the answer (`subscribed`, `error`), so a client can tell
 * which request a problem belongs to.
 */
import { validateChannel } from './channels.ts';
import { parseId, type EventId } from './ids.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import {
  describe, fail, isRecord, quote, ok, onlyKnownKeys, optionalNumber, parseJsonText, type Parsed,
} from './validation.ts';

export interface SubscribeFrame { type: 'subscribe'; channels: string[]; ref?: number }
export interface UnsubscribeFrame { type: 'unsubscribe'; channels: string[]; ref?: number }
/** Subscribe and receive everything after the given id of each channel (gap-free resume). */
export interface ResumeFrame { type: 'resume'; positions: Record<string, EventId>; ref?: number }
/** Application-level ping; the gateway answers `pong` with the same `ts` (round-trip time). */
export interface PingFrame { type: 'ping'; ts?: number }

export type ClientFrame = SubscribeFrame | UnsubscribeFrame | ResumeFrame | PingFrame;
export const CLIENT_FRAME_TYPES = ['subscribe', 'unsubscribe', 'resume', 'ping'] as const;

export interface ClientFrameLimits {
  maxClientFrameBytes: number;
  maxChannelsPerFrame: number;
}

export function parseClientFrame(text: string, limits: ClientFrameLimits = DEFAULT_LIMITS): Parsed<ClientFrame> {
  const json = parseJsonText(text, limits.maxClientFrameBytes);
  if (!json.ok) return json;
  return validateClientFrame(json.value, limits);
}

export function validateClientFrame(value: unknown, limits: ClientFrameLimits = DEFAULT_LIMITS): Parsed<ClientFrame> {
  if (!isRecord(value)) return fail('(frame)', 'type:object', `a frame must be a JSON object, got ${describe(value)}`);
  const ref = optionalNumber(value, 'ref');
  if (!ref.ok) return ref;
  switch (value.type) {
    case 'subscribe':
    case 'unsubscribe': {
      const known = onlyKnownKeys(value, ['type', 'channels', 'ref']);
      if (!known.ok) return known;
      const channels = channelList(value.channels, limits.maxChannelsPerFrame);
      if (!channels.ok) return channels;
      return ok({ type: value.type, channels: channels.value, ...(ref.value === undefined ? {} : { ref: ref.value }) });
    }
    case 'resume': {
      const known = onlyKnownKeys(value, ['type', 'positions', 'ref']);
      if (!known.ok) return known;
      const positions = positionMap(value.positions, limits.maxChannelsPerFrame);
      if (!positions.ok) return positions;
      return ok({ type: 'resume', positions: positions.value, ...(ref.value === undefined ? {} : { ref: ref.value }) });
    }
    case 'ping': {
      const known = onlyKnownKeys(value, ['type', 'ts', 'ref']);
      if (!known.ok) return known;
      const ts = optionalNumber(value, 'ts');
      if (!ts.ok) return ts;
      return ok(ts.value === undefined ? { type: 'ping' } : { type: 'ping', ts: ts.value });
    }
    case undefined:
      return fail('type', 'required', 'type is required');
    default:
      return fail('type', `one-of:${CLIENT_FRAME_TYPES.join('|')}`,
        `type ${quote(value.type)} is not a client frame type (expected one of: ${CLIENT_FRAME_TYPES.join(', ')})`,
        'unknown_type');
  }
}

function channelList(value: unknown, max: number): Parsed<string[]> {
  if (value === undefined) return fail('channels', 'required', 'channels is required');
  if (!Array.isArray(value)) return fail('channels', 'type:array', `channels must be an array of channel names, got ${describe(value)}`);
  if (value.length === 0) return fail('channels', 'non-empty', 'channels must name at least one channel');
  for (let i = 0; i < value.length; i++) {
    const channel = validateChannel(value[i], `channels[${i}]`);
    if (!channel.ok) return channel;
  }
  const unique = [...new Set(value as string[])];
  if (unique.length > max) return fail('channels', `max-items:${max}`, `channels names ${unique.length} channels, over the limit of ${max} per frame`, 'too_large');
  return ok(unique);
}

function positionMap(value: unknown, max: number): Parsed<Record<string, EventId>> {
  if (value === undefined) return fail('positions', 'required', 'positions is required');
  if (!isRecord(value)) return fail('positions', 'type:object', `positions must map channel names to event ids, got ${describe(value)}`);
  const entries = Object.entries(value);
  if (entries.length === 0) return fail('positions', 'non-empty', 'positions must name at least one channel');
  if (entries.length > max) return fail('positions', `max-items:${max}`, `positions names ${entries.length} channels, over the limit of ${max} per frame`, 'too_large');
  for (const [channel, id] of entries) {
    const name = validateChannel(channel, `positions.${channel.slice(0, 40)}`);
    if (!name.ok) return name;
    const parsed = parseId(id, `positions.${channel}`);
    if (!parsed.ok) return parsed;
  }
  return ok(value as Record<string, EventId>);
}

export function encodeClientFrame(frame: ClientFrame): string {
  return JSON.stringify(frame);
}
