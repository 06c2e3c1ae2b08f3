/**
 * The gateway over real WebSocket and HTTP connections, on the embedded log and bus.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CloseCode, DEFAULT_LIMITS } from '../protocol/index.ts';
import { FrameClient } from '../test/support/frame-client.ts';
import { publishN, start, type Fixture } from '../test/support/gateway-fixture.ts';

describe('gateway over WebSocket', () => {
  let fx: Fixture;
  const clients: FrameClient[] = [];
  const connect = async (url = fx.wsUrl, headers?: Record<string, string>) => {
    const client = await FrameClient.connect(url, headers);
    clients.push(client);
    return client;
  };
  beforeEach(async () => { fx = await start(); });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await fx.gateway.close();
  });

  it('greets with a heartbeat that states its interval', async () => {
    const client = await connect();
    const beat = await client.next('heartbeat');
    assert.equal(beat.interval, fx.gateway.settings.heartbeatIntervalMs);
  });

  it('sends a snapshot on subscribe, then every new event once and in order', async () => {
    const before = await publishN(fx.publisher, 'prices.A', 0, 3);
    const client = await connect();
    client.send({ type: 'subscribe', channels: ['prices.A'], ref: 1 });
    const snapshot = await client.next('snapshot');
    assert.equal(snapshot.event?.id, before[2].id);
    await client.next('subscribed', (frame) => frame.ref === 1 && frame.recovered === false);
    const live = await publishN(fx.publisher, 'prices.A', 3, 50);
    await client.until(() => client.fullIds('prices.A').length === 51);
    assert.deepEqual(client.fullIds('prices.A'), [before[2].id, ...live.map((event) => event.id)]);
  });

  it('answers an empty channel with a null snapshot', async () => {
    const client = await connect();
    client.send({ type: 'subscribe', channels: ['nothing.yet'] });
    assert.equal((await client.next('snapshot')).event, null);
  });

  it('resumes after an id with exactly the missed events, in order', async () => {
    const events = await publishN(fx.publisher, 'm.x', 0, 40);
    const client = await connect();
    client.send({ type: 'resume', positions: { 'm.x': events[9].id } });
    await client.next('subscribed', (frame) => frame.recovered);
    const more = await publishN(fx.publisher, 'm.x', 40, 5);
    const expected = [...events.slice(10), ...more].map((event) => event.id);
    await client.until(() => client.fullIds('m.x').length >= expected.length);
    assert.deepEqual(client.fullIds('m.x'), expected);
  });

  it('answers a resume it cannot serve with a reset followed by a snapshot', async () => {
    const events = await publishN(fx.publisher, 'm.y', 0, 3);
    const client = await connect();
    client.send({ type: 'resume', positions: { 'm.y': '0-99999' } });
    const reset = await client.next('reset');
    assert.equal(reset.reason, 'log-reset');
    assert.equal((await client.next('snapshot')).event?.id, events[2].id);
    await client.next('subscribed', (frame) => frame.recovered === false);
  });

  it('sends hints only as previews: never below the last full event, never counted as position', async () => {
    const client = await connect();
    client.send({ type: 'subscribe', channels: ['h.a'] });
    await client.next('subscribed');
    // A notice arriving ahead of its full event (as Redis does ahead of Kafka) paints first.
    await fx.bus.publish([{ channel: 'h.a', id: '0-500', ts: 1, hint: { n: 1 } }]);
    const preview = await client.next('event', (frame) => frame.partial === true);
    assert.equal(preview.id, '0-500');
    // A stale notice (older than what was delivered) is not sent.
    await publishN(fx.publisher, 'h.a', 0, 1);
    await fx.bus.publish([{ channel: 'h.a', id: '0-0', ts: 1, hint: { n: 0 } }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(client.frames.filter((frame) => frame.type === 'event' && frame.partial).length, 1);
  });

  it('stops delivering after unsubscribe, and drops the bus subscription after the last local subscriber leaves', async () => {
    const a = await connect();
    const b = await connect();
    for (const client of [a, b]) {
      client.send({ type: 'subscribe', channels: ['lazy.one'] });
      await client.next('subscribed');
    }
    assert.deepEqual(fx.bus.channels(), ['lazy.one']);
    a.send({ type: 'unsubscribe', channels: ['lazy.one'] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(fx.bus.channels(), ['lazy.one'], 'b still listens');
    const countA = a.fullIds('lazy.one').length;
    await publishN(fx.publisher, 'lazy.one', 0, 3);
    await b.until(() => b.fullIds('lazy.one').length === 3);
    assert.equal(a.fullIds('lazy.one').length, countA);
    b.close();
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.deepEqual(fx.bus.channels(), []);
  });

  it('answers bad frames with an error frame naming the field and rule', async () => {
    const client = await connect();
    const cases: [string, string, string][] = [
      ['not json', 'bad_json', '(frame)'],
      ['{"type":"dance"}', 'unknown_type', 'type'],
      ['{"type":"subscribe","channels":["bad name"],"ref":7}', 'bad_channel', 'channels[0]'],
      ['{"type":"subscribe"}', 'bad_frame', 'channels'],
      ['{"type":"resume","positions":{"a":"nope"}}', 'bad_id', 'positions.a'],
      [JSON.stringify({ type: 'subscribe', channels: ['x'.repeat(DEFAULT_LIMITS.maxClientFrameBytes)] }), 'too_large', '(frame)'],
    ];
    for (const [text, code, field] of cases) {
      const seen = client.frames.length;
      client.send(text);
      const error = await client.until((frames) => frames.slice(seen).find((frame) => frame.type === 'error'));
      assert.equal(error.type === 'error' && error.code, code, text.slice(0, 60));
      assert.equal(error.type === 'error' && error.field, field);
    }
    const withRef = client.frames.find((frame) => frame.type === 'error' && frame.code === 'bad_channel');
    assert.equal(withRef?.type === 'error' && withRef.ref, 7);
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    await client.next('error', (frame) => frame.rule === 'type:text');
  });

  it('closes a connection that keeps sending bad frames', async () => {
    await fx.gateway.close();
    fx = await start({ maxBadFrames: 3 });
    const client = await connect();
    for (let i = 0; i < 5; i++) client.send('{');
    assert.equal(await client.closed(), CloseCode.abuse);
  });

  it('caps subscriptions per connection', async () => {
    await fx.gateway.close();
    fx = await start({ maxSubscriptionsPerConnection: 2 });
    const client = await connect();
    client.send({ type: 'subscribe', channels: ['a', 'b', 'c'] });
    const error = await client.next('error');
    assert.equal(error.code, 'too_many_subscriptions');
    assert.equal(error.channel, 'c');
  });

  it('answers ping with pong carrying the same ts', async () => {
    const client = await connect();
    client.send({ type: 'ping', ts: 12345 });
    assert.equal((await client.next('pong')).ts, 12345);
  });

  it('reports connections, subscriptions, events in and frames out, and publish-to-send latency at /metrics', async () => {
    const client = await connect();
    client.send({ type: 'subscribe', channels: ['metered.a', 'metered.b'] });
    await client.next('subscribed');
    await client.next('subscribed');
    const events = await publishN(fx.publisher, 'metered.a', 0, 3);
    await client.until(() => client.fullIds('metered.a').length === events.length);
    const response = await fetch(`${fx.httpUrl}/metrics`);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
    const text = await response.text();
    const value = (series: string) => {
      const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
      assert.ok(line, `${series} is reported`);
      return Number(line.slice(series.length + 1));
    };
    assert.equal(value('rtdash_connections{transport="websocket"}'), 1);
    assert.equal(value('rtdash_subscriptions'), 2);
    assert.equal(value('rtdash_channels'), 2);
    assert.equal(value('rtdash_events_in_total{source="log"}'), 3);
    // The heartbeat, two snapshots, two subscribed answers and three events, at least.
    assert.ok(value('rtdash_frames_out_total{transport="websocket"}') >= 8);
    assert.equal(value('rtdash_frames_out_total{transport="sse"}'), 0);
    assert.equal(value('rtdash_publish_to_send_seconds_count'), 3);
    for (const series of ['rtdash_conflated_total', 'rtdash_slow_consumer_closes_total']) assert.equal(value(series), 0);
  });

  it('reports itself unready (503) while it cannot take another connection, so a load balancer sends clients elsewhere', async () => {
    await fx.gateway.close();
    fx = await start({ maxConnections: 1 });
    assert.equal((await fetch(`${fx.httpUrl}/readyz`)).status, 200);
    await connect();
    const full = await fetch(`${fx.httpUrl}/readyz`);
    assert.equal(full.status, 503);
    assert.deepEqual(await full.json(), { status: 'unavailable', reason: 'Too many connections', dependencies: {}, channels: 0 });
  });

  it('refuses a foreign Origin when an allow-list is set', async () => {
    await fx.gateway.close();
    fx = await start({ allowedOrigins: ['https://dash.example'] });
    await assert.rejects(FrameClient.connect(fx.wsUrl, { Origin: 'https://evil.example' }), /403/);
    const ok = await connect(fx.wsUrl, { Origin: 'https://dash.example' });
    await ok.next('heartbeat');
  });

  it('asks clients to reconnect elsewhere (1012) when it shuts down', async () => {
    const client = await connect();
    await client.next('heartbeat');
    await fx.gateway.close();
    assert.equal(await client.closed(), CloseCode.serviceRestart);
    fx = await start(); // for afterEach
  });
});

describe('gateway over HTTP', () => {
  let fx: Fixture;
  beforeEach(async () => { fx = await start(); });
  afterEach(async () => { await fx.gateway.close(); });

  it('serves the snapshot and history of a channel', async () => {
    const events = await publishN(fx.publisher, 'prices.Z', 0, 10);
    const snapshot = await (await fetch(`${fx.httpUrl}/api/channels/prices.Z/snapshot`)).json();
    assert.equal(snapshot.event.id, events[9].id);
    const history = await (await fetch(`${fx.httpUrl}/api/channels/prices.Z/history?after=${events[4].id}&limit=3`)).json();
    assert.deepEqual(history.events.map((event: { id: string }) => event.id), events.slice(5, 8).map((event) => event.id));
    assert.equal(history.more, true);
  });

  it('answers bad requests with 4xx and a clear error', async () => {
    const bad = await fetch(`${fx.httpUrl}/api/channels/bad%20name/snapshot`);
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.code, 'bad_channel');
    const badId = await fetch(`${fx.httpUrl}/api/channels/a/history?after=zzz`);
    assert.equal((await badId.json()).error.field, 'after');
    const badLimit = await fetch(`${fx.httpUrl}/api/channels/a/history?limit=100000`);
    assert.equal(badLimit.status, 400);
    const missing = await fetch(`${fx.httpUrl}/nope`);
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).error.code, 'not_found');
  });

  it('reports health and readiness', async () => {
    assert.equal((await (await fetch(`${fx.httpUrl}/healthz`)).json()).status, 'ok');
    assert.equal((await (await fetch(`${fx.httpUrl}/readyz`)).json()).status, 'ready');
  });
});
