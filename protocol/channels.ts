/**
 * Channel-name rules. A channel is dot-separated segments of letters, digits, `_` and `-`:
 * `prices.BTC-USD`, `metrics.web-1`. Wildcards (`*`) are reserved for permission patterns,
 * so they never appear in a name; the Redis channel is `rtdash:<channel>`.
 */
import { DEFAULT_LIMITS } from './limits.ts';
import { fail, ok, type Parsed } from './validation.ts';

const SEGMENT = /^[A-Za-z0-9_-]+$/;

export const REDIS_CHANNEL_PREFIX = 'rtdash:';

export function redisChannelFor(channel: string): string {
  return REDIS_CHANNEL_PREFIX + channel;
}

export function channelFromRedis(redisChannel: string): string | undefined {
  return redisChannel.startsWith(REDIS_CHANNEL_PREFIX) ? redisChannel.slice(REDIS_CHANNEL_PREFIX.length) : undefined;
}

export function validateChannel(value: unknown, field = 'channel', maxLength: number = DEFAULT_LIMITS.maxChannelLength): Parsed<string> {
  if (value === undefined) return fail(field, 'required', `${field} is required`);
  if (typeof value !== 'string') return fail(field, 'type:string', `${field} must be a string`, 'bad_channel');
  if (value.length === 0) return fail(field, 'non-empty', `${field} must not be empty`, 'bad_channel');
  if (value.length > maxLength) {
    return fail(field, `max-length:${maxLength}`, `${field} is ${value.length} characters, over the limit of ${maxLength}`, 'bad_channel');
  }
  const segments = value.split('.');
  for (const segment of segments) {
    if (!SEGMENT.test(segment)) {
      return fail(
        field,
        'channel-name',
        `${field} "${value}" is not a valid channel name: use dot-separated segments of letters, digits, "_" and "-"`,
        'bad_channel',
      );
    }
  }
  return ok(value);
}

export function isValidChannel(value: unknown): value is string {
  return validateChannel(value).ok;
}

/**
 * Matches a channel against a permission pattern: `*` matches one segment, a trailing `>`
 * matches one or more remaining segments (`prices.*`, `metrics.>`, `*`).
 */
export function channelMatches(pattern: string, channel: string): boolean {
  const want = pattern.split('.');
  const have = channel.split('.');
  for (let i = 0; i < want.length; i++) {
    if (want[i] === '>') return i === want.length - 1 && have.length > i;
    if (i >= have.length) return false;
    if (want[i] !== '*' && want[i] !== have[i]) return false;
  }
  return want.length === have.length;
}
