/**
 * An SSE stream carries many channels but the browser remembers one Last-Event-ID, so the id
 * of each event is the stream's whole position: `channel@id,channel@id`. A reconnecting
 * EventSource sends it back and resumes every channel without a gap.
 */
import { parseId, validateChannel, fail, ok, type EventId, type Parsed } from '../protocol/index.ts';

export function encodePositions(positions: ReadonlyMap<string, EventId>): string {
  let text = '';
  for (const [channel, id] of positions) text += `${text ? ',' : ''}${channel}@${id}`;
  return text;
}

export function decodePositions(text: string, maxChannels: number): Parsed<Map<string, EventId>> {
  const positions = new Map<string, EventId>();
  if (text.trim() === '') return ok(positions);
  const entries = text.split(',');
  if (entries.length > maxChannels) return fail('Last-Event-ID', `max-items:${maxChannels}`, `Last-Event-ID names more than ${maxChannels} channels`, 'too_large');
  for (const entry of entries) {
    const at = entry.lastIndexOf('@');
    const channel = validateChannel(at > 0 ? entry.slice(0, at) : undefined, 'Last-Event-ID');
    if (!channel.ok) return fail('Last-Event-ID', 'positions', `Last-Event-ID must look like channel@id,channel@id; "${entry.slice(0, 60)}" does not`, 'bad_id');
    const id = parseId(entry.slice(at + 1), `Last-Event-ID ${channel.value}`);
    if (!id.ok) return id;
    positions.set(channel.value, entry.slice(at + 1));
  }
  return ok(positions);
}
