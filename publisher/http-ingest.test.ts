/**
 * POST /api/publish on a real HTTP server over the embedded log and bus: every refusal has its
 * status and error body and publishes nothing; accepted events come back with their ids in order.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import type { LogRecord, LoggedEvent } from '../protocol/index.ts';
import { DualPublisher } from './dual-publisher.ts';
import { EmbeddedBus } from './embedded/embedded-bus.ts';
import { EmbeddedLog } from './embedded/embedded-log.ts';
import { httpIngest, type HttpIngestOptions } from './http-ingest.ts';

const TOKEN = 'test-token-0123456789abcdef';

/** Counts what reaches the log, so "publishes nothing" is checked at the source of truth. */
class CountingLog extends EmbeddedLog {
  appended = 0;
  override async append(records: LogRecord[]): Promise<LoggedEvent[]> {
    const events = await super.append(records);
    this.appended += events.length;
    return events;
  }
}

interface Ingest { url: string; log: CountingLog; server: Server }

async function startIngest(options: HttpIngestOptions): Promise<Ingest> {
  const log = new CountingLog();
  const publisher = new DualPublisher({ log, bus: new EmbeddedBus() });
  const app = express();
  app.use(httpIngest(publisher, options));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/publish`, log, server };
}

interface Answer { status: number; body: any; headers: Headers }

async function post(url: string, body: string | undefined, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', body, headers });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

const json = (value: unknown) => JSON.stringify(value);
const authed = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

describe('HTTP ingest', () => {
  let ingest: Ingest;
  before(async () => {
    ingest = await startIngest({ token: TOKEN, maxBodyBytes: 4096, maxBatchSize: 5, maxPayloadBytes: 100 });
  });
  after(() => new Promise<void>((resolve) => ingest.server.close(() => resolve())));

  const refusals: Array<[string, () => Promise<Answer>, number, Record<string, string>]> = [
    ['missing token', () => post(ingest.url, json({ channel: 'a', data: 1 }), { 'content-type': 'application/json' }), 401, { code: 'unauthorized' }],
    ['another auth scheme', () => post(ingest.url, json({ channel: 'a', data: 1 }), { authorization: `Basic ${TOKEN}`, 'content-type': 'application/json' }), 401, { code: 'unauthorized' }],
    ['wrong token', () => post(ingest.url, json({ channel: 'a', data: 1 }), { authorization: 'Bearer nope', 'content-type': 'application/json' }), 403, { code: 'forbidden' }],
    ['not JSON', () => post(ingest.url, 'channel=a', { ...authed, 'content-type': 'text/plain' }), 415, { code: 'bad_frame', field: '(body)' }],
    ['no body', () => post(ingest.url, undefined, { authorization: authed.authorization }), 415, { code: 'bad_frame', field: '(body)' }],
    ['body over the limit', () => post(ingest.url, json({ channel: 'a', data: 'x'.repeat(5000) }), authed), 413, { code: 'too_large', field: '(body)', rule: 'max-bytes:4096' }],
    ['bad JSON', () => post(ingest.url, '{"channel": "a", ', authed), 400, { code: 'bad_json', field: '(body)', rule: 'json' }],
    ['a bare array', () => post(ingest.url, json([{ channel: 'a', data: 1 }]), authed), 400, { code: 'bad_frame', field: '(body)', rule: 'type:object' }],
    ['a JSON scalar', () => post(ingest.url, '42', authed), 400, { code: 'bad_frame', field: '(body)', rule: 'type:object' }],
    ['no channel', () => post(ingest.url, json({ data: 1 }), authed), 400, { code: 'bad_frame', field: 'channel', rule: 'required' }],
    ['bad channel name', () => post(ingest.url, json({ channel: 'bad name', data: 1 }), authed), 400, { code: 'bad_channel', field: 'channel', rule: 'channel-name' }],
    ['no data', () => post(ingest.url, json({ channel: 'a' }), authed), 400, { code: 'bad_frame', field: 'data', rule: 'required' }],
    ['an unknown field', () => post(ingest.url, json({ channel: 'a', data: 1, channnel: 'b' }), authed), 400, { code: 'bad_frame', field: 'channnel', rule: 'unknown-field' }],
    ['payload over the limit', () => post(ingest.url, json({ channel: 'a', data: 'x'.repeat(200) }), authed), 400, { code: 'too_large', field: 'data', rule: 'max-bytes:100' }],
    ['events not an array', () => post(ingest.url, json({ events: { channel: 'a', data: 1 } }), authed), 400, { code: 'bad_frame', field: 'events', rule: 'type:array' }],
    ['an empty batch', () => post(ingest.url, json({ events: [] }), authed), 400, { code: 'bad_frame', field: 'events', rule: 'non-empty' }],
    ['a batch with another key', () => post(ingest.url, json({ events: [{ channel: 'a', data: 1 }], channel: 'a' }), authed), 400, { code: 'bad_frame', field: 'channel', rule: 'unknown-field' }],
    ['batch over the limit', () => post(ingest.url, json({ events: Array.from({ length: 6 }, (_, n) => ({ channel: 'a', data: n })) }), authed), 413, { code: 'too_large', field: 'events', rule: 'max-items:5' }],
    ['one bad event in a batch', () => post(ingest.url, json({ events: [{ channel: 'a', data: 1 }, { channel: 'a', data: 2 }, { channel: 'a b', data: 3 }] }), authed), 400, { code: 'bad_channel', field: 'events[2].channel' }],
    ['a batch of one bad event', () => post(ingest.url, json({ events: [{ data: 1 }] }), authed), 400, { code: 'bad_frame', field: 'events[0].channel', rule: 'required' }],
    ['a payload over the limit in a batch', () => post(ingest.url, json({ events: [{ channel: 'a', data: 1 }, { channel: 'a', data: 'x'.repeat(200) }] }), authed), 400, { code: 'too_large', field: 'events[1].data' }],
  ];

  for (const [name, send, status, error] of refusals) {
    it(`${name}: ${status}, publishes nothing`, async () => {
      const answer = await send();
      assert.equal(answer.status, status, json(answer.body));
      assert.equal(answer.headers.get('content-type')?.startsWith('application/json'), true);
      for (const [key, value] of Object.entries(error)) assert.equal(answer.body.error[key], value, `${key} in ${json(answer.body)}`);
      assert.equal(typeof answer.body.error.message, 'string');
      assert.ok(answer.body.error.message.length > 0);
      assert.equal(ingest.log.appended, 0);
    });
  }

  it('asks for a bearer token on 401', async () => {
    const answer = await post(ingest.url, json({ channel: 'a', data: 1 }), { 'content-type': 'application/json' });
    assert.equal(answer.headers.get('www-authenticate'), 'Bearer realm="rtdash"');
    assert.match(answer.body.error.message, /Authorization: Bearer/);
  });

  it('after all those refusals the log is still empty', async () => {
    assert.equal(ingest.log.appended, 0);
    assert.deepEqual((await ingest.log.read('a', undefined, 10)).events, []);
  });
});

describe('HTTP ingest: accepted events', () => {
  let ingest: Ingest;
  before(async () => {
    ingest = await startIngest({ token: TOKEN });
  });
  after(() => new Promise<void>((resolve) => ingest.server.close(() => resolve())));

  it('one event: 200 with its id, and the log holds it', async () => {
    const answer = await post(ingest.url, json({ channel: 'prices.AAPL', data: { price: 10 }, hint: { price: 10 }, ts: 1_700_000_000_000 }), authed);
    assert.equal(answer.status, 200, json(answer.body));
    const latest = await ingest.log.latest('prices.AAPL');
    assert.deepEqual(answer.body, { id: latest?.id });
    assert.deepEqual(latest, { channel: 'prices.AAPL', data: { price: 10 }, hint: { price: 10 }, ts: 1_700_000_000_000, id: latest?.id });
  });

  it('a batch: 200 with the ids in request order, read back in the same order', async () => {
    const events = Array.from({ length: 20 }, (_, n) => ({ channel: n % 2 ? 'metrics.web-1' : 'metrics.web-2', data: { n } }));
    const answer = await post(ingest.url, json({ events }), { ...authed, authorization: `bearer ${TOKEN}` });
    assert.equal(answer.status, 200, json(answer.body));
    assert.equal(answer.body.ids.length, 20);
    for (const channel of ['metrics.web-1', 'metrics.web-2']) {
      const { events: stored } = await ingest.log.read(channel, undefined, 100);
      const expected = answer.body.ids.filter((_: string, n: number) => events[n].channel === channel);
      assert.deepEqual(stored.map((event) => event.id), expected);
      assert.deepEqual(stored.map((event) => (event.data as { n: number }).n), events.flatMap((event, n) => (event.channel === channel ? [n] : [])));
    }
  });

  it('a log that refuses the write: 503 with its message', async () => {
    const before = ingest.log.appended;
    await ingest.log.close();
    const answer = await post(ingest.url, json({ channel: 'a', data: 1 }), authed);
    assert.equal(answer.status, 503);
    assert.equal(answer.body.error.code, 'unavailable');
    assert.match(answer.body.error.message, /embedded log is closed/);
    assert.equal(ingest.log.appended, before);
  });
});

describe('HTTP ingest without a token configured', () => {
  it('refuses every request with 403 and says how to enable it', async () => {
    const ingest = await startIngest({});
    try {
      for (const headers of [authed, { 'content-type': 'application/json' }]) {
        const answer = await post(ingest.url, json({ channel: 'a', data: 1 }), headers);
        assert.equal(answer.status, 403);
        assert.equal(answer.body.error.code, 'forbidden');
        assert.match(answer.body.error.message, /disabled: set RTDASH_PUBLISH_TOKEN/);
      }
      assert.equal(ingest.log.appended, 0);
    } finally {
      await new Promise<void>((resolve) => ingest.server.close(() => resolve()));
    }
  });
});
