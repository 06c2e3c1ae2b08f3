/**
 * The publisher's acceptance scenarios on a real Kafka broker and a real, private redis-server:
 * every event read back by a separate kafkajs consumer, every notice caught by a separate ioredis
 * subscriber (PSUBSCRIBE rtdash:*). The Kafka-down case runs on a broker of its own, started for
 * it and stopped under it; the shared broker (RTDASH_TEST_KAFKA_BROKERS, `npm run kafka:start`)
 * is never stopped, nor is the shared Redis on 6379.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import type { Admin } from 'kafkajs';
import { Redis } from 'ioredis';
import { compareIds, type Json, type LoggedEvent } from '../protocol/index.ts';
import { createPublisher, type PublisherConfig, type PublisherStack } from './create-publisher.ts';
import { PublishError } from './dual-publisher.ts';
import { kafkaIsReady, startKafka, stopKafka } from '../scripts/kafka-broker.ts';
import { startRedisServer, type TestRedisServer } from '../test/support/redis-server.ts';
import { freePortPair } from '../test/support/free-port.ts';

const brokers = (process.env.RTDASH_TEST_KAFKA_BROKERS ?? '127.0.0.1:19092').split(',').map((broker) => broker.trim());
const NOTICE_KEYS = new Set(['channel', 'id', 'ts', 'hint']);

let admin: Admin;
let redis: TestRedisServer;
/** The broker the Kafka-down test stops: started in before() so its JVM boots while the other tests run. */
let privateKafka: Promise<{ brokers: string[]; port: number; dataDir: string }>;
const topics: string[] = [];
const cleanups: Array<() => Promise<unknown>> = [];

before(async () => {
  if (!(await kafkaIsReady(brokers, 5000))) {
    throw new Error(`Kafka is not reachable at ${brokers.join(',')}: start it with \`npm run kafka:start\` or point RTDASH_TEST_KAFKA_BROKERS at a broker`);
  }
  admin = new Kafka({ clientId: 'rtdash-test-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  redis = await startRedisServer();
  privateKafka = (async () => {
    const port = await freePortPair();
    const dataDir = mkdtempSync(join(tmpdir(), 'rtdash-kafka-'));
    cleanups.push(async () => {
      await stopKafka({ port, dataDir, log: () => {} });
      rmSync(dataDir, { recursive: true, force: true });
    });
    const started = await startKafka({ port, dataDir, fresh: true, log: () => {} });
    return { brokers: started.brokers, port, dataDir };
  })();
  privateKafka.catch(() => {}); // reported by the test that awaits it
});

after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  if (admin) {
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => {});
    await admin.disconnect();
  }
  await redis?.stop();
});

function newTopic(name: string): string {
  const topic = `rtdash-test-pub-${name}-${randomUUID().slice(0, 8)}`;
  topics.push(topic);
  return topic;
}

/** A publisher stack on the shared broker and the private Redis (unless told otherwise), closed after the file. */
async function openStack(topic: string, config: PublisherConfig = {}): Promise<PublisherStack> {
  const stack = await createPublisher({
    kafkaBrokers: brokers,
    redisUrl: redis.url,
    topic,
    onBusError: () => {},
    onBreakerChange: () => {},
    ...config,
    kafka: { partitions: 3, clientId: topic, logLevel: logLevel.NOTHING, ...config.kafka },
    redis: { onError: () => {}, ...config.redis },
  });
  cleanups.push(() => stack.close());
  return stack;
}

/** Every notice published on rtdash:* of one Redis, as raw objects. */
async function subscribe(url: string): Promise<{ notices: Array<Record<string, unknown>>; close: () => Promise<void> }> {
  const subscriber = new Redis(url, { maxRetriesPerRequest: null });
  subscriber.on('error', () => {}); // it reconnects on its own while a test restarts Redis
  const notices: Array<Record<string, unknown>> = [];
  subscriber.on('pmessage', (_pattern: string, channel: string, text: string) => {
    const notice = JSON.parse(text) as Record<string, unknown>;
    assert.equal(channel, `rtdash:${String(notice.channel)}`, 'a notice travels on its channel');
    notices.push(notice);
  });
  await subscriber.psubscribe('rtdash:*');
  const close = async () => {
    subscriber.disconnect();
  };
  cleanups.push(close);
  return { notices, close };
}

