/** SSE at /api/stream over real HTTP connections (and curl), on the embedded log and bus. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { publishN, start, type Fixture } from '../test/support/gateway-fixture.ts';
import { SseClient } from '../test/support/sse-client.ts';

describe('gateway over SSE', () => {
  let fx: Fixture;
  const clients: SseClient[] = [];
  const open = async (query: string, headers?: Record<string, string>) => {
    const client = await SseClient.open(`${fx.httpUrl}/api/stream?${query}`, headers);
    clients.push(client);
    return client;
  };
  beforeEach(async () => { fx = await start(); });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await fx.gateway.close();
  });

  it('streams a snapshot, then live events of several channels, each with the stream position as its id', async () => {
    const first = await publishN(fx.publisher, 'a', 0, 2);
    const client = await open('channels=a,b');
    assert.equal(client.status, 200);
    await client.until(() => client.frames.filter((frame) => frame.type === 'subscribed').length === 2);
    const live = await publishN(fx.publisher, 'b', 0, 3);
    await client.until(() => client.fullIds('b').length === 3);
    assert.deepEqual(client.fullIds('a'), [first[1].id]);
    assert.deepEqual(client.fullIds('b'), live.map((event) => event.id));
    assert.equal(client.lastEventId, `a@${first[1].id},b@${live[2].id}`);
  });

  it('resumes every channel from Last-Event-ID without a gap or a duplicate', async () => {
    const client = await open('channels=a,b');
    await client.until(() => client.frames.filter((frame) => frame.type === 'subscribed').length === 2);
    const a1 = await publishN(fx.publisher, 'a', 0, 5);
    const b1 = await publishN(fx.publisher, 'b', 0, 5);
    await client.until(() => client.fullIds('a').length === 5 && client.fullIds('b').length === 5);
    const lastEventId = client.lastEventId;
    client.close();
    const a2 = await publishN(fx.publisher, 'a', 5, 7);
    const b2 = await publishN(fx.publisher, 'b', 5, 2);
    const again = await open('channels=a,b', { 'Last-Event-ID': lastEventId });
    await again.until(() => again.fullIds('a').length === 7 && again.fullIds('b').length === 2);
    assert.deepEqual(again.fullIds('a'), a2.map((event) => event.id));
    assert.deepEqual(again.fullIds('b'), b2.map((event) => event.id));
    assert.ok(again.frames.some((frame) => frame.type === 'subscribed' && frame.recovered));
    assert.deepEqual([...a1, ...b1].length, 10);
  });

  it('refuses bad requests with 4xx and a clear error', async () => {
    for (const [query, headers, status, code] of [
      ['', {}, 400, 'bad_frame'],
      ['channels=bad%20name', {}, 400, 'bad_channel'],
      ['channels=a', { 'Last-Event-ID': 'garbage' }, 400, 'bad_id'],
    ] as const) {
      const response = await fetch(`${fx.httpUrl}/api/stream?${query}`, { headers });
      assert.equal(response.status, status, query);
      assert.equal((await response.json()).error.code, code, query);
    }
  });

  it('is readable with curl, which resumes with Last-Event-ID too', async () => {
    const events = await publishN(fx.publisher, 'prices.X', 0, 3);
    const curl = (...args: string[]) => promisify(execFile)('curl', ['-sN', '--max-time', '1', ...args, `${fx.httpUrl}/api/stream?channels=prices.X`]).catch((error) => error);
    const { stdout } = await curl();
    assert.match(stdout, /^retry: \d+/);
    assert.match(stdout, new RegExp(`id: prices\\.X@${events[2].id}`));
    const resumed = await curl('-H', `Last-Event-ID: prices.X@${events[0].id}`);
    const ids = [...resumed.stdout.matchAll(/"id":"(\d+-\d+)"/g)].map((match: RegExpMatchArray) => match[1]);
    assert.deepEqual(ids, [events[1].id, events[2].id]);
  });

  it('is closed on shutdown like a WebSocket, and its client reconnects elsewhere', async () => {
    const client = await open('channels=a');
    await client.until(() => client.frames.some((frame) => frame.type === 'subscribed'));
    await fx.gateway.close();
    await client.until(() => client.ended);
    fx = await start();
  });
});
