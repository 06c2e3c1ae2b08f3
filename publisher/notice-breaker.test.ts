import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NoticeBreaker, type BreakerState } from './notice-breaker.ts';

function breaker(failureThreshold = 3, cooldownMs = 1000) {
  let now = 0;
  const changes: BreakerState[] = [];
  const b = new NoticeBreaker({ failureThreshold, cooldownMs, now: () => now, onChange: (state) => changes.push(state) });
  return { b, changes, advance: (ms: number) => { now += ms; } };
}

describe('NoticeBreaker', () => {
  it('opens after the threshold of consecutive failures and refuses while open', () => {
    const { b, changes } = breaker(3);
    for (let i = 0; i < 2; i++) {
      assert.equal(b.tryAcquire(), true);
      b.failure();
    }
    b.success(); // a success resets the count
    for (let i = 0; i < 2; i++) b.failure();
    assert.equal(b.state, 'closed');
    b.failure();
    assert.equal(b.state, 'open');
    assert.equal(b.tryAcquire(), false);
    assert.deepEqual(changes, ['open']);
    assert.deepEqual(b.snapshot(), { state: 'open', consecutiveFailures: 3, opens: 1 });
  });

  it('lets exactly one probe through after the cooldown; its success closes the breaker', () => {
    const { b, changes, advance } = breaker(1, 1000);
    b.failure();
    advance(999);
    assert.equal(b.tryAcquire(), false);
    advance(1);
    assert.equal(b.state, 'half-open');
    assert.equal(b.tryAcquire(), true, 'the probe');
    assert.equal(b.tryAcquire(), false, 'only one probe at a time');
    b.success();
    assert.equal(b.state, 'closed');
    assert.equal(b.tryAcquire(), true);
    assert.deepEqual(changes, ['open', 'half-open', 'closed']);
  });

  it('opens again for a new cooldown when the probe fails', () => {
    const { b, advance } = breaker(2, 500);
    b.failure();
    b.failure();
    advance(500);
    assert.equal(b.tryAcquire(), true);
    b.failure();
    assert.equal(b.state, 'open');
    advance(499);
    assert.equal(b.tryAcquire(), false);
    advance(1);
    assert.equal(b.tryAcquire(), true);
    assert.equal(b.snapshot().opens, 2);
  });

  it('ignores late results of batches sent before it opened', () => {
    const { b, advance } = breaker(1, 100);
    b.failure();
    b.success(); // a batch sent earlier that happened to succeed
    assert.equal(b.state, 'open');
    b.failure(); // more late failures do not restart the cooldown
    advance(100);
    assert.equal(b.state, 'half-open');
  });

  it('refuses nonsense settings', () => {
    assert.throws(() => new NoticeBreaker({ failureThreshold: 0 }), /failureThreshold must be a positive integer/);
    assert.throws(() => new NoticeBreaker({ cooldownMs: -1 }), /cooldownMs must be 0 or more/);
  });
});
