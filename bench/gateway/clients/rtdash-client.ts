/**
 * An rtdash client. A preview and the full event that refines it carry the same id, so an
 * event counts as delivered on whichever arrives first; full events are also timed alone (the
 * Kafka path). Previews come by Redis and may overtake the full events of older ids, which
 * come by Kafka: a full event older than the newest preview is still a first delivery unless
 * its own preview came, so the client keeps the newest full id per channel and the ids of the
 * previews seen ahead of it (session 2's client counted only ids above the newest of either,
 * which undercounted the hints row once Kafka lagged Redis by more than an event's interval).
 * Event frames are scanned, not parsed (see frame-scan.ts); the rare others are parsed. It asks
 * for joined frames, as the browser's WebSocket transport does: a message may hold several
 * frames, one per line.
 */
import WebSocket from 'ws';
import { withSubscribeTimeout, type BenchClient, type ConnectClient } from './bench-client.ts';
import { numberAfter, stringAfter } from './frame-scan.ts';

interface EventLike { channel: string; id: string; ts: number; partial?: true }

const EVENT_PREFIX = '{"type":"event"';

export const connectRtdash: ConnectClient = (url, recorder) => new Promise((resolve, reject) => {
  const socket = new WebSocket(`${url}?frames=lines`, { perMessageDeflate: false, skipUTF8Validation: true });
  const newestFull = new Map<string, number>();
  const previewsAhead = new Map<string, Set<number>>();
  let onAnswer: ((frame: { type: string; message?: string }) => void) | undefined;

  const onEvent = ({ channel, id, ts, partial }: EventLike) => {
    const offset = Number(id.slice(id.indexOf('-') + 1));
    let ahead = previewsAhead.get(channel);
    if (!ahead) previewsAhead.set(channel, (ahead = new Set()));
    const aheadOfFull = offset > (newestFull.get(channel) ?? -1);
    const first = aheadOfFull && !ahead.has(offset);
    if (partial) {
      if (aheadOfFull) ahead.add(offset);
    } else if (aheadOfFull) {
      newestFull.set(channel, offset);
      for (const seen of ahead) if (seen <= offset) ahead.delete(seen);
    }
    recorder.event(ts, first);
    if (!partial) recorder.fullEvent(ts);
  };

  const onFrame = (text: string) => {
    if (text.startsWith(EVENT_PREFIX)) {
      // Field order is the gateway's: channel, id, ts, data, then partial (previews only).
      const channel = stringAfter(text, 'channel')!;
      const id = stringAfter(text, 'id')!;
      onEvent({ channel, id, ts: numberAfter(text, 'ts'), partial: text.endsWith('"partial":true}') ? true : undefined });
      return;
    }
    const frame = JSON.parse(text);
    if (frame.type === 'batch') for (const event of frame.events) onEvent(event);
    else if (frame.type === 'subscribed' || frame.type === 'error') onAnswer?.(frame);
  };
  socket.on('message', (data) => {
    const lines = data.toString().split('\n');
    if (lines[0].startsWith(EVENT_PREFIX)) recorder.socketMessage(numberAfter(lines[0], 'ts'));
    for (const line of lines) onFrame(line);
  });
  socket.once('error', reject);
  socket.on('close', (code) => recorder.closed(code));
  socket.once('open', () => {
    const client: BenchClient = {
      subscribe(channels) {
        let left = channels.length;
        const answered = new Promise<void>((done, fail) => {
          onAnswer = (frame) => {
            if (frame.type === 'error') fail(new Error(`rtdash refused a subscription: ${frame.message}`));
            else if (--left === 0) done();
          };
        });
        socket.send(JSON.stringify({ type: 'subscribe', channels, ref: 1 }));
        return withSubscribeTimeout(answered, 'rtdash subscribe');
      },
      close: () => socket.close(),
    };
    resolve(client);
  });
});
