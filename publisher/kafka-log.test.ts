/**
 * KafkaLog against a real broker (`npm run kafka:start`, or RTDASH_TEST_KAFKA_BROKERS). Each test
 * works in a topic of its own and deletes it afterwards. No broker means failure, not a skip:
 * a green run must mean Kafka was exercised.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import type { Admin } from 'kafkajs';
import { KafkaLog } from './kafka-log.ts';
import { kafkaIsReady } from '../scripts/kafka-broker.ts';
import { freePort } from '../test/support/free-port.ts';
import { partitionFor } from '../protocol/log.ts';
import { compareIds, formatId, parseId } from '../protocol/ids.ts';
import type { LogRecord, LoggedEvent } from '../protocol/events.ts';

const brokers = (process.env.RTDASH_TEST_KAFKA_BROKERS ?? '127.0.0.1:19092').split(',').map((broker) => broker.trim());
const CHANNELS = ['prices.BTC-USD', 'prices.ETH-USD', 'metrics.web-1', 'metrics.web-2', 'orders.eu'];

let admin: Admin;
const topics: string[] = [];
const logs: KafkaLog[] = [];

before(async () => {
  if (!(await kafkaIsReady(brokers, 5000))) {
    throw new Error(`Kafka is not reachable at ${brokers.join(',')}: start it with \`npm run kafka:start\` or point RTDASH_TEST_KAFKA_BROKERS at a broker`);
  }
  admin = new Kafka({ clientId: 'rtdash-test-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
});

after(async () => {
  await Promise.all(logs.map((log) => log.close()));
  if (!admin) return;
  if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => {});
  await admin.disconnect();
});

/** A connected log on a fresh topic; its clientId names the test so leftover groups are traceable. */
async function openLog(name: string): Promise<KafkaLog> {
  const suffix = randomUUID().slice(0, 8);
  const log = new KafkaLog({ brokers, topic: `rtdash-test-${name}-${suffix}`, clientId: `rtdash-test-${name}-${suffix}`, partitions: 3 });
  topics.push(log.topic);
  logs.push(log);
  await log.connect();
  return log;
}

function record(channel: string, n: number): LogRecord {
  const value: LogRecord = { channel, ts: 1_700_000_000_000 + n, data: { n, price: n * 1.25, note: `é ${n} ✓`, nested: { list: [n, null, true] } } };
  if (n % 2 === 0) value.hint = { n };
  return value;
}

async function readAll(log: KafkaLog, channel: string, afterId: string | undefined, pageSize: number): Promise<LoggedEvent[]> {
  const events: LoggedEvent[] = [];
  let cursor = afterId;
  for (;;) {
    const page = await log.read(channel, cursor, pageSize);
    assert.equal(page.reset, undefined);
    events.push(...page.events);
    if (!page.more) return events;
    assert.equal(page.events.length, pageSize, 'a page with more to come is full');
    cursor = page.events[page.events.length - 1].id;
  }
}

test('appends 1,000 events and reads every channel back in order with the same ids and payloads', async () => {
  const log = await openLog('roundtrip');
  const written: LoggedEvent[] = [];
  let n = 0;
  for (const batchSize of [100, 400, 250, 250]) {
    const batch = Array.from({ length: batchSize }, () => record(CHANNELS[(n * 7 + (n >> 3)) % CHANNELS.length], n++));
    const events = await log.append(batch);
    assert.equal(events.length, batch.length);
    events.forEach((event, i) => {
      assert.deepEqual({ ...event, id: undefined }, { ...batch[i], id: undefined });
      const position = parseId(event.id);
      assert.ok(position.ok);
      assert.equal(position.value.partition, partitionFor(event.channel, 3), 'the channel decides the partition');
    });
    written.push(...events);
  }
  assert.equal(new Set(written.map((event) => event.id)).size, 1000, 'ids are unique');

  for (const channel of CHANNELS) {
    const expected = written.filter((event) => event.channel === channel);
    for (let i = 1; i < expected.length; i++) assert.ok(compareIds(expected[i].id, expected[i - 1].id) > 0, 'ids of a channel only grow');

    const whole = await log.read(channel, undefined, 1000);
    assert.equal(whole.more, false);
    assert.deepEqual(whole.events, expected, `${channel} reads back as written`);

    assert.deepEqual(await readAll(log, channel, undefined, 37), expected, `${channel} reads back page by page`);

    const middle = Math.floor(expected.length / 2);
    const later = await log.read(channel, expected[middle].id, 1000);
    assert.deepEqual(later.events, expected.slice(middle + 1), 'read after an id returns exactly the later events');

    const end = await log.read(channel, expected[expected.length - 1].id, 10);
    assert.deepEqual(end, { events: [], more: false }, 'nothing after the newest id');
  }
  assert.equal(log.invalidRecords, 0);

  await log.close();
  const { groups } = await admin.listGroups();
  assert.deepEqual(groups.filter((group) => group.groupId.startsWith(log.topic)), [], 'reads leave no consumer groups behind');
});

