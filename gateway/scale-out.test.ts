/**
 * Scale-out, with every part a real process: two `rtdash gateway` processes (the CLI, on ports
 * of their own) on the real Kafka broker and a private redis-server, fed by a publisher in this
 * process. Clients on either gateway see the same events in the same order, and each gateway
 * holds a Redis subscription for a channel only while someone on it listens — as Redis itself
 * reports (PUBSUB). Resume across gateways and Redis outages: resume.scale.test.ts and
 * redis-outage.scale.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { FrameClient } from '../test/support/frame-client.ts';
import type { GatewayProcess } from '../test/support/gateway-process.ts';
import { openScaleStack, firstDifference, waitFor, type ScaleStack } from '../test/support/scale-stack.ts';
import { SseClient } from '../test/support/sse-client.ts';
import type { PublisherStack } from '../publisher/create-publisher.ts';

/** The gateways' default busLingerMs. */
const BUS_LINGER_MS = 2000;

let stack: ScaleStack;
let gatewayA: GatewayProcess;
let gatewayB: GatewayProcess;
let publishing: PublisherStack;

before(async () => {
  stack = await openScaleStack('fanout');
  [gatewayA, gatewayB] = await Promise.all([stack.startGateway('gateway A'), stack.startGateway('gateway B')]);
  publishing = await stack.openPublisher();
});

after(async () => {
  await stack?.cleanup();
});

function assertGatewaysAlive(): void {
  for (const gateway of [gatewayA, gatewayB]) assert.ok(gateway.running, `${gateway.name} exited. Output:\n${gateway.output().slice(-3000)}`);
}

