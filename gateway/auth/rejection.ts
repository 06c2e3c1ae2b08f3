/**
 * Why jose refused a token, in words a client developer can act on. Messages are built from
 * fixed text and claim names only: the token itself is a credential and never goes back out.
 */
import { errors } from 'jose';

export function describeRejection(error: unknown): string {
  if (!(error instanceof errors.JOSEError)) return 'token could not be verified';
  switch (error.code) {
    case errors.JWTExpired.code: {
      const exp = (error as errors.JWTExpired).payload.exp;
      return typeof exp === 'number' ? `token expired at ${new Date(exp * 1000).toISOString()}` : 'token expired';
    }
    case errors.JWTClaimValidationFailed.code:
      return describeClaimFailure(error as errors.JWTClaimValidationFailed);
    case errors.JWSSignatureVerificationFailed.code:
      return 'token signature is invalid: it was forged, altered, or signed with another secret';
    case errors.JOSEAlgNotAllowed.code:
      return 'token algorithm is not accepted: only HS256 is';
    case errors.JWSInvalid.code:
      return 'token is malformed: expected a signed JWT, header.payload.signature in base64url';
    case errors.JWTInvalid.code:
      return 'token is malformed: its payload is not a JSON object';
    case errors.JOSENotSupported.code:
      return 'token uses a JOSE feature this gateway does not support';
    default:
      return 'token is invalid';
  }
}

function describeClaimFailure(error: errors.JWTClaimValidationFailed): string {
  const { claim, reason } = error;
  if (claim === 'nbf' && reason === 'check_failed') return 'token is not valid yet: its "nbf" is in the future';
  if (claim === 'aud' || claim === 'iss') {
    const what = claim === 'aud' ? 'audience' : 'issuer';
    return reason === 'missing' ? `token has no "${claim}" claim; this gateway requires its ${what}` : `token "${claim}" claim does not match this gateway's ${what}`;
  }
  // jose names only registered claims here (exp, nbf, iat, iss, aud, sub, ...), never token content.
  return `token claim "${claim}" is invalid`;
}
