/**
 * `npx tsx bench/gateway/hot-path.ts`: what one delivery costs in the gateway, piece by piece,
 * in this process and on a real loopback socket. The bench's CPU profiles say where the time
 * goes under load; this says how much each piece costs alone, and what writing several frames
 * per system call (corking the socket) would save. Each measurement runs for a fixed time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import * as ws from 'ws';
import { WebSocket, WebSocketServer } from 'ws';
import { GatewayMetrics } from '../../gateway/metrics.ts';
import { DEFAULT_GATEWAY_SETTINGS } from '../../gateway/options.ts';
import { Session } from '../../gateway/session.ts';
import type { Hub } from '../../gateway/hub.ts';
import { encodeServerFrame, isNewer, type WireEvent } from '../../protocol/index.ts';
import { table } from './table.ts';
import { Frame } from '../../gateway/frame.ts';

const RUN_MS = 400;
// ws exports its Sender; @types/ws does not declare it.
const { Sender } = ws as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } };

/** ns per call of `body(i)`, after a warm-up, over RUN_MS. */
function measure(body: (i: number) => void): number {
  for (let i = 0; i < 20_000; i++) body(i);
  let calls = 0;
  const started = process.hrtime.bigint();
  const until = started + BigInt(RUN_MS * 1e6);
  let now = started;
  while (now < until) {
    for (let k = 0; k < 1000; k++) body(calls++);
    now = process.hrtime.bigint();
  }
  return Number(now - started) / calls;
}

const event = (offset: number): WireEvent => ({
  channel: 'gwbench.hot.c042', id: `1-${offset}`, ts: 1733327700123.456,
  data: { price: 103.1234, ts: 1733327700123.456, seq: offset, sym: 'SYM042', venue: 'XNAS', qty: 456 },
});

function inProcess(): string[][] {
  const rows: string[][] = [];
  const metrics = new GatewayMetrics({ defaultMetrics: false });
  // Sessions with a sink that writes nothing: the JS a delivery costs before the socket.
  const SUBSCRIBERS = 100;
  const sessions = Array.from({ length: SUBSCRIBERS }, () => new Session(
    { transport: 'websocket', write: () => {}, bufferedBytes: () => 0, onceDrained: () => {}, close: () => {} },
    {} as Hub, DEFAULT_GATEWAY_SETTINGS, metrics,
  ));
  const events = Array.from({ length: 4096 }, (_, i) => event(i));
  const frames = events.map((e) => new Frame(encodeServerFrame({ type: 'event', ...e })));
  let offset = 0;
  const perDelivery = measure((i) => {
    // Ids must keep growing, or isNewer() would stop the delivery early.
    const e = { ...events[i % 4096], id: `1-${offset++}` };
    for (const session of sessions) session.deliverLive(e, frames[i % 4096]);
  }) / SUBSCRIBERS;
  rows.push(['Session.deliverLive, whole (isNewer + holdBack + positions.set + metrics + sink call)', perDelivery.toFixed(0)]);
  const ids = Array.from({ length: 4096 }, (_, i) => `1-${1_000_000 + i}`);
  rows.push(['  isNewer(id, position): two regex parses and two result objects', measure((i) => { isNewer(ids[(i + 1) & 4095], ids[i & 4095]); }).toFixed(0)]);
  rows.push(['  metrics.framesOut[transport]++', measure(() => metrics.framesOut.websocket++).toFixed(0)]);
  const positions = new Map<string, string>();
  rows.push(['  positions.set(channel, id)', measure((i) => { positions.set('gwbench.hot.c042', ids[i & 4095]); }).toFixed(0)]);
  rows.push(['encodeServerFrame (once per event and channel, not per subscriber)', measure((i) => { encodeServerFrame({ type: 'event', ...events[i & 4095] }); }).toFixed(0)]);
  rows.push(['ws frame for one send: Buffer.from(text) + header (Sender.frame)', measure((i) => {
    Sender.frame(Buffer.from(frames[i & 4095].text), { fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false });
  }).toFixed(0)]);
  return rows;
}

/**
 * The receiving end runs in another process, as the bench clients do, so what is timed is the
 * sender's CPU (user + system: the kernel's loopback work lands on the sender's system call).
 */
