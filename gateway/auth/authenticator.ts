/**
 * Decides who a request is, once, at connect time (WebSocket upgrade, SSE request). Tokens are
 * HS256 JWTs in the Centrifugo mould: `sub`, `exp`, and a `channels` claim of permission
 * patterns. Expiry on a live connection is the job of `watchExpiry`, not of this class.
 */
import { jwtVerify, type JWTPayload } from 'jose';
import { isValidPattern, PATTERN_RULE } from './channel-pattern.ts';
import { readGrants } from './claims.ts';
import { Principal } from './principal.ts';
import { describeRejection } from './rejection.ts';
import { findToken, type AuthRequest } from './token-source.ts';

export interface AuthSettings {
  /** HS256 shared secret (RTDASH_JWT_SECRET). Unset or empty: auth is off. */
  jwtSecret?: string;
  /** Patterns anyone may subscribe to, token or not. */
  publicChannels?: readonly string[];
  /** When set, tokens must carry this `aud`. */
  audience?: string;
  /** When set, tokens must carry this `iss`. */
  issuer?: string;
  /** Clock skew allowed on `exp` and `nbf`, in seconds. */
  clockToleranceSec?: number;
}

export type AuthFailure = { ok: false; status: 401 | 403; code: 'unauthorized' | 'forbidden'; message: string };
export type AuthResult = { ok: true; principal: Principal } | AuthFailure;

/** RFC 7518 §3.2: an HS256 key shorter than the hash can be brute-forced from any token it signed. */
export const MIN_SECRET_BYTES = 32;
/** Far above any real token; refuses to spend HMAC and JSON parsing on junk. */
export const MAX_TOKEN_CHARS = 8192;
const DEFAULT_CLOCK_TOLERANCE_SEC = 5;

export class Authenticator {
  readonly enabled: boolean;
  readonly publicChannels: readonly string[];
  private readonly key: Uint8Array | undefined;
  private readonly audience: string | undefined;
  private readonly issuer: string | undefined;
  private readonly clockToleranceSec: number;

  constructor(settings: AuthSettings) {
    const publicChannels = settings.publicChannels ?? [];
    const bad = publicChannels.find((pattern) => !isValidPattern(pattern));
    if (bad !== undefined) throw new TypeError(`public channel pattern ${JSON.stringify(bad)} is not valid: use ${PATTERN_RULE}`);
    this.publicChannels = Object.freeze([...publicChannels]);

    // Empty counts as unset, as `RTDASH_JWT_SECRET=` does in a shell or an .env file.
    const key = settings.jwtSecret ? new TextEncoder().encode(settings.jwtSecret) : undefined;
    if (key && key.length < MIN_SECRET_BYTES) {
      throw new RangeError(`the JWT secret (RTDASH_JWT_SECRET) is ${key.length} bytes; HS256 needs at least ${MIN_SECRET_BYTES}, or anyone holding one token can recover it`);
    }
    this.key = key;
    this.enabled = key !== undefined;
    this.audience = settings.audience;
    this.issuer = settings.issuer;
    this.clockToleranceSec = settings.clockToleranceSec ?? DEFAULT_CLOCK_TOLERANCE_SEC;
  }

  async authenticate(request: AuthRequest): Promise<AuthResult> {
    if (!this.key) return { ok: true, principal: Principal.everyone() };
    const found = findToken(request);
    if (!found) return { ok: true, principal: Principal.anonymous(this.publicChannels) };
    if (found.token.length > MAX_TOKEN_CHARS) return unauthorized(`token is malformed: over ${MAX_TOKEN_CHARS} characters`, found.from);

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(found.token, this.key, {
        algorithms: ['HS256'], // never `none`, never whatever the token's header asks for
        audience: this.audience,
        issuer: this.issuer,
        clockTolerance: this.clockToleranceSec,
      }));
    } catch (error) {
      return unauthorized(describeRejection(error), found.from);
    }

    const grants = readGrants(payload);
    if (!grants.ok) return unauthorized(grants.message, found.from);
    return {
      ok: true,
      principal: new Principal({
        subject: grants.subject,
        patterns: [...grants.patterns, ...this.publicChannels],
        expiresAt: grants.expiresAt,
      }),
    };
  }
}

function unauthorized(reason: string, from: string): AuthFailure {
  return { ok: false, status: 401, code: 'unauthorized', message: `${reason} (token from ${from})` };
}