/** Reads `count` events of a topic from the beginning with a kafkajs consumer of its own. */
async function readTopic(brokerList: string[], topic: string, count: number, timeoutMs = 20_000): Promise<LoggedEvent[]> {
  const kafka = new Kafka({ clientId: `${topic}-reader`, brokers: brokerList, logLevel: logLevel.NOTHING });
  const groupId = `${topic}-reader-${randomUUID().slice(0, 8)}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const events: LoggedEvent[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const value = JSON.parse(message.value!.toString('utf8')) as Omit<LoggedEvent, 'id'>;
          assert.equal(message.key?.toString('utf8'), value.channel, 'the key is the channel');
          events.push({ ...value, id: `${batch.partition}-${message.offset}` });
        }
        if (events.length >= count) done();
      },
    });
    const giveUp = new AbortController();
    await Promise.race([
      all.finally(() => giveUp.abort()),
      sleep(timeoutMs, undefined, { signal: giveUp.signal }).then(() => assert.fail(`read ${events.length} of ${count} events from ${topic} within ${timeoutMs} ms`), () => {}),
    ]);
  } finally {
    await consumer.disconnect().catch(() => {});
    // The group lives on the broker that was read, which is not always the shared one.
    const groups = kafka.admin();
    await groups.connect().then(() => groups.deleteGroups([groupId])).catch(() => {});
    await groups.disconnect().catch(() => {});
  }
  return events;
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

function byChannel(events: LoggedEvent[]): Map<string, LoggedEvent[]> {
  const channels = new Map<string, LoggedEvent[]>();
  for (const event of events) {
    let list = channels.get(event.channel);
    if (!list) channels.set(event.channel, (list = []));
    list.push(event);
  }
  return channels;
}

function checkNotice(notice: Record<string, unknown>): void {
  assert.deepEqual(Object.keys(notice).filter((key) => !NOTICE_KEYS.has(key)), [], `only channel, id, ts and hint: ${JSON.stringify(notice)}`);
  if ('hint' in notice) assert.ok(Buffer.byteLength(JSON.stringify(notice.hint)) <= 512, 'a hint within the cap');
}

test('10,000 events on 50 channels: Kafka holds them all in per-channel order, Redis got one capped notice each', async () => {
  const topic = newTopic('bulk');
  const stack = await openStack(topic, {
    hints: {
      'prices.*': (data) => ({ price: (data as { price: number }).price }),
      'metrics.*': (data) => ({ cpu: (data as { cpu: number }).cpu }),
      // The whole event as a hint: far over the cap, so its notices go without one.
      'blobs.*': (data) => data,
    },
  });
  const { notices } = await subscribe(redis.url);
  const channels = Array.from({ length: 50 }, (_, i) => (i < 25 ? `prices.S${i}` : i < 45 ? `metrics.h${i}` : `blobs.b${i}`));
  const seq = new Map(channels.map((channel) => [channel, 0]));
  const next = (n: number) => {
    const channel = channels[(n * 7 + (n >> 4)) % channels.length];
    const s = seq.get(channel)!;
    seq.set(channel, s + 1);
    const padding = 'x'.repeat((channel.startsWith('blobs.') ? 800 : 200) + (n % 50));
    const data: Json = { seq: s, price: n / 100, cpu: (n % 100) / 100, text: `é ${n} ✓`, padding, nested: { list: [n, null, true] } };
    // Every tenth event brings its own hint, which wins over the projection.
    return n % 10 === 0 ? { channel, data, hint: { own: n } } : { channel, data };
  };

  const started = Date.now();
  const sent: Array<{ channel: string; data: Json; hint?: Json }> = [];
  const written: LoggedEvent[] = [];
  for (let n = 0; n < 10_000;) {
    // Rounds of concurrent single publishes (coalesced), then a batch; 10,000 in all.
    const singles = Array.from({ length: 400 }, () => next(n++));
    const batch = Array.from({ length: 100 }, () => next(n++));
    sent.push(...singles, ...batch);
    const results = await Promise.all([...singles.map((event) => stack.publisher.publish(event)), stack.publisher.publishBatch(batch)]);
    written.push(...(results.slice(0, -1) as LoggedEvent[]), ...(results.at(-1) as LoggedEvent[]));
  }
  const publishMs = Date.now() - started;
  assert.equal(written.length, 10_000);
  assert.equal(new Set(written.map((event) => event.id)).size, 10_000, 'every event its own id');

  const read = await readTopic(brokers, topic, 10_000);
  assert.equal(read.length, 10_000, 'Kafka holds exactly the events published');
  const readChannels = byChannel(read);
  const sentChannels = byChannel(sent.map((event, i) => ({ ...event, ts: 0, id: written[i].id })));
  assert.equal(readChannels.size, 50);
  for (const [channel, expected] of sentChannels) {
    const got = readChannels.get(channel)!;
    assert.deepEqual(got.map((event) => (event.data as { seq: number }).seq), expected.map((_, i) => i), `${channel} in publish order`);
    assert.deepEqual(got.map((event) => event.data), expected.map((event) => event.data), `${channel} with full payloads`);
    assert.deepEqual(got.map((event) => event.id), expected.map((event) => event.id), `${channel} ids as publish() answered`);
    for (let i = 1; i < got.length; i++) assert.ok(compareIds(got[i].id, got[i - 1].id) > 0);
  }

  await until(() => notices.length >= 10_000, 'a notice for every event');
  await sleep(100);
  assert.equal(notices.length, 10_000, 'one notice per event, no more');
  const noticeById = new Map(notices.map((notice) => [notice.id as string, notice]));
  assert.equal(noticeById.size, 10_000);
  written.forEach((event, i) => {
    const notice = noticeById.get(event.id);
    assert.ok(notice, `a notice for ${event.id}`);
    checkNotice(notice);
    assert.equal(notice.channel, event.channel);
    assert.equal(notice.ts, event.ts);
    const source = sent[i];
    const data = source.data as { price: number; cpu: number };
    const expected = source.hint ?? (event.channel.startsWith('prices.') ? { price: data.price } : event.channel.startsWith('metrics.') ? { cpu: data.cpu } : undefined);
    assert.deepEqual(notice.hint, expected, `${event.id}: the hint and nothing of the payload beyond it`);
  });

  const metrics = stack.publisher.metrics();
  assert.equal(metrics.eventsPublished, 10_000);
  assert.equal(metrics.noticesSent, 10_000);
  assert.equal(metrics.noticesDropped, 0);
  const blobsProjected = sent.filter((event) => event.channel.startsWith('blobs.') && event.hint === undefined).length;
  assert.equal(metrics.hintsOmitted, blobsProjected, 'the blob channels\' projections, over the cap');
  assert.ok(metrics.logAppends <= 100, `coalesced into ${metrics.logAppends} Kafka requests`);
  assert.ok(metrics.ackLatency.count === metrics.logAppends && metrics.ackLatency.p50Ms > 0);
  console.log(`# 10,000 events published in ${publishMs} ms over ${metrics.logAppends} Kafka requests; ack p50 ${metrics.ackLatency.p50Ms} ms, p99 ${metrics.ackLatency.p99Ms} ms`);
});

