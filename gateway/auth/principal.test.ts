import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidPattern } from './channel-pattern.ts';
import { Principal } from './principal.ts';

describe('Principal', () => {
  it('everyone may subscribe to any channel', () => {
    const everyone = Principal.everyone();
    for (const channel of ['a', 'prices.BTC', 'metrics.web-1.cpu']) assert.ok(everyone.canSubscribe(channel));
    assert.equal(everyone.anonymous, false);
  });

  it('keeps its patterns frozen and without duplicates', () => {
    const principal = new Principal({ patterns: ['a.*', 'a.*', 'b'] });
    assert.deepEqual(principal.patterns, ['a.*', 'b']);
    assert.ok(Object.isFrozen(principal.patterns));
  });

  it('knows when it has expired', () => {
    const principal = new Principal({ patterns: [], expiresAt: 1_000 });
    assert.equal(principal.isExpired(999), false);
    assert.equal(principal.isExpired(1_000), true);
    assert.equal(new Principal({ patterns: [] }).isExpired(), false);
  });
});

describe('isValidPattern', () => {
  it('accepts names, * segments and a final >', () => {
    for (const pattern of ['prices.BTC-USD', 'prices.*', '*', '>', 'metrics.>', '*.cpu', 'a_b.*.>']) assert.ok(isValidPattern(pattern), pattern);
  });

  it('refuses anything else', () => {
    for (const pattern of ['', 'a b', 'a..b', '.a', 'a.', '>.a', 'a.>.b', 'a*', 'a.>>', 'prices.#', 42, null, ['a']]) {
      assert.equal(isValidPattern(pattern), false, String(pattern));
    }
  });
});