describe('two gateway processes behind one Kafka topic and one Redis', () => {
  it('clients on either gateway, WebSocket and SSE, receive the same 2,000 ids in the same order', async () => {
    const channel = 'scale.fanout';
    const sockets = await Promise.all([gatewayA, gatewayA, gatewayB, gatewayB].map((gateway) => FrameClient.connect(gateway.wsUrl)));
    stack.onCleanup(() => sockets.forEach((socket) => socket.socket.terminate()));
    const streams = await Promise.all([gatewayA, gatewayB].map((gateway) => SseClient.open(`${gateway.httpUrl}/api/stream?channels=${channel}`)));
    stack.onCleanup(() => streams.forEach((stream) => stream.close()));
    for (const socket of sockets) socket.send({ type: 'subscribe', channels: [channel] });
    await Promise.all(sockets.map((socket) => socket.next('subscribed', (frame) => frame.channel === channel, 10_000)));
    await Promise.all(streams.map((stream) => stream.until(() => stream.frames.some((frame) => frame.type === 'subscribed'), 10_000)));

    // 20 batches of 100, a few ms apart, so the gateways see a stream rather than one burst.
    const published: string[] = [];
    for (let batch = 0; batch < 20; batch++) {
      const events = Array.from({ length: 100 }, (_, i) => ({ channel, data: { n: batch * 100 + i }, hint: { n: batch * 100 + i } }));
      for (const event of await publishing.publisher.publishBatch(events)) published.push(event.id);
      await sleep(5);
    }

    const receivers = [
      ...sockets.map((socket, i) => ({ name: `WebSocket ${i + 1} on ${i < 2 ? gatewayA.name : gatewayB.name}`, ids: () => socket.fullIds(channel) })),
      ...streams.map((stream, i) => ({ name: `SSE on ${i === 0 ? gatewayA.name : gatewayB.name}`, ids: () => stream.fullIds(channel) })),
    ];
    for (const receiver of receivers) {
      await waitFor(`${receiver.name} to receive 2,000 events`, () => receiver.ids().length >= published.length, {
        timeoutMs: 20_000, intervalMs: 50, detail: () => `it has ${receiver.ids().length}`,
      });
    }
    // Compared once nothing more can arrive: a late duplicate would show.
    await sleep(200);
    for (const receiver of receivers) {
      const ids = receiver.ids();
      assert.deepEqual(ids, published, `${receiver.name}: ${firstDifference(ids, published)}`);
    }
    const previews = sockets.map((socket) => socket.frames.filter((frame) => frame.type === 'event' && frame.partial).length);
    // Previews are best effort: a hint that arrives after its full event (the gateway's Kafka tail
    // won the race, common on a local broker) is dropped, so their number varies from run to run.
    console.log(`  fan-out: ${published.length} events to ${receivers.length} clients on 2 gateway processes; previews per WebSocket client: ${previews.join(', ')}`);
    assertGatewaysAlive();
  });

  it('subscribes a channel on Redis when its first client arrives and unsubscribes it a linger after the last one leaves, as PUBSUB reports', async () => {
    const channel = 'scale.lazy';
    const redisChannel = `rtdash:${channel}`;
    const redis = stack.redisClient();
    const subscribers = async () => {
      const [, count] = (await redis.call('PUBSUB', 'NUMSUB', redisChannel)) as [string, number];
      return Number(count);
    };
    const listed = async () => ((await redis.call('PUBSUB', 'CHANNELS', 'rtdash:*')) as string[]).includes(redisChannel);
    const expectSubscribers = (count: number, why: string, timeoutMs = 5000) =>
      waitFor(`${count} Redis subscriber(s) on ${redisChannel} (${why})`, async () => (await subscribers()) === count, {
        timeoutMs, intervalMs: 25, detail: () => 'see PUBSUB NUMSUB',
      });

    assert.equal(await subscribers(), 0, 'nobody subscribes before any client asks');
    assert.equal(await listed(), false);

    const open = async (gateway: GatewayProcess) => {
      const client = await FrameClient.connect(gateway.wsUrl);
      stack.onCleanup(() => client.socket.terminate());
      client.send({ type: 'subscribe', channels: [channel] });
      await client.next('subscribed', (frame) => frame.channel === channel, 10_000);
      return client;
    };

    const a1 = await open(gatewayA);
    await expectSubscribers(1, 'the first client, on gateway A');
    assert.equal(await listed(), true, `PUBSUB CHANNELS rtdash:* lists ${redisChannel}`);
    const a2 = await open(gatewayA);
    const b1 = await open(gatewayB);
    await expectSubscribers(2, 'one connection per gateway process, whatever its number of clients');
    await sleep(100);
    assert.equal(await subscribers(), 2, 'a second client on gateway A adds no Redis subscription');

    // a1 unsubscribes, a2 closes: gateway A has nobody left and lets go after its linger.
    a1.send({ type: 'unsubscribe', channels: [channel] });
    await sleep(100);
    assert.equal(await subscribers(), 2, 'gateway A still has a2');
    a2.close();
    await a2.closed(3000);
    const lastLeftA = Date.now();
    await sleep(BUS_LINGER_MS / 4);
    assert.equal(await subscribers(), 2, 'gateway A lingers before it unsubscribes');
    await expectSubscribers(1, 'gateway A after its linger', BUS_LINGER_MS + 5000);
    const lingerA = Date.now() - lastLeftA;

    // The last client anywhere drops its connection (no close handshake): the channel leaves Redis.
    b1.socket.terminate();
    const lastLeftB = Date.now();
    await expectSubscribers(0, 'gateway B after its linger', BUS_LINGER_MS + 5000);
    const lingerB = Date.now() - lastLeftB;
    assert.equal(await listed(), false, `${redisChannel} is gone from PUBSUB CHANNELS rtdash:*`);
    console.log(`  lazy bus subscription: unsubscribed ${lingerA} ms (gateway A) and ${lingerB} ms (gateway B) after the last client left; busLingerMs ${BUS_LINGER_MS}`);
    assert.ok(lingerA >= BUS_LINGER_MS / 2 && lingerB >= BUS_LINGER_MS / 2, 'neither gateway let go before its linger');
    assertGatewaysAlive();
  });
});
