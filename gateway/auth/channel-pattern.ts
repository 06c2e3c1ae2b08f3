/**
 * Permission patterns, as they come in the `channels` claim and the public-channel setting:
 * channel segments, `*` for any one segment, and `>` as the last segment for one or more.
 */
const SEGMENT = /^[A-Za-z0-9_-]+$/;

export const PATTERN_RULE = 'dot-separated segments of letters, digits, "_" and "-", "*" for one segment, or a final ">"';

export function isValidPattern(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const segments = value.split('.');
  return segments.every((segment, i) => SEGMENT.test(segment) || segment === '*' || (segment === '>' && i === segments.length - 1));
}
