/**
 * Joined frames over a real WebSocket, on the embedded log and bus: a client whose URL carries
 * `frames=lines` gets what it is sent in one loop turn as one message, one frame per line; any
 * other client still gets one frame per message.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { CloseCode } from '../protocol/index.ts';
import { FrameClient } from '../test/support/frame-client.ts';
import { publishN, start, type Fixture } from '../test/support/gateway-fixture.ts';

const CHANNELS = ['j.a', 'j.b', 'j.c', 'j.d'];

describe('joined frames (frames=lines)', () => {
  let fx: Fixture | undefined;
  const clients: FrameClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await fx?.gateway.close();
  });

  const subscribed = async (url: string) => {
    const client = await FrameClient.connect(url);
    clients.push(client);
    client.send({ type: 'subscribe', channels: CHANNELS });
    await client.until(() => client.frames.filter((frame) => frame.type === 'subscribed').length === CHANNELS.length);
    return client;
  };

  /** One log append per channel in the same turn: the gateway delivers all of them in one turn. */
  const publishTogether = (perChannel: number) =>
    Promise.all(CHANNELS.map((channel) => publishN(fx!.publisher, channel, 0, perChannel)));

  it('sends what one turn owes a client as one message, each line a frame, ids in order', async () => {
    fx = await start();
    const joined = await subscribed(`${fx.wsUrl}?frames=lines`);
    const plain = await subscribed(fx.wsUrl);
    const joinedBefore = joined.messages.length;
    const plainBefore = plain.messages.length;
    const published = await publishTogether(10);
    for (const client of [joined, plain]) {
      await client.until(() => CHANNELS.every((channel) => client.fullIds(channel).length === 10));
      CHANNELS.forEach((channel, i) => assert.deepEqual(client.fullIds(channel), published[i].map((event) => event.id)));
    }
    const joinedMessages = joined.messages.slice(joinedBefore);
    const plainMessages = plain.messages.slice(plainBefore);
    assert.equal(plainMessages.length, 40, 'one message per event frame without frames=lines');
    assert.ok(plainMessages.every((message) => message.frames === 1));
    assert.equal(joinedMessages.reduce((sum, message) => sum + message.frames, 0), 40, 'every frame arrives, as a line');
    assert.ok(joinedMessages.length < 40 / 2, `40 frames in ${joinedMessages.length} messages`);
  });

  it('keeps every joined message within maxBatchFrameBytes', async () => {
    const maxBatchFrameBytes = 600;
    fx = await start({ maxBatchFrameBytes });
    const client = await subscribed(`${fx.wsUrl}?frames=lines`);
    const before = client.messages.length;
    const published = await publishTogether(25);
    await client.until(() => CHANNELS.every((channel) => client.fullIds(channel).length === 25));
    CHANNELS.forEach((channel, i) => assert.deepEqual(client.fullIds(channel), published[i].map((event) => event.id)));
    const messages = client.messages.slice(before);
    assert.ok(messages.some((message) => message.frames > 1), 'frames were joined');
    for (const message of messages) {
      assert.ok(message.frames === 1 || message.bytes <= maxBatchFrameBytes, `a ${message.bytes}-byte message of ${message.frames} frames`);
    }
  });

  it('sends the error frames queued in a turn before an abuse close', async () => {
    fx = await start({ maxBadFrames: 2 });
    const client = await FrameClient.connect(`${fx.wsUrl}?frames=lines`);
    clients.push(client);
    // Three bad frames in one message burst: two errors are answered, the third closes.
    for (let i = 0; i < 3; i++) client.send('{');
    assert.equal(await client.closed(), CloseCode.abuse);
    assert.equal(client.frames.filter((frame) => frame.type === 'error' && frame.code === 'bad_json').length, 3);
  });
});