test('Redis stopped mid-run: every publish resolves, Kafka holds every event, drops are counted, notices resume on their own', async () => {
  const own = await startRedisServer();
  cleanups.push(() => own.stop());
  const topic = newTopic('redis-down');
  const breakerStates: string[] = [];
  const stack = await openStack(topic, {
    redisUrl: own.url,
    noticeBreaker: { failureThreshold: 3, cooldownMs: 200 },
    onBreakerChange: (state) => breakerStates.push(state),
  });
  const { notices } = await subscribe(own.url);
  const written: LoggedEvent[] = [];
  let n = 0;
  /** One round: a batch and a few concurrent single publishes, every one of which must resolve. */
  const round = async (phase: string) => {
    const batch = Array.from({ length: 20 }, () => ({ channel: `metrics.h${n % 5}`, data: { phase, n: n++ }, hint: { n } }));
    const singles = Array.from({ length: 5 }, () => stack.publisher.publish({ channel: `prices.S${n % 3}`, data: { phase, n: n++ } }));
    const [events, ...single] = await Promise.all([stack.publisher.publishBatch(batch), ...singles]);
    written.push(...(events as LoggedEvent[]), ...(single as LoggedEvent[]));
    await sleep(20);
  };

  for (let i = 0; i < 10; i++) await round('before');
  await until(() => notices.length === written.length, 'the notices before the stop');
  const droppedBefore = stack.publisher.metrics().noticesDropped;
  assert.equal(droppedBefore, 0);

  await own.stop();
  const stoppedAt = Date.now();
  while (Date.now() - stoppedAt < 1000) await round('down');
  const down = stack.publisher.metrics();
  assert.ok(down.noticesDropped > droppedBefore, 'the dropped-notice count rose');
  assert.equal(down.breaker.state === 'closed', false, 'the breaker stopped the tries');
  assert.ok(down.noticeDrops.breakerOpen > 0);

  await own.restart();
  const restartedAt = Date.now();
  const before = notices.length;
  let resumed: Record<string, unknown> | undefined;
  while (!resumed) {
    assert.ok(Date.now() - restartedAt < 10_000, 'notices resumed within 10 s of the restart');
    const from = written.length;
    await round('after');
    const ids = new Set(written.slice(from).map((event) => event.id));
    await sleep(50);
    resumed = notices.slice(before).find((notice) => ids.has(notice.id as string));
  }
  console.log(`# notices resumed ${Date.now() - restartedAt} ms after Redis came back; breaker went ${breakerStates.join(' → ')}`);
  for (let i = 0; i < 3; i++) await round('after');
  await sleep(100);
  assert.equal(stack.publisher.metrics().breaker.state, 'closed');

  const read = await readTopic(brokers, topic, written.length);
  assert.equal(read.length, written.length, 'Kafka holds every event, Redis or not');
  assert.deepEqual(new Set(read.map((event) => event.id)), new Set(written.map((event) => event.id)));
  const metrics = stack.publisher.metrics();
  assert.equal(metrics.eventsPublished, written.length);
  assert.equal(metrics.eventsFailed, 0);
  assert.equal(metrics.noticesSent + metrics.noticesDropped, written.length, 'every notice sent or counted as dropped');
  for (const notice of notices) checkNotice(notice);
  assert.ok(breakerStates.includes('open') && breakerStates.at(-1) === 'closed');
});

