/**
 * The shared-secret check of the HTTP ingest: `Authorization: Bearer <token>`. Both sides are
 * hashed before the constant-time compare, so neither the content nor the length of the
 * expected token leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type TokenCheck =
  | { ok: true }
  | { ok: false; status: 401 | 403; code: 'unauthorized' | 'forbidden'; message: string };

const BEARER = /^Bearer +(\S+) *$/i;

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function bearerTokenChecker(expected: string | undefined, variable = 'RTDASH_PUBLISH_TOKEN'): (header: string | undefined) => TokenCheck {
  if (expected === undefined) {
    return () => ({
      ok: false, status: 403, code: 'forbidden',
      message: `HTTP ingest is disabled: set ${variable} on the server to enable POST /api/publish`,
    });
  }
  const want = digest(expected);
  return (header) => {
    const match = header === undefined ? null : BEARER.exec(header);
    if (!match) {
      return { ok: false, status: 401, code: 'unauthorized', message: `missing publish token: send "Authorization: Bearer <${variable}>"` };
    }
    if (!timingSafeEqual(digest(match[1]), want)) return { ok: false, status: 403, code: 'forbidden', message: 'wrong publish token' };
    return { ok: true };
  };
}
