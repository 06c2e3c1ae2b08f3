/**
 * Auth at the gateway, over real WebSocket and SSE connections: refused tokens and origins,
 * channel grants, and a token that expires on a live connection.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { CloseCode } from '../protocol/index.ts';
import { FrameClient } from '../test/support/frame-client.ts';
import { start, type Fixture } from '../test/support/gateway-fixture.ts';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';
const key = (secret: string) => new TextEncoder().encode(secret);

function token(claims: Record<string, unknown>, options: { secret?: string; expiresInSec?: number } = {}): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('user-1').setIssuedAt();
  if (options.expiresInSec !== undefined) jwt.setExpirationTime(Math.floor(Date.now() / 1000) + options.expiresInSec);
  return jwt.sign(key(options.secret ?? SECRET));
}

describe('gateway auth', () => {
  let fx: Fixture;
  afterEach(async () => { await fx.gateway.close(); });
  const startSecured = () => start({}, { auth: { jwtSecret: SECRET, publicChannels: ['public.*'] } });

  it('refuses forged and expired tokens at the upgrade and at the SSE endpoint', async () => {
    fx = await startSecured();
    const forged = await token({ channels: ['>'] }, { secret: 'another-secret-that-is-also-32-bytes-long!' });
    const expired = await token({ channels: ['>'] }, { expiresInSec: -60 });
    for (const bad of [forged, expired, 'not.a.token']) {
      await assert.rejects(FrameClient.connect(`${fx.wsUrl}?token=${bad}`), /401/);
      const sse = await fetch(`${fx.httpUrl}/api/stream?channels=public.a`, { headers: { Authorization: `Bearer ${bad}` } });
      assert.equal(sse.status, 401);
      const body = await sse.json();
      assert.equal(body.error.code, 'unauthorized');
      assert.ok(!JSON.stringify(body).includes(bad), 'the token is never echoed');
    }
  });

  it('grants exactly the channels of the token, and public channels without one', async () => {
    fx = await startSecured();
    const holder = await FrameClient.connect(fx.wsUrl, { Authorization: `Bearer ${await token({ channels: ['prices.*'] })}` });
    holder.send({ type: 'subscribe', channels: ['prices.AAPL', 'metrics.web-1', 'public.news'] });
    await holder.next('subscribed', (frame) => frame.channel === 'prices.AAPL');
    await holder.next('subscribed', (frame) => frame.channel === 'public.news');
    const refused = await holder.next('error', (frame) => frame.channel === 'metrics.web-1');
    assert.equal(refused.code, 'forbidden');
    const anonymous = await FrameClient.connect(fx.wsUrl);
    anonymous.send({ type: 'subscribe', channels: ['public.news', 'prices.AAPL'] });
    await anonymous.next('subscribed', (frame) => frame.channel === 'public.news');
    assert.equal((await anonymous.next('error', (frame) => frame.channel === 'prices.AAPL')).code, 'unauthorized');
    const sse = await fetch(`${fx.httpUrl}/api/stream?channels=prices.AAPL`);
    const reader = sse.body!.getReader();
    let text = '';
    while (!text.includes('"code":"unauthorized"')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    holder.close();
    anonymous.close();
  });

  it('closes a live connection when its token expires (4002)', async () => {
    fx = await startSecured();
    const client = await FrameClient.connect(`${fx.wsUrl}?token=${await token({ channels: ['>'] }, { expiresInSec: 1 })}`);
    client.send({ type: 'subscribe', channels: ['prices.AAPL'] });
    await client.next('subscribed');
    assert.equal(await client.closed(4000), CloseCode.authExpired);
  });

  it('refuses a foreign Origin on WebSocket and SSE when an allow-list is set', async () => {
    fx = await start({ allowedOrigins: ['https://dash.example'] });
    await assert.rejects(FrameClient.connect(fx.wsUrl, { Origin: 'https://evil.example' }), /403/);
    const sse = await fetch(`${fx.httpUrl}/api/stream?channels=a`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(sse.status, 403);
    const allowed = await fetch(`${fx.httpUrl}/api/stream?channels=a`, { headers: { Origin: 'https://dash.example' } });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://dash.example');
    await allowed.body?.cancel();
  });

  it('guards the REST snapshot and history like a subscription', async () => {
    fx = await startSecured();
    const get = (path: string, bearer?: string) =>
      fetch(`${fx.httpUrl}${path}`, bearer ? { headers: { Authorization: `Bearer ${bearer}` } } : {});
    for (const path of ['/api/channels/prices.AAPL/snapshot', '/api/channels/prices.AAPL/history']) {
      const anonymous = await get(path);
      assert.equal(anonymous.status, 401, `${path} without a token`);
      assert.equal((await anonymous.json()).error.code, 'unauthorized');
      const wrong = await get(path, await token({ channels: ['metrics.*'] }));
      assert.equal(wrong.status, 403, `${path} with a token for other channels`);
      assert.equal((await wrong.json()).error.code, 'forbidden');
      const forged = await get(path, await token({ channels: ['>'] }, { secret: 'another-secret-that-is-also-32-bytes-long!' }));
      assert.equal(forged.status, 401, `${path} with a forged token`);
      assert.equal((await get(path, await token({ channels: ['prices.*'] }))).status, 200, `${path} with a granting token`);
    }
    assert.equal((await get('/api/channels/public.news/snapshot')).status, 200, 'a public channel needs no token');
  });

  it('lets pages on other origins read the REST snapshot and history (CORS), only allowed ones with an allow-list', async () => {
    fx = await start();
    const open = await fetch(`${fx.httpUrl}/api/channels/a/history`, { headers: { Origin: 'https://any.example' } });
    assert.equal(open.headers.get('access-control-allow-origin'), '*');
    await fx.gateway.close();
    fx = await start({ allowedOrigins: ['https://dash.example'] });
    const allowed = await fetch(`${fx.httpUrl}/api/channels/a/snapshot`, { headers: { Origin: 'https://dash.example' } });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://dash.example');
    const foreign = await fetch(`${fx.httpUrl}/api/channels/a/snapshot`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  });
});
