/**
 * RedisBus against a real, private redis-server (never the shared one on 6379), because the
 * interesting cases stop and kill Redis.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { RedisBus } from './redis-bus.ts';
import { startRedisServer, type TestRedisServer } from '../test/support/redis-server.ts';
import type { Notice } from '../protocol/events.ts';

let server: TestRedisServer;
const buses: RedisBus[] = [];

before(async () => {
  server = await startRedisServer();
});

after(async () => {
  await Promise.all(buses.map((bus) => bus.close()));
  await server?.stop();
});

function openBus(url = server.url): RedisBus {
  const bus = new RedisBus({ url });
  buses.push(bus);
  return bus;
}

function collect(bus: RedisBus): Notice[] {
  const received: Notice[] = [];
  bus.onNotice((notice) => received.push(notice));
  return received;
}

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function notice(channel: string, offset: number, hint?: Notice['hint']): Notice {
  const value: Notice = { channel, id: `0-${offset}`, ts: 1_700_000_000_000 + offset };
  if (hint !== undefined) value.hint = hint;
  return value;
}

test('a published notice arrives at a subscriber as the same object', async () => {
  const publisher = openBus();
  const subscriber = openBus();
  const received = collect(subscriber);
  await subscriber.subscribe('prices.BTC-USD');
  await subscriber.subscribe('metrics.web-1');

  const sent = [
    notice('prices.BTC-USD', 1, { price: 42_000.5, tags: ['spot', 'é✓'], nested: { at: null } }),
    notice('metrics.web-1', 2, { cpu: 0.42 }),
    notice('prices.BTC-USD', 3),
  ];
  await publisher.publish(sent);
  await until(() => received.length === 3, 'three notices');
  assert.deepEqual(received, sent);
  assert.deepEqual(
    { ...subscriber.status(), publisher: undefined },
    { publisherReady: true, subscriberReady: true, publisher: undefined, subscriber: 'ready', channels: 2, invalidNotices: 0 },
  );
});

test('an unsubscribed channel stops receiving while the others go on', async () => {
  const publisher = openBus();
  const subscriber = openBus();
  const received = collect(subscriber);
  await subscriber.subscribe('prices.A');
  await subscriber.subscribe('prices.B');
  await publisher.publish([notice('prices.A', 1), notice('prices.B', 2)]);
  await until(() => received.length === 2, 'both channels');

  await subscriber.unsubscribe('prices.A');
  await publisher.publish([notice('prices.A', 3), notice('prices.B', 4)]);
  // One connection delivers in publish order: once B's notice is here, A's would have come first.
  await until(() => received.some((n) => n.id === '0-4'), 'the notice on the channel still subscribed');
  assert.deepEqual(received.map((n) => n.id), ['0-1', '0-2', '0-4']);
});

test('messages that are not valid notices are dropped and counted', async () => {
  const subscriber = openBus();
  const received = collect(subscriber);
  await subscriber.subscribe('prices.C');
  const raw = new Redis(server.url);
  try {
    await raw.publish('rtdash:prices.C', 'not json');
    await raw.publish('rtdash:prices.C', JSON.stringify(notice('prices.OTHER', 1))); // wrong channel
    await raw.publish('rtdash:prices.C', JSON.stringify({ ...notice('prices.C', 2), extra: true }));
    await raw.publish('rtdash:prices.C', JSON.stringify(notice('prices.C', 3)));
  } finally {
    await raw.quit();
  }
  await until(() => received.length === 1, 'the valid notice');
  assert.deepEqual(received, [notice('prices.C', 3)]);
  assert.equal(subscriber.status().invalidNotices, 3);
});

test('publish fails fast while Redis is down, and notices flow again after it restarts', async () => {
  const own = await startRedisServer();
  try {
    const publisher = openBus(own.url);
    const subscriber = openBus(own.url);
    const received = collect(subscriber);
    await subscriber.subscribe('metrics.web-2');
    await publisher.publish([notice('metrics.web-2', 1)]);
    await until(() => received.length === 1, 'the first notice');

    await own.kill();
    await until(() => !publisher.status().publisherReady && !subscriber.status().subscriberReady, 'both connections to notice the crash');
    for (let attempt = 0; attempt < 3; attempt++) {
      const started = Date.now();
      await assert.rejects(publisher.publish([notice('metrics.web-2', 2)]), /Redis/);
      assert.ok(Date.now() - started < 1000, `rejected in ${Date.now() - started} ms`);
    }

    await own.restart();
    await until(() => publisher.status().publisherReady && subscriber.status().subscriberReady, 'both connections back');
    // The bus resubscribes on its own; publishing until one arrives covers the moment in between.
    let offset = 10;
    while (received.length === 1) {
      await publisher.publish([notice('metrics.web-2', offset++)]);
      await until(() => received.length > 1, 'a notice after the restart', 200).catch(() => {});
      assert.ok(offset < 60, 'no notice arrived within 10 s of the restart');
    }
    assert.equal(received[1].channel, 'metrics.web-2');
    assert.equal(subscriber.status().invalidNotices, 0);
  } finally {
    await own.stop();
  }
});

test('many subscribes while the subscriber connection is still connecting share one wait for it', async () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on('warning', onWarning);
  try {
    const publisher = openBus();
    const subscriber = openBus();
    const received = collect(subscriber);
    const channels = Array.from({ length: 50 }, (_, i) => `burst.c${i}`);
    // All at once, as a gateway does when a page of clients subscribes right after it starts.
    await Promise.all(channels.map((channel) => subscriber.subscribe(channel)));
    await publisher.publish(channels.map((channel, i) => notice(channel, i)));
    await until(() => received.length === channels.length, 'a notice on each channel');
    await sleep(10); // process warnings are emitted on the next tick
    assert.deepEqual(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning'), []);
  } finally {
    process.off('warning', onWarning);
  }
});
