/**
 * A child process holding a share of the bench clients. The driver opens them in two halves
 * (idle), subscribes them in two halves (the halves let it read memory per extra connection),
 * then marks each rate step and collects what they saw.
 */
import { serve } from '../ipc.ts';
import { cpuMs } from '../servers/process-probe.ts';
import type { BenchClient, ClientKind, ConnectClient } from './bench-client.ts';
import { Recorder } from './recorder.ts';
import { connectRtdash } from './rtdash-client.ts';
import { connectSocketIo } from './socketio-client.ts';
import { connectSocketIoRaw } from './socketio-raw-client.ts';
import { connectBareWs } from './ws-client.ts';

const CONNECTORS: Record<ClientKind, ConnectClient> = {
  rtdash: connectRtdash, socketio: connectSocketIoRaw, 'socketio-official': connectSocketIo, ws: connectBareWs,
};
// Connections opened at once: enough to be quick, few enough not to overflow the listen backlog.
const OPEN_CONCURRENCY = 50;

const recorder = new Recorder();
const clients: BenchClient[] = [];
let connect: ConnectClient | undefined;
let url = '';
let subscriptions: string[][] = [];

/** Client indexes of half 0 or 1 of this process's share. */
function half(part: 0 | 1): number[] {
  const middle = Math.ceil(subscriptions.length / 2);
  const [from, to] = part === 0 ? [0, middle] : [middle, subscriptions.length];
  return Array.from({ length: to - from }, (_, i) => from + i);
}

serve({
  prepare(args: { kind: ClientKind; url: string; channels: string[][] }) {
    connect = CONNECTORS[args.kind];
    url = args.url;
    subscriptions = args.channels;
  },
  async open({ part }: { part: 0 | 1 }) {
    const indexes = half(part);
    let next = 0;
    const worker = async () => {
      while (next < indexes.length) {
        const i = indexes[next++];
        clients[i] = await connect!(url, recorder);
      }
    };
    await Promise.all(Array.from({ length: OPEN_CONCURRENCY }, worker));
    return indexes.length;
  },
  async subscribe({ part }: { part: 0 | 1 }) {
    await Promise.all(half(part).map((i) => clients[i].subscribe(subscriptions[i])));
  },
  beginStep({ index, fromTs, cutoffTs }: { index: number; fromTs: number; cutoffTs: number }) {
    recorder.beginStep(index, fromTs, cutoffTs);
  },
  delivered: ({ index }: { index: number }) => recorder.delivered(index),
  counts: ({ index }: { index: number }) => recorder.counts(index),
  closes: () => Object.fromEntries(recorder.closes),
  cpu: () => cpuMs(),
}, () => {
  for (const client of clients) client?.close();
});
