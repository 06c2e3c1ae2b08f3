/**
 * The same events as a latency page, timed at arrival on the wire by a bare Node WebSocket
 * client through nginx: publish-to-wire against publish-to-DOM tells the server's share of the
 * latency from the browser's.
 */
import WebSocket from 'ws';

export interface WireProbe {
  reset(): void;
  /** Publish-to-arrival (ms) of the first frame of each event since the last reset. */
  samples(): number[];
  /** When each sample arrived (ms since the epoch) and on which channel, in the order of samples(). */
  arrivals(): number[];
  channels(): string[];
  /** Of the samples, how many arrived first as a preview (the notice's hint) rather than the full event. */
  previews(): number;
  close(): void;
}

export async function openWireProbe(wsUrl: string, channels: string[]): Promise<WireProbe> {
  const socket = new WebSocket(wsUrl);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let samples: number[] = [];
  let arrivals: number[] = [];
  let channelOf: string[] = [];
  let previews = 0;
  const seen = new Set<string>();
  const note = (event: { channel?: string; partial?: true; data?: { n?: number; sent?: number } }, at: number) => {
    const key = `${event.channel}#${event.data?.n}`;
    if (typeof event.data?.sent !== 'number' || seen.has(key)) return;
    seen.add(key);
    samples.push(at - event.data.sent);
    arrivals.push(at);
    channelOf.push(String(event.channel));
    if (event.partial) previews++;
  };
  socket.on('message', (data) => {
    const at = Date.now();
    const frame = JSON.parse(data.toString());
    if (frame.type === 'event') note(frame, at);
    else if (frame.type === 'batch') for (const event of frame.events) note(event, at);
  });
  socket.send(JSON.stringify({ type: 'subscribe', channels }));
  return {
    reset: () => { samples = []; arrivals = []; channelOf = []; previews = 0; seen.clear(); },
    samples: () => samples,
    arrivals: () => arrivals,
    channels: () => channelOf,
    previews: () => previews,
    close: () => socket.terminate(),
  };
}
