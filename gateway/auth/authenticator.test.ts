/**
 * The authenticator against real HS256 tokens signed with jose, and hand-made bad ones.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { SignJWT, type JWTPayload } from 'jose';
import { Authenticator, MAX_TOKEN_CHARS, type AuthResult, type AuthSettings } from './authenticator.ts';
import type { Principal } from './principal.ts';
import type { AuthRequest } from './token-source.ts';

const SECRET = 'test-secret-0123456789-abcdefghijklmnop';
const OTHER_SECRET = 'another-secret-0123456789-abcdefghijklm';
const nowSec = () => Math.floor(Date.now() / 1000);

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function sign(claims: JWTPayload, { secret = SECRET, alg = 'HS256' } = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg }).sign(new TextEncoder().encode(secret));
}

/** Correctly signed, whatever the payload: for claims jose itself would refuse to build. */
function signRaw(payload: string, secret = SECRET): string {
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const bearer = (token: string): AuthRequest => ({ url: '/ws', headers: { authorization: `Bearer ${token}` } });

function auth(settings: Partial<AuthSettings> = {}): Authenticator {
  return new Authenticator({ jwtSecret: SECRET, publicChannels: [], ...settings });
}

function accepted(result: AuthResult): Principal {
  if (!result.ok) assert.fail(`expected acceptance, got ${result.status}: ${result.message}`);
  return result.principal;
}

/** Asserts a 401 whose message matches `reason` and does not leak the token. */
function refused(result: AuthResult, reason: RegExp, token: string): string {
  if (result.ok) assert.fail('expected a refusal, got a principal');
  assert.equal(result.status, 401);
  assert.equal(result.code, 'unauthorized');
  assert.match(result.message, reason);
  assert.ok(!result.message.includes(token), `message leaks the token: ${result.message}`);
  return result.message;
}

describe('Authenticator without a secret (auth off)', () => {
  it('lets everyone subscribe to everything, without subject or expiry', async () => {
    for (const settings of [{}, { jwtSecret: '' }] as AuthSettings[]) {
      const authenticator = new Authenticator(settings);
      assert.equal(authenticator.enabled, false);
      const principal = accepted(await authenticator.authenticate({ headers: {} }));
      assert.equal(principal.subject, undefined);
      assert.equal(principal.expiresAt, undefined);
      assert.equal(principal.anonymous, false);
      assert.ok(principal.canSubscribe('prices.BTC'));
      assert.ok(principal.canSubscribe('metrics.web-1.cpu'));
    }
  });

  it('ignores whatever token comes along', async () => {
    const principal = accepted(await new Authenticator({}).authenticate(bearer('abc')));
    assert.ok(principal.canSubscribe('anything'));
  });
});

describe('Authenticator settings', () => {
  it('refuses a secret too short for HS256', () => {
    assert.throws(() => new Authenticator({ jwtSecret: 'short' }), /at least 32/);
  });

  it('refuses an invalid public channel pattern', () => {
    assert.throws(() => new Authenticator({ jwtSecret: SECRET, publicChannels: ['prices.>.x'] }), /prices\.>\.x/);
    assert.throws(() => new Authenticator({ jwtSecret: SECRET, publicChannels: ['a b'] }), /not valid/);
  });
});

describe('Authenticator without a token', () => {
  it('gives an anonymous principal no channels when nothing is public', async () => {
    const principal = accepted(await auth().authenticate({ url: '/ws', headers: {} }));
    assert.equal(principal.anonymous, true);
    assert.equal(principal.subject, undefined);
    assert.deepEqual(principal.patterns, []);
    assert.equal(principal.canSubscribe('prices.BTC'), false);
  });

  it('gives an anonymous principal the public channels only', async () => {
    const principal = accepted(await auth({ publicChannels: ['prices.*', 'status'] }).authenticate({ headers: {} }));
    assert.equal(principal.anonymous, true);
    assert.ok(principal.canSubscribe('prices.BTC'));
    assert.ok(principal.canSubscribe('status'));
    assert.equal(principal.canSubscribe('metrics.web-1'), false);
    assert.equal(principal.canSubscribe('prices.BTC.depth'), false);
  });

  it('treats an empty token as no token', async () => {
    const principal = accepted(await auth().authenticate({ url: '/ws?token=', headers: { authorization: 'Bearer ', cookie: 'rtdash_token=' } }));
    assert.equal(principal.anonymous, true);
  });
});

describe('Authenticator token sources', () => {
  it('reads the Authorization header, any case of "Bearer"', async () => {
    const token = await sign({ sub: 'header-user' });
    assert.equal(accepted(await auth().authenticate(bearer(token))).subject, 'header-user');
    assert.equal(accepted(await auth().authenticate({ headers: { Authorization: `bearer   ${token} ` } })).subject, 'header-user');
  });

  it('reads the token query parameter', async () => {
    const token = await sign({ sub: 'query-user' });
    const principal = accepted(await auth().authenticate({ url: `/api/stream?channels=a,b&token=${token}`, headers: {} }));
    assert.equal(principal.subject, 'query-user');
  });

  it('reads the rtdash_token cookie among others', async () => {
    const token = await sign({ sub: 'cookie-user' });
    const cookie = `theme=dark; xrtdash_token=nope; rtdash_token="${token}"; other=1`;
    assert.equal(accepted(await auth().authenticate({ headers: { cookie } })).subject, 'cookie-user');
  });

  it('prefers the header, then the query, then the cookie', async () => {
    const [h, q, c] = await Promise.all(['h', 'q', 'c'].map((sub) => sign({ sub })));
    const all = { url: `/ws?token=${q}`, headers: { authorization: `Bearer ${h}`, cookie: `rtdash_token=${c}` } };
    assert.equal(accepted(await auth().authenticate(all)).subject, 'h');
    assert.equal(accepted(await auth().authenticate({ ...all, headers: { cookie: `rtdash_token=${c}` } })).subject, 'q');
    assert.equal(accepted(await auth().authenticate({ headers: { cookie: `rtdash_token=${c}` } })).subject, 'c');
  });

  it('looks past another Authorization scheme', async () => {
    const token = await sign({ sub: 'q' });
    const result = await auth().authenticate({ url: `/ws?token=${token}`, headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    assert.equal(accepted(result).subject, 'q');
  });

  it('does not fall back to a later source when the first token is bad', async () => {
    const good = await sign({ sub: 'cookie' });
    const forged = await sign({ sub: 'header' }, { secret: OTHER_SECRET });
    const result = await auth().authenticate({ headers: { authorization: `Bearer ${forged}`, cookie: `rtdash_token=${good}` } });
    const message = refused(result, /signature/, forged);
    assert.match(message, /Authorization header/);
    assert.ok(!message.includes(good));
  });

  it('says which source carried the failing token', async () => {
    const token = await sign({ sub: 'x' }, { secret: OTHER_SECRET });
    refused(await auth().authenticate({ url: `/ws?token=${token}`, headers: {} }), /"token" query parameter/, token);
    refused(await auth().authenticate({ headers: { cookie: `rtdash_token=${token}` } }), /rtdash_token cookie/, token);
  });
});

describe('Authenticator with a valid token', () => {
  it('grants the channels claim plus the public channels, with subject and expiry', async () => {
    const exp = nowSec() + 600;
    const token = await sign({ sub: 'alice', exp, channels: ['prices.*', 'metrics.>', 'news.eu'] });
    const principal = accepted(await auth({ publicChannels: ['status'] }).authenticate(bearer(token)));
    assert.equal(principal.subject, 'alice');
    assert.equal(principal.expiresAt, exp * 1000);
    assert.equal(principal.anonymous, false);
    assert.deepEqual(principal.patterns, ['prices.*', 'metrics.>', 'news.eu', 'status']);
    const can = (channel: string) => principal.canSubscribe(channel);
    assert.ok(can('prices.BTC-USD'));
    assert.ok(!can('prices.BTC.depth'), '* is one segment');
    assert.ok(!can('prices'));
    assert.ok(can('metrics.web-1'));
    assert.ok(can('metrics.web-1.cpu'), '> is one or more segments');
    assert.ok(!can('metrics'), '> needs at least one segment');
    assert.ok(can('news.eu'));
    assert.ok(!can('news.us'));
    assert.ok(can('status'));
    assert.ok(!can('orders.1'));
  });

  it('has no expiry without exp, and only public channels without a channels claim', async () => {
    const principal = accepted(await auth({ publicChannels: ['status'] }).authenticate(bearer(await sign({ sub: 'bob' }))));
    assert.equal(principal.expiresAt, undefined);
    assert.deepEqual(principal.patterns, ['status']);
  });

  it('accepts the configured audience and issuer', async () => {
    const token = await sign({ sub: 'c', aud: 'rtdash', iss: 'https://id.example' });
    const principal = accepted(await auth({ audience: 'rtdash', issuer: 'https://id.example' }).authenticate(bearer(token)));
    assert.equal(principal.subject, 'c');
  });

  it('allows the clock tolerance on exp and nbf', async () => {
    const token = await sign({ sub: 'skewed', exp: nowSec() - 2, nbf: nowSec() + 2 });
    accepted(await auth({ clockToleranceSec: 5 }).authenticate(bearer(token)));
    refused(await auth({ clockToleranceSec: 0 }).authenticate(bearer(token)), /expired|not valid yet/, token);
  });
});

describe('Authenticator refusals', () => {
  it('refuses a token signed with another secret', async () => {
    const token = await sign({ sub: 'mallory', channels: ['>'] }, { secret: OTHER_SECRET });
    refused(await auth().authenticate(bearer(token)), /signature is invalid/, token);
  });

  it('refuses a token whose payload was altered', async () => {
    const [header, , signature] = (await sign({ sub: 'alice', channels: ['prices.*'] })).split('.');
    const token = `${header}.${b64({ sub: 'alice', channels: ['>'] })}.${signature}`;
    refused(await auth().authenticate(bearer(token)), /signature is invalid/, token);
  });

  it('refuses an unsigned alg:none token', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'root', channels: ['>'] })}.`;
    refused(await auth().authenticate(bearer(token)), /only HS256/, token);
  });

  it('refuses HS512 even with the right secret', async () => {
    const token = await sign({ sub: 'alice' }, { alg: 'HS512' });
    refused(await auth().authenticate(bearer(token)), /only HS256/, token);
  });

  it('refuses an expired token and says when it expired', async () => {
    const exp = nowSec() - 60;
    const token = await sign({ sub: 'alice', exp });
    refused(await auth().authenticate(bearer(token)), new RegExp(`expired at ${new Date(exp * 1000).toISOString()}`), token);
  });

  it('refuses a token not valid yet', async () => {
    const token = await sign({ sub: 'alice', nbf: nowSec() + 60 });
    refused(await auth().authenticate(bearer(token)), /not valid yet/, token);
  });

  it('refuses a wrong or missing audience when one is configured', async () => {
    const authenticator = auth({ audience: 'rtdash' });
    const wrong = await sign({ sub: 'a', aud: 'billing' });
    refused(await authenticator.authenticate(bearer(wrong)), /"aud" claim does not match/, wrong);
    const missing = await sign({ sub: 'a' });
    refused(await authenticator.authenticate(bearer(missing)), /no "aud" claim/, missing);
  });

  it('refuses a wrong issuer when one is configured', async () => {
    const token = await sign({ sub: 'a', iss: 'https://evil.example' });
    refused(await auth({ issuer: 'https://id.example' }).authenticate(bearer(token)), /"iss" claim does not match/, token);
  });

  it('refuses malformed tokens', async () => {
    for (const token of ['abc', 'a.b', '!!!.@@@.###', 'a.b.c.d', `${b64('{')}.${b64({})}.xyz`]) {
      refused(await auth().authenticate(bearer(token)), /malformed/, token);
    }
  });

  it('refuses a signed token whose payload is not a JSON object', async () => {
    const token = signRaw('not json');
    refused(await auth().authenticate(bearer(token)), /payload is not a JSON object/, token);
  });

  it('refuses a signed token whose exp is not a number', async () => {
    const token = signRaw(JSON.stringify({ sub: 'a', exp: 'tomorrow' }));
    refused(await auth().authenticate(bearer(token)), /claim "exp" is invalid/, token);
  });

  it('refuses an oversized token without verifying it', async () => {
    const token = 'x'.repeat(MAX_TOKEN_CHARS + 1);
    refused(await auth().authenticate(bearer(token)), /malformed: over/, token);
  });

  it('refuses a bad channels claim and names it', async () => {
    const cases: [unknown, RegExp][] = [
      ['prices.*', /"channels" must be an array/],
      [{ 0: 'prices.*' }, /"channels" must be an array/],
      [['prices.*', 42], /"channels" item 1 is not a valid channel pattern/],
      [['prices BTC'], /"channels" item 0 is not a valid/],
      [['metrics.>.cpu'], /"channels" item 0/],
      [[''], /"channels" item 0/],
      [['prices..BTC'], /"channels" item 0/],
    ];
    for (const [channels, reason] of cases) {
      const token = await sign({ sub: 'alice', channels } as JWTPayload);
      refused(await auth().authenticate(bearer(token)), reason, token);
    }
  });

  it('refuses a sub that is not a string', async () => {
    const token = signRaw(JSON.stringify({ sub: 7 }));
    refused(await auth().authenticate(bearer(token)), /"sub" must be a string/, token);
  });
});
