export { Authenticator, MAX_TOKEN_CHARS, MIN_SECRET_BYTES, type AuthFailure, type AuthResult, type AuthSettings } from './authenticator.ts';
export { isValidPattern } from './channel-pattern.ts';
export { MAX_TIMER_DELAY_MS, systemClock, watchExpiry, type ExpiryClock } from './expiry-timer.ts';
export { Principal, type PrincipalInit } from './principal.ts';
export { findToken, readCookie, TOKEN_COOKIE, TOKEN_QUERY_PARAMETER, type AuthRequest, type FoundToken } from './token-source.ts';
