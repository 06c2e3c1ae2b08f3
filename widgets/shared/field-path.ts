/**
 * Reads a value out of event data by a dotted path (`price`, `quote.bid`, `levels.0.size`).
 * An empty path means the data itself.
 */
export function readPath(data: unknown, path: string | undefined): unknown {
  if (!path) return data;
  let current: unknown = data;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A finite number from a number or a numeric string; undefined for anything else. */
export function toFiniteNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

export function readNumber(data: unknown, path: string | undefined): number | undefined {
  return toFiniteNumber(readPath(data, path));
}
