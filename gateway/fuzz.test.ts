/**
 * 100,000 random and mutated frames over real WebSockets: the gateway never crashes, answers
 * every bad frame with an error frame, and keeps serving.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { parseClientFrame } from '../protocol/index.ts';
import { FrameClient } from '../test/support/frame-client.ts';
import { publishN, start, type Fixture } from '../test/support/gateway-fixture.ts';

const FRAMES = 100_000;
const CONNECTIONS = 4;

const channel = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}(\.[A-Za-z0-9_-]{1,8}){0,2}$/);
const validFrame = fc.oneof(
  fc.record({ type: fc.constant('subscribe'), channels: fc.array(channel, { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant('unsubscribe'), channels: fc.array(channel, { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant('resume'), positions: fc.dictionary(channel, fc.tuple(fc.nat(9), fc.nat(1e6)).map(([p, o]) => `${p}-${o}`), { minKeys: 1, maxKeys: 3 }) }),
  fc.record({ type: fc.constant('ping'), ts: fc.nat() }),
);

/** Valid frames with one edit: a character changed, dropped or added, or the text cut short. */
const mutatedFrame = fc.tuple(validFrame.map((frame) => JSON.stringify(frame)), fc.nat(), fc.nat(4), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })).map(([text, at, edit, char]) => {
  const i = at % (text.length + 1);
  switch (edit) {
    case 0: return text.slice(0, i) + char + text.slice(i + 1);
    case 1: return text.slice(0, i) + text.slice(i + 1);
    case 2: return text.slice(0, i) + char + text.slice(i);
    case 3: return text.slice(0, i);
    default: return text.replace(/"(type|channels|positions|ts)"/, '"$1x"');
  }
});

const anyFrame = fc.oneof(
  { weight: 2, arbitrary: mutatedFrame },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.record({ type: fc.oneof(fc.string(), fc.constantFrom('subscribe', 'resume', 'ping')), channels: fc.anything(), positions: fc.anything(), ref: fc.anything() }, { requiredKeys: ['type'] }).map((value) => JSON.stringify(value) ?? 'null') },
);

describe('fuzzing the WebSocket endpoint', () => {
  let fx: Fixture;
  before(async () => {
    fx = await start({ clientMessagesPerSecond: 1e9, clientMessageBurst: 1e9, maxBadFrames: Number.POSITIVE_INFINITY, maxBufferedBytes: 64 * 1024 * 1024 });
  });
  after(async () => { await fx.gateway.close(); });

  it(`answers each of ${FRAMES.toLocaleString('en')} bad frames with an error frame and keeps serving`, { timeout: 120_000 }, async () => {
    const bad = fc.sample(anyFrame, { numRuns: FRAMES * 2, seed: 42 }).filter((text) => !parseClientFrame(text).ok).slice(0, FRAMES);
    assert.equal(bad.length, FRAMES);
    const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => FrameClient.connect(fx.wsUrl)));
    bad.forEach((text, i) => clients[i % CONNECTIONS].send(text));
    const expected = (c: number) => Math.ceil((FRAMES - c) / CONNECTIONS);
    await Promise.all(clients.map((client, c) => client.until((frames) => frames.filter((frame) => frame.type === 'error').length >= expected(c), 60_000)));
    for (const [c, client] of clients.entries()) {
      const errors = client.frames.filter((frame) => frame.type === 'error');
      assert.equal(errors.length, expected(c), 'one error frame per bad frame');
      assert.ok(errors.every((frame) => frame.type === 'error' && frame.message.length > 0 && frame.field), 'each names a field');
      assert.equal(client.closeCode, undefined, 'the connection stayed open');
      client.close();
    }
    // Still serving: a fresh client subscribes and receives live events.
    const fresh = await FrameClient.connect(fx.wsUrl);
    fresh.send({ type: 'subscribe', channels: ['after.fuzz'] });
    await fresh.next('subscribed');
    const events = await publishN(fx.publisher, 'after.fuzz', 0, 3);
    await fresh.until(() => fresh.fullIds('after.fuzz').length === 3);
    assert.deepEqual(fresh.fullIds('after.fuzz'), events.map((event) => event.id));
    assert.equal((await fetch(`${fx.httpUrl}/healthz`)).status, 200);
    fresh.close();
  });
});
