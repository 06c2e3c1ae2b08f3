/**
 * Error codes carried in `error` frames and HTTP error bodies, and WebSocket close codes.
 * Codes are stable strings: clients branch on them, people read the message.
 */
export const ERROR_CODES = [
  'bad_json', // the frame is not JSON
  'bad_frame', // JSON, but a field is missing, of the wrong type or unknown
  'unknown_type', // the frame's `type` is not one this protocol knows
  'too_large', // over a byte limit (frame, payload, hint, batch)
  'bad_channel', // the channel name breaks the naming rules
  'bad_id', // an event id is malformed
  'unknown_channel', // the gateway does not serve this channel
  'forbidden', // the caller may not use this channel
  'unauthorized', // missing, forged or expired credentials
  'too_many_subscriptions',
  'rate_limited',
  'unavailable', // a dependency (the log) cannot serve the request now
  'not_found', // no such HTTP endpoint or file
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * WebSocket close codes. 1000-1015 are the standard ones we use; 4000-4999 are ours.
 * A client reconnects (with resume) after every code except the ones marked final.
 */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  /** Origin not allowed or policy broken: final, reconnecting will not help. */
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
  /** The gateway is restarting or shutting down: reconnect (elsewhere) and resume. */
  serviceRestart: 1012,
  /** The client could not keep up; reconnect and resume to receive what it is owed. */
  slowConsumer: 4001,
  /** Credentials expired on a live connection; reconnect with a fresh token. */
  authExpired: 4002,
  /** Credentials refused: final until the page obtains new ones. */
  unauthorized: 4003,
  /** Too many bad frames or too fast: final for this page load. */
  abuse: 4004,
  /** No pong within the deadline. */
  heartbeatTimeout: 4005,
} as const;

export type CloseCodeName = keyof typeof CloseCode;

/** Close codes after which retrying with the same credentials cannot succeed. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.policyViolation,
  CloseCode.unauthorized,
  CloseCode.abuse,
]);