test('Kafka stopped: publish rejects with a clear error within the configured timeout, and nothing is announced for it', async () => {
  const started = await privateKafka;
  const broker = { port: started.port, dataDir: started.dataDir, log: () => {} };
  const topic = `rtdash-test-pub-kafka-down-${randomUUID().slice(0, 8)}`;
  const stack = await openStack(topic, { kafkaBrokers: started.brokers, appendTimeoutMs: 2000 });
  const { notices } = await subscribe(redis.url);
  const mine = () => notices.filter((notice) => String(notice.channel).startsWith('orders.'));

  const first = await stack.publisher.publish({ channel: 'orders.eu', data: { n: 1 }, hint: { n: 1 } });
  await until(() => mine().length === 1, 'the notice of the event written while Kafka was up');

  await stopKafka(broker);
  const stoppedAt = Date.now();
  const results = await Promise.allSettled([
    stack.publisher.publish({ channel: 'orders.eu', data: { n: 2 }, hint: { n: 2 } }),
    stack.publisher.publishBatch([{ channel: 'orders.us', data: { n: 3 } }, { channel: 'orders.eu', data: { n: 4 } }]),
  ]);
  const elapsed = Date.now() - stoppedAt;
  for (const result of results) {
    assert.equal(result.status, 'rejected');
    const error = (result as PromiseRejectedResult).reason as PublishError;
    assert.ok(error instanceof PublishError);
    assert.ok(error.reason === 'timeout' || error.reason === 'log-failed', error.reason);
    assert.match(error.message, new RegExp(`Kafka topic ${topic} at ${started.brokers[0]} did not acknowledge within 2000 ms|Kafka append to topic ${topic} failed`));
  }
  assert.ok(elapsed <= 2000 + 250, `rejected after ${elapsed} ms, configured 2000 ms`);
  console.log(`# with Kafka down, publish rejected after ${elapsed} ms: ${((results[0] as PromiseRejectedResult).reason as Error).message}`);

  await sleep(300);
  assert.deepEqual(mine().map((notice) => notice.id), [first.id], 'no notice for a rejected event');
  const metrics = stack.publisher.metrics();
  assert.equal(metrics.eventsFailed, 3);
  assert.equal(metrics.eventsPublished, 1);
  const closeStarted = Date.now();
  await stack.close();
  assert.ok(Date.now() - closeStarted < 5000, `close took ${Date.now() - closeStarted} ms with Kafka down`);
  assert.deepEqual(mine().map((notice) => notice.id), [first.id], 'nothing announced while closing either');
});

