/**
 * Reads the few fields a bench client needs straight from the frame text. Clients share the
 * two cores with the servers they measure; a full JSON.parse of every frame would spend CPU
 * the servers need, and unequally so across client libraries.
 */

/** The number after the first `"key":` at or after `from` (NaN when absent). */
export function numberAfter(text: string, key: string, from = 0): number {
  const at = text.indexOf(markerOf(key, NUMBER_MARKERS, ':'), from);
  if (at < 0) return Number.NaN;
  return Number.parseFloat(text.slice(at + key.length + 3, at + key.length + 3 + 24));
}

/** The string value after the first `"key":"` (undefined when absent); values here hold no escapes. */
export function stringAfter(text: string, key: string, from = 0): string | undefined {
  const marker = markerOf(key, STRING_MARKERS, ':"');
  const at = text.indexOf(marker, from);
  if (at < 0) return undefined;
  const start = at + marker.length;
  return text.slice(start, text.indexOf('"', start));
}

// Markers made once per key: a template literal per call built (and flattened) a new string per
// field per frame, a share of the clients' CPU that the servers under test could have used.
const NUMBER_MARKERS = new Map<string, string>();
const STRING_MARKERS = new Map<string, string>();

function markerOf(key: string, cache: Map<string, string>, suffix: string): string {
  let marker = cache.get(key);
  if (marker === undefined) cache.set(key, (marker = `"${key}"${suffix}`));
  return marker;
}
