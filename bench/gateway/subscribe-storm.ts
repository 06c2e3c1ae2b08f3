/**
 * `npx tsx bench/gateway/subscribe-storm.ts [clients=50]`: how long a gateway on Kafka + Redis
 * takes to answer `clients` × 10 subscriptions over 100 channels, when its latest-event cache is
 * empty, as after a restart: once with an empty topic (each subscribe asks Kafka for offsets)
 * and once with events in it (each subscribe scans Kafka through a throwaway consumer group).
 * Needs the development broker running (npm run kafka:start). In one process: it times
 * subscribing, it does not measure memory. Bounded at 90 s per case.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import WebSocket from 'ws';
import { createGateway, createLogger } from '../../gateway/index.ts';
import { KafkaLog } from '../../publisher/kafka-log.ts';
import { RedisBus } from '../../publisher/redis-bus.ts';
import { kafkaIsReady } from '../../scripts/kafka-broker.ts';

const CASE_TIMEOUT_MS = 90_000;

async function storm(brokers: string[], clients: number, withEvents: boolean): Promise<string> {
  const run = randomBytes(4).toString('hex');
  const topic = `rtdash.gwbench-storm.${run}`;
  const channel = (i: number) => `gwbench.storm${run}.c${i % 100}`;
  const log = new KafkaLog({ brokers, topic });
  const bus = new RedisBus({ url: 'redis://127.0.0.1:6379' });
  try {
    if (withEvents) await log.append(Array.from({ length: 1000 }, (_, i) => ({ channel: channel(i), ts: Date.now(), data: { price: i } })));
    const gateway = await createGateway({ log, bus, logger: createLogger('warn') });
    const { port } = await gateway.listen(0);
    const sockets = await Promise.all(Array.from({ length: clients }, () => new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`);
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    })));
    let answered = 0;
    const started = Date.now();
    const done = new Promise<void>((resolve) => {
      sockets.forEach((socket, i) => {
        socket.on('message', (data) => {
          const text = String(data);
          if ((text.includes('"subscribed"') || text.includes('"error"')) && ++answered === clients * 10) resolve();
        });
        socket.send(JSON.stringify({ type: 'subscribe', channels: Array.from({ length: 10 }, (_, k) => channel(i * 7 + k * 13)) }));
      });
    });
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, CASE_TIMEOUT_MS))]);
    const ms = Date.now() - started;
    for (const socket of sockets) socket.terminate();
    await gateway.close();
    return `${clients} clients × 10 subscriptions, topic ${withEvents ? 'with events' : 'empty'}: ${answered} answered in ${(ms / 1000).toFixed(1)} s (${(ms / Math.max(1, answered)).toFixed(1)} ms per subscription)`;
  } finally {
    await log.close();
    await bus.close();
    const admin = new Kafka({ clientId: 'rtdash-bench-cleanup', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect();
  }
}

async function main(): Promise<void> {
  const clients = Number(process.argv[2] ?? 50);
  const brokers = ['127.0.0.1:19092'];
  // It uses the development broker and never starts (or stops) one itself.
  if (!(await kafkaIsReady(brokers))) throw new Error('no Kafka on 127.0.0.1:19092: npm run kafka:start first');
  for (const withEvents of [false, true]) console.log(await storm(brokers, clients, withEvents));
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