function startSink(kind: 'tcp' | 'ws', port: number): ChildProcess {
  const script = kind === 'tcp'
    ? `require('net').connect(${port}, '127.0.0.1').on('data', () => {})`
    : `new (require('ws'))('ws://127.0.0.1:${port}', { perMessageDeflate: false }).on('message', () => {})`;
  return spawn(process.execPath, ['-e', script], { cwd: fileURLToPath(new URL('../../', import.meta.url)), stdio: 'ignore' });
}

/** Sender CPU ns per frame: `perWrite` frames per system call (corked), the receiver in another process. */
async function cpuPerFrame(write: (perWrite: number) => void, socket: Socket, perWrite: number): Promise<number> {
  let frames = 0;
  const cpuBefore = process.cpuUsage();
  const until = process.hrtime.bigint() + BigInt(RUN_MS * 1e6);
  while (process.hrtime.bigint() < until) {
    for (let k = 0; k < 100; k++) {
      if (perWrite > 1) socket.cork();
      write(perWrite);
      if (perWrite > 1) socket.uncork();
      frames += perWrite;
    }
    // Let the reader catch up so the kernel buffer never fills (a full buffer would make writes async).
    if (socket.writableLength > 0) await once(socket, 'drain');
    await new Promise((resolve) => setImmediate(resolve));
  }
  const { user, system } = process.cpuUsage(cpuBefore);
  return ((user + system) * 1000) / frames;
}

async function rawWrites(): Promise<string[][]> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const sink = startSink('tcp', (server.address() as AddressInfo).port);
  const [socket] = (await once(server, 'connection')) as [Socket];
  // As ws does on every socket: each write leaves as its own TCP segment.
  socket.setNoDelay(true);
  const frame = Buffer.from(`\x81\x7e${'x'.repeat(180)}`);
  const rows: string[][] = [];
  for (const n of [1, 10]) {
    const ns = await cpuPerFrame((count) => { for (let j = 0; j < count; j++) socket.write(frame); }, socket, n);
    rows.push([`net.Socket.write of a 184-byte frame (TCP_NODELAY, as ws sets), ${n} per system call`, ns.toFixed(0)]);
  }
  sink.kill();
  server.close();
  socket.destroy();
  return rows;
}

async function wsSends(): Promise<string[][]> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await once(wss, 'listening');
  const sink = startSink('ws', (wss.address() as AddressInfo).port);
  const [peer] = (await once(wss, 'connection')) as [WebSocket];
  const text = encodeServerFrame({ type: 'event', ...event(1) });
  const raw = (peer as unknown as { _socket: Socket })._socket;
  // Framed once for every subscriber, as Socket.IO does (wsPreEncodedFrame): two buffers, or one.
  const sender = (peer as unknown as { _sender: { sendFrame(list: Buffer[]): void } })._sender;
  const preFramed = Sender.frame(Buffer.from(text), { fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false });
  const oneBuffer = [Buffer.concat(preFramed)];
  const variants: Array<[string, (count: number) => void]> = [
    ['ws.send(event frame text), as the gateway does', (count) => { for (let j = 0; j < count; j++) peer.send(text); }],
    ['frame built once, sent as [header, payload] (Socket.IO\'s way)', (count) => { for (let j = 0; j < count; j++) sender.sendFrame(preFramed); }],
    ['frame built once as one Buffer', (count) => { for (let j = 0; j < count; j++) sender.sendFrame(oneBuffer); }],
  ];
  const rows: string[][] = [];
  for (const [label, write] of variants) {
    for (const n of [1, 10]) rows.push([`${label}, ${n === 1 ? 'one system call each' : `${n} per system call (socket corked)`}`, (await cpuPerFrame(write, raw, n)).toFixed(0)]);
  }
  sink.kill();
  wss.close();
  return rows;
}

async function main(): Promise<void> {
  console.log(`hot path of one delivery (node ${process.version}); ns per operation\n`);
  console.log(table(['in process', 'ns'], inProcess()));
  const rows = [...(await rawWrites()), ...(await wsSends())];
  console.log(`\n${table(['on a loopback socket, receiver in another process', 'sender CPU ns per frame'], rows)}`);
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
