/**
 * Turns a verified JWT payload into grants. The signature vouches for who wrote the claims,
 * not for their shape, so each one is checked before it becomes a permission.
 */
import type { JWTPayload } from 'jose';
import { isValidPattern, PATTERN_RULE } from './channel-pattern.ts';

export type Grants =
  | { ok: true; subject: string | undefined; patterns: string[]; expiresAt: number | undefined }
  | { ok: false; message: string };

export function readGrants(payload: JWTPayload): Grants {
  if (payload.sub !== undefined && typeof payload.sub !== 'string') return { ok: false, message: 'token claim "sub" must be a string' };
  const channels = payload.channels ?? [];
  if (!Array.isArray(channels)) return { ok: false, message: 'token claim "channels" must be an array of channel patterns' };
  for (let i = 0; i < channels.length; i++) {
    if (!isValidPattern(channels[i])) {
      // The index, not the value: the value is token content, and the holder can look it up.
      return { ok: false, message: `token claim "channels" item ${i} is not a valid channel pattern: use ${PATTERN_RULE}` };
    }
  }
  return {
    ok: true,
    subject: payload.sub,
    patterns: channels as string[],
    // jose has already refused an "exp" that is not a number.
    expiresAt: payload.exp === undefined ? undefined : payload.exp * 1000,
  };
}
