/**
 * The machine's ceiling, not a contender: how many deliveries per second these 1,000 clients
 * can take on this machine when the server does next to nothing. It publishes in its own
 * process (no Redis, no Kafka), frames each event once as bytes and sends every subscriber the
 * frames of one loop turn joined in one message, as rtdash does (gateway/socket-outbox.ts). No
 * server that really routes events can deliver more here; a target above this row's figure
 * cannot be shown on this machine.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { SendBatcher } from '../../../gateway/send-batcher.ts';
import { SocketOutbox } from '../../../gateway/socket-outbox.ts';
import { serve } from '../ipc.ts';
import { stepHandler, type BenchPublisher } from '../publishers/bench-publisher.ts';
import type { OutgoingEvent } from '../pacer.ts';
import type { RunContext } from '../run-context.ts';
import { probeHandlers } from './process-probe.ts';

const MAX_MESSAGE_BYTES = 512 * 1024; // the gateway's default maxBatchFrameBytes

let wss: WebSocketServer | undefined;
let publisher: BenchPublisher | undefined;

async function start({ context }: { context: RunContext }): Promise<{ url: string }> {
  const subscribers = context.channels.map(() => new Set<SocketOutbox>());
  const batcher = new SendBatcher();
  publisher = {
    errors: 0,
    lastError: undefined,
    send(events: OutgoingEvent[]) {
      for (const { channelIndex, data } of events) {
        const frame = Buffer.from(JSON.stringify({ channel: context.channels[channelIndex], data }));
        for (const outbox of subscribers[channelIndex]) outbox.push(frame);
      }
    },
    settle: async () => {},
    close: async () => {},
  };

  const indexOf = new Map(context.channels.map((channel, i) => [channel, i]));
  const http = createServer();
  wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  wss.on('connection', (socket) => {
    const outbox = new SocketOutbox(socket, batcher, true, MAX_MESSAGE_BYTES);
    const mine: number[] = [];
    socket.on('message', (data) => {
      const { subscribe } = JSON.parse(data.toString()) as { subscribe?: string[] };
      for (const channel of subscribe ?? []) {
        const index = indexOf.get(channel);
        if (index === undefined) continue;
        subscribers[index].add(outbox);
        mine.push(index);
      }
      socket.send('{"type":"subscribed"}');
    });
    socket.on('close', () => {
      for (const index of mine) subscribers[index].delete(outbox);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

serve({ start, step: stepHandler(() => publisher!), ...probeHandlers }, async () => {
  for (const socket of wss?.clients ?? []) socket.terminate();
  wss?.close();
});
