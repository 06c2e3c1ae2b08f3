import { expect } from '@open-wc/testing';
import { CircuitBreaker } from './circuit-breaker.ts';
import { FakeClock } from '../test-support/fake-clock.ts';
import { describe, it } from '../test-support/mocha.ts';

describe('CircuitBreaker', () => {
  it('opens after 5 consecutive failures by default', () => {
    const clock = new FakeClock();
    const breaker = new CircuitBreaker({ clock });
    for (let i = 0; i < 4; i++) breaker.recordFailure();
    expect(breaker.state).to.equal('closed');
    expect(breaker.tryAcquire()).to.equal(true);
    breaker.recordFailure();
    expect(breaker.state).to.equal('open');
    expect(breaker.tryAcquire()).to.equal(false);
    expect(breaker.retryAt).to.equal(clock.now() + 30_000);
  });

  it('a success in between resets the count', () => {
    const breaker = new CircuitBreaker({ clock: new FakeClock() });
    for (let i = 0; i < 4; i++) breaker.recordFailure();
    breaker.recordSuccess();
    for (let i = 0; i < 4; i++) breaker.recordFailure();
    expect(breaker.state).to.equal('closed');
  });

  it('half-opens after the cooldown and lets one probe through', () => {
    const clock = new FakeClock();
    const breaker = new CircuitBreaker({ clock, failureThreshold: 2, cooldownMs: 1_000 });
    breaker.recordFailure();
    breaker.recordFailure();
    clock.advance(999);
    expect(breaker.tryAcquire()).to.equal(false);
    clock.advance(1);
    expect(breaker.state).to.equal('half-open');
    expect(breaker.tryAcquire()).to.equal(true);
  });

  it('a failed probe opens the circuit again at once; a good one closes it', () => {
    const clock = new FakeClock();
    const breaker = new CircuitBreaker({ clock, failureThreshold: 3, cooldownMs: 1_000 });
    for (let i = 0; i < 3; i++) breaker.recordFailure();
    clock.advance(1_000);
    expect(breaker.tryAcquire()).to.equal(true);
    breaker.recordFailure();
    expect(breaker.state).to.equal('open');
    expect(breaker.retryAt).to.equal(clock.now() + 1_000);
    clock.advance(1_000);
    expect(breaker.tryAcquire()).to.equal(true);
    breaker.recordSuccess();
    expect(breaker.state).to.equal('closed');
    expect(breaker.consecutiveFailures).to.equal(0);
  });
});
