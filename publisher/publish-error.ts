/**
 * The one error publish() and publishBatch() reject with. `reason` tells a caller what to do:
 * fix the input ('invalid', with `problem` naming the field and rule), slow down or retry later
 * ('queue-full', 'log-failed', 'timeout'), or go elsewhere ('closing').
 *
 * After 'timeout' the event may still reach the log later (the request was already on its way);
 * it is then never announced, and a caller that retries may find it in the log twice.
 */
import type { Problem } from '../protocol/index.ts';

export type PublishFailure = 'invalid' | 'queue-full' | 'closing' | 'log-failed' | 'timeout';

/** Failures that happen before an event is accepted: nothing of the call reached the log. */
export const NOT_ACCEPTED: ReadonlySet<PublishFailure> = new Set(['invalid', 'queue-full', 'closing']);

export class PublishError extends Error {
  readonly reason: PublishFailure;

  constructor(message: string, readonly problem?: Problem, options: { cause?: unknown; reason?: PublishFailure } = {}) {
    super(message, { cause: options.cause });
    this.name = 'PublishError';
    this.reason = options.reason ?? (problem ? 'invalid' : 'log-failed');
  }
}
