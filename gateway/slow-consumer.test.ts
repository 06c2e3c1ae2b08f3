/**
 * A client that stops reading: the gateway holds back its events within a bounded budget,
 * and the client ends up with every event it is owed, whether it drains in time or is closed
 * as a slow consumer and resumes.
 */
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import { CloseCode } from '../protocol/index.ts';
import { FrameClient } from '../test/support/frame-client.ts';
import { start, type Fixture } from '../test/support/gateway-fixture.ts';

const BUDGET = 64 * 1024;
/** The queue may pass the budget by one frame at most: a catch-up batch of up to this size, or one event. */
const MAX_BATCH_FRAME = 32 * 1024;
const payload = 'x'.repeat(8 * 1024);

/** The client's TCP socket: pausing it makes the gateway's send queue grow, as a stuck browser tab would. */
const tcp = (client: FrameClient) => (client.socket as unknown as { _socket: Socket })._socket;

async function publishBig(fx: Fixture, channel: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 100) {
    const batch = await fx.publisher.publishBatch(Array.from({ length: Math.min(100, count - i) }, (_, k) => ({ channel, data: { n: i + k, payload } })));
    ids.push(...batch.map((event) => event.id));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return ids;
}

function maxServerBuffered(fx: Fixture): number {
  return Math.max(0, ...fx.gateway.connections.sessions().map((session) => session.sink.bufferedBytes()));
}

describe('slow consumers', () => {
  let fx: Fixture;
  afterEach(async () => { await fx.gateway.close(); });

  it('holds back events past the budget, then catches the client up in order once it drains', async () => {
    fx = await start({ maxBufferedBytes: BUDGET, maxBatchFrameBytes: MAX_BATCH_FRAME, slowConsumerGraceMs: 30_000 });
    const client = await FrameClient.connect(fx.wsUrl);
    client.send({ type: 'subscribe', channels: ['big'] });
    await client.next('subscribed');
    tcp(client).pause();
    const ids = await publishBig(fx, 'big', 3000); // ~24 MB: far past kernel buffers and the budget
    const conflated = (await fx.gateway.metrics.conflated.get()).values[0]?.value ?? 0;
    assert.ok(conflated > 0, 'events were held back');
    assert.ok(maxServerBuffered(fx) <= BUDGET + MAX_BATCH_FRAME + 16 * 1024, `queue stayed bounded: ${maxServerBuffered(fx)} bytes`);
    tcp(client).resume();
    await client.until(() => client.fullIds('big').length >= ids.length, 20_000);
    assert.deepEqual(client.fullIds('big'), ids, 'every event once, in order');
    assert.ok(client.frames.some((frame) => frame.type === 'batch' && frame.events.some((event) => event.partial)), 'the latest value was painted first');
    client.close();
  });

  it('closes a client that stays over budget with 4001; it resumes and receives everything it is owed', async () => {
    fx = await start({ maxBufferedBytes: BUDGET, maxBatchFrameBytes: MAX_BATCH_FRAME, slowConsumerGraceMs: 300 });
    const client = await FrameClient.connect(fx.wsUrl);
    client.send({ type: 'subscribe', channels: ['big'] });
    await client.next('subscribed');
    tcp(client).pause();
    const ids = await publishBig(fx, 'big', 3000);
    // Until the kernel's socket buffers are full the queue keeps draining into them, so the
    // client is over budget for good only after that; then the grace period runs out.
    const closes = async () => (await fx.gateway.metrics.slowConsumerCloses.get()).values[0]?.value ?? 0;
    for (const deadline = Date.now() + 15_000; (await closes()) === 0 && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(await closes(), 1);
    tcp(client).resume();
    assert.equal(await client.closed(10_000), CloseCode.slowConsumer);
    const received = client.fullIds('big');
    assert.ok(received.length < ids.length, 'the slow client had fallen behind');
    assert.deepEqual(received, ids.slice(0, received.length), 'what it got was in order, with no gap');
    const again = await FrameClient.connect(fx.wsUrl);
    again.send({ type: 'resume', positions: { big: received[received.length - 1] } });
    await again.until(() => again.fullIds('big').length >= ids.length - received.length, 20_000);
    assert.deepEqual([...received, ...again.fullIds('big')], ids);
    again.close();
  });
});
