/**
 * Socket.IO 4 as its docs set it up for several nodes: the Redis adapter on two ioredis
 * connections, clients joining one room per channel. Everything else is left at its defaults.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { serve } from '../ipc.ts';
import type { RunContext } from '../run-context.ts';
import { probeHandlers } from './process-probe.ts';

let io: Server | undefined;
let redis: Redis[] = [];

async function start({ context }: { context: RunContext }): Promise<{ url: string }> {
  const http = createServer();
  io = new Server(http, { serveClient: false });
  const pub = new Redis(context.redisUrl);
  const sub = pub.duplicate();
  redis = [pub, sub];
  for (const connection of redis) connection.on('error', (error) => console.error(`socket.io server redis: ${error.message}`));
  io.adapter(createAdapter(pub, sub, { key: context.socketIoKey }));
  io.on('connection', (socket) => {
    socket.on('subscribe', (channels: string[], ack?: () => void) => {
      socket.join(channels);
      ack?.();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

serve({ start, ...probeHandlers }, async () => {
  await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : resolve()));
  for (const connection of redis) connection.disconnect();
});