test('answers a reset instead of a gap', async () => {
  const log = await openLog('reset');
  const channel = 'prices.BTC-USD';
  const partition = partitionFor(channel, 3);
  const events = await log.append(Array.from({ length: 20 }, (_, i) => record(channel, i)));
  const last = parseId(events[19].id);
  assert.ok(last.ok);

  assert.deepEqual(await log.read(channel, formatId(partition, last.value.offset + 5), 10), { events: [], reset: 'log-reset', more: false }, 'future id');
  assert.deepEqual(await log.read(channel, formatId((partition + 1) % 3, 3), 10), { events: [], reset: 'log-reset', more: false }, 'wrong partition');
  assert.deepEqual(await log.read(channel, 'not-an-id', 10), { events: [], reset: 'unknown-id', more: false });

  // Retention, simulated: the first 10 records of the partition are gone.
  await admin.fetchTopicMetadata({ topics: [log.topic] }); // deleteTopicRecords only knows topics already in the admin's metadata
  await admin.deleteTopicRecords({ topic: log.topic, partitions: [{ partition, offset: '10' }] });
  assert.deepEqual(await log.read(channel, events[5].id, 10), { events: [], reset: 'too-old', more: false }, 'id below the retained range');
  assert.deepEqual((await log.read(channel, events[9].id, 100)).events, events.slice(10), 'the id just before the retained range still resumes');
  assert.deepEqual((await log.read(channel, undefined, 100)).events, events.slice(10), 'no id starts at the oldest retained event');
});

test('latest() returns the newest event of a channel', async () => {
  const log = await openLog('latest');
  assert.equal(await log.latest('prices.BTC-USD'), undefined, 'empty topic');
  const first = await log.append(CHANNELS.flatMap((channel) => [record(channel, 1), record(channel, 2)]));
  for (const channel of CHANNELS) {
    assert.deepEqual(await log.latest(channel), first.filter((event) => event.channel === channel).at(-1));
  }
  // Bury one channel under 700 records of others that share its partition: past the first window.
  const quiet = CHANNELS[0];
  const neighbour = Array.from({ length: 30 }, (_, i) => `noise.n${i}`).find((c) => partitionFor(c, 3) === partitionFor(quiet, 3));
  assert.ok(neighbour, 'a channel sharing the partition');
  const [newest] = await log.append([record(quiet, 3)]);
  await log.append(Array.from({ length: 700 }, (_, i) => record(neighbour, i)));
  assert.deepEqual(await log.latest(quiet), newest);
  assert.equal(await log.latest('never.written'), undefined);
});

test('tail() sees every event appended after it started, and nothing before', async () => {
  const log = await openLog('tail');
  await log.append(CHANNELS.map((channel) => record(channel, 0)));
  const seen: LoggedEvent[] = [];
  const stop = await log.tail((event) => seen.push(event));
  const appended: LoggedEvent[] = [];
  for (let batch = 0; batch < 5; batch++) {
    appended.push(...(await log.append(CHANNELS.map((channel) => record(channel, batch + 1)))));
  }
  const deadline = Date.now() + 10_000;
  while (seen.length < appended.length && Date.now() < deadline) await sleep(20);
  const byId = (a: LoggedEvent, b: LoggedEvent) => a.id.localeCompare(b.id, 'en', { numeric: true });
  assert.deepEqual([...seen].sort(byId), [...appended].sort(byId));
  for (const channel of CHANNELS) {
    const ids = seen.filter((event) => event.channel === channel).map((event) => event.id);
    assert.deepEqual(ids, appended.filter((event) => event.channel === channel).map((event) => event.id), `${channel} in order`);
  }

  await stop();
  await log.append([record(CHANNELS[0], 99)]);
  await sleep(300);
  assert.equal(seen.length, appended.length, 'nothing arrives after stop');
});

test('append() gives up after appendTimeoutMs when no broker answers, naming topic and brokers', async () => {
  const port = await freePort();
  // Connect retries of about a second (not kafkajs's ~10 s), so nothing lingers after the test.
  const retry = { initialRetryTime: 100, maxRetryTime: 200, retries: 4 };
  const log = new KafkaLog({ brokers: [`127.0.0.1:${port}`], topic: 'rtdash-test-nobody', appendTimeoutMs: 400, logLevel: logLevel.NOTHING, retry });
  logs.push(log);
  const started = Date.now();
  await assert.rejects(log.append([record('a', 1)]), (error: Error) => {
    assert.match(error.message, new RegExp(`^Kafka append to topic rtdash-test-nobody failed: no acknowledgement from 127\\.0\\.0\\.1:${port} after 400 ms$`));
    return true;
  });
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 390 && elapsed < 700, `rejected after ${elapsed} ms`);
});
