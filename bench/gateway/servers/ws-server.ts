/**
 * The ceiling: the simplest broadcast a ws server can do. A map from channel to its sockets;
 * each Redis message is sent as is, with socket.send(), to each subscriber. Fed through
 * Redis like the others (one subscriber connection, one SUBSCRIBE per channel), so the three
 * servers see the same hop from the publisher and differ only in what they do with an event.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { WebSocketServer, type WebSocket } from 'ws';
import { serve } from '../ipc.ts';
import type { RunContext } from '../run-context.ts';
import { probeHandlers } from './process-probe.ts';

let redis: Redis | undefined;
let wss: WebSocketServer | undefined;

async function start({ context }: { context: RunContext }): Promise<{ url: string }> {
  const subscriber = new Redis(context.redisUrl);
  redis = subscriber;
  subscriber.on('error', (error) => console.error(`ws server redis: ${error.message}`));
  const sockets = new Map<string, Set<WebSocket>>();
  subscriber.on('message', (redisChannel: string, text: string) => {
    const subscribers = sockets.get(redisChannel);
    if (subscribers) for (const socket of subscribers) socket.send(text);
  });

  const http = createServer();
  wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  wss.on('connection', (socket) => {
    const mine = new Set<string>();
    socket.on('message', async (data) => {
      const { subscribe } = JSON.parse(data.toString()) as { subscribe?: string[] };
      if (!subscribe) return;
      const fresh: string[] = [];
      for (const channel of subscribe) {
        const key = context.wsRedisPrefix + channel;
        let subscribers = sockets.get(key);
        if (!subscribers) sockets.set(key, (subscribers = new Set()));
        if (subscribers.size === 0) fresh.push(key);
        subscribers.add(socket);
        mine.add(key);
      }
      if (fresh.length > 0) await subscriber.subscribe(...fresh);
      socket.send('{"type":"subscribed"}');
    });
    socket.on('close', () => {
      for (const key of mine) sockets.get(key)?.delete(socket);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

serve({ start, ...probeHandlers }, async () => {
  for (const socket of wss?.clients ?? []) socket.terminate();
  wss?.close();
  redis?.disconnect();
});