test('bad input gets a clear error and publishes nothing', async () => {
  const topic = newTopic('bad-input');
  const stack = await openStack(topic, { maxBatchSize: 10 });
  const { notices } = await subscribe(redis.url);
  const cyclic: Record<string, unknown> = { name: 'loop' };
  cyclic.self = cyclic;
  const single: Array<[string, unknown, RegExp]> = [
    ['no channel', { data: { price: 1 } }, /^channel is required$/],
    ['bad channel name', { channel: 'prices/BTC USD', data: 1 }, /channel "prices\/BTC USD" is not a valid channel name/],
    ['unserialisable data (cycle)', { channel: 'bad.input', data: cyclic }, /^data cannot be serialised as JSON/],
    ['unserialisable data (BigInt)', { channel: 'bad.input', data: { n: 10n } }, /^data cannot be serialised as JSON/],
    ['payload over the limit', { channel: 'bad.input', data: 'x'.repeat(70_000) }, /^data is 70002 bytes, over the limit of 65536$/],
  ];
  for (const [what, input, message] of single) {
    await assert.rejects(stack.publisher.publish(input as never), (error: unknown) => {
      assert.ok(error instanceof PublishError, what);
      assert.equal(error.reason, 'invalid', what);
      assert.ok(error.problem, what);
      assert.match(error.message, message, what);
      return true;
    });
  }
  const good = { channel: 'bad.input', data: 1 };
  const failsWith = (message: RegExp) => (error: unknown) => error instanceof PublishError && error.reason === 'invalid' && message.test(error.message);
  await assert.rejects(stack.publisher.publishBatch(Array.from({ length: 11 }, () => good)), failsWith(/^batch holds 11 events, over the limit of 10$/));
  await assert.rejects(stack.publisher.publishBatch([good, good, { channel: 'bad.input', data: undefined } as never]), failsWith(/^events\[2\]\.data is required$/));

  await sleep(200);
  const offsets = await admin.fetchTopicOffsets(topic);
  assert.equal(offsets.reduce((sum, { high }) => sum + Number(high), 0), 0, 'nothing reached Kafka');
  assert.deepEqual(notices.filter((notice) => notice.channel === 'bad.input'), [], 'nothing reached Redis');
  const metrics = stack.publisher.metrics();
  assert.equal(metrics.logAppends, 0);
  assert.equal(metrics.eventsRejected, 5 + 11 + 3);
});
