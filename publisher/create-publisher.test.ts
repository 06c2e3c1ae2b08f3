/**
 * createPublisher picks each backend on its own: Kafka or the embedded log, Redis or the embedded
 * bus. The Kafka case uses the shared test broker; the Redis cases a private redis-server.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { Redis } from 'ioredis';
import type { Notice } from '../protocol/index.ts';
import { createPublisher } from './create-publisher.ts';
import { EmbeddedBus } from './embedded/embedded-bus.ts';
import { EmbeddedLog } from './embedded/embedded-log.ts';
import { KafkaLog } from './kafka-log.ts';
import { RedisBus } from './redis-bus.ts';
import { freePort } from '../test/support/free-port.ts';
import { startRedisServer, type TestRedisServer } from '../test/support/redis-server.ts';

const brokers = (process.env.RTDASH_TEST_KAFKA_BROKERS ?? '127.0.0.1:19092').split(',').map((broker) => broker.trim());
let redis: TestRedisServer;

before(async () => {
  redis = await startRedisServer();
});

after(async () => {
  await redis?.stop();
});

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('createPublisher', () => {
  it('runs on the embedded log and bus when nothing is configured, and close() closes all three', async () => {
    const stack = await createPublisher({ hints: { 'prices.*': (data) => ({ price: (data as { price: number }).price }) } });
    assert.ok(stack.log instanceof EmbeddedLog);
    assert.ok(stack.bus instanceof EmbeddedBus);
    assert.equal(stack.backends, 'embedded log, embedded bus');
    const notices: Notice[] = [];
    await stack.bus.subscribe('prices.X');
    stack.bus.onNotice((notice) => notices.push(notice));
    const event = await stack.publisher.publish({ channel: 'prices.X', data: { price: 3, depth: [1] } });
    await until(() => notices.length === 1, 'the notice');
    assert.deepEqual(notices[0], { channel: 'prices.X', id: event.id, ts: event.ts, hint: { price: 3 } }, 'options reach the publisher');
    await stack.close();
    await stack.close();
    await assert.rejects(stack.publisher.publish({ channel: 'a', data: 1 }), /publisher is closing/);
    await assert.rejects(stack.log.append([{ channel: 'a', ts: 1, data: 1 }]), /closed/);
  });

  it('uses Redis alone with the embedded log', async () => {
    const stack = await createPublisher({ redisUrl: redis.url });
    const subscriber = new Redis(redis.url);
    try {
      assert.ok(stack.log instanceof EmbeddedLog);
      assert.ok(stack.bus instanceof RedisBus);
      assert.equal(stack.backends, `embedded log, Redis ${redis.url}`);
      const received: string[] = [];
      subscriber.on('message', (_channel: string, text: string) => received.push(text));
      await subscriber.subscribe('rtdash:metrics.h1');
      const event = await stack.publisher.publish({ channel: 'metrics.h1', data: { cpu: 0.5 }, hint: { cpu: 0.5 } });
      await until(() => received.length === 1, 'the notice on Redis');
      assert.deepEqual(JSON.parse(received[0]), { channel: 'metrics.h1', id: event.id, ts: event.ts, hint: { cpu: 0.5 } });
    } finally {
      subscriber.disconnect();
      await stack.close();
    }
  });

  it('uses Kafka alone with the embedded bus', async () => {
    const topic = `rtdash-test-create-${randomUUID().slice(0, 8)}`;
    const stack = await createPublisher({ kafkaBrokers: brokers, topic, appendTimeoutMs: 3000, kafka: { logLevel: logLevel.NOTHING, clientId: topic } });
    const admin = new Kafka({ clientId: `${topic}-admin`, brokers, logLevel: logLevel.NOTHING }).admin();
    try {
      assert.ok(stack.log instanceof KafkaLog);
      assert.ok(stack.bus instanceof EmbeddedBus);
      assert.equal(stack.backends, `Kafka ${brokers.join(',')} topic ${topic}, embedded bus`);
      const [event] = await stack.publisher.publishBatch([{ channel: 'orders.eu', data: { n: 1 } }]);
      assert.deepEqual((await stack.log.read('orders.eu', undefined, 10)).events, [event]);
    } finally {
      await stack.close();
      await admin.connect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => {});
      await admin.disconnect();
    }
  });

  it('starts and publishes while Redis is down, keeping the password out of its messages', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    const url = `redis://:hunter2-secret@127.0.0.1:${await freePort()}`;
    let stack;
    try {
      stack = await createPublisher({ redisUrl: url, redis: { connectTimeoutMs: 200, onError: () => {} }, onBusError: () => {} });
    } finally {
      console.warn = warn;
    }
    try {
      assert.match(stack.backends, /^embedded log, Redis redis:\/\/\*\*\*@127\.0\.0\.1:\d+$/);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /is not answering yet .* publishing to the log only until it does/);
      assert.doesNotMatch(warnings.join('\n') + stack.backends, /hunter2/);
      const event = await stack.publisher.publish({ channel: 'a', data: 1 });
      assert.equal(event.data, 1);
      await until(() => stack.publisher.metrics().noticesDropped === 1, 'the dropped notice to be counted');
    } finally {
      await stack.close();
    }
  });
});
