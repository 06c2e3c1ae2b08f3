import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { Backoff, backoffCap, fullJitterDelay, reconnectSpreadCap } from './backoff.ts';
import { describe, it } from '../test-support/mocha.ts';

describe('backoff', () => {
  it('caps the window at min(max, base·2^attempt)', () => {
    expect(backoffCap(0)).to.equal(500);
    expect(backoffCap(1)).to.equal(1_000);
    expect(backoffCap(5)).to.equal(16_000);
    expect(backoffCap(6)).to.equal(20_000);
    expect(backoffCap(10_000)).to.equal(20_000);
  });

  it('keeps every delay within [0, cap] for any attempt, settings and random value', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 2_000 }),
      fc.integer({ min: 1, max: 10_000 }),
      fc.integer({ min: 1, max: 600_000 }),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      (attempt, baseMs, maxMs, r) => {
        const delay = fullJitterDelay(attempt, { baseMs, maxMs, random: () => r });
        return delay >= 0 && delay <= backoffCap(attempt, baseMs, maxMs) && Number.isInteger(delay);
      },
    ));
  });

  it('is full jitter: the delay is random·cap, spanning the whole window', () => {
    expect(fullJitterDelay(3, { random: () => 0 })).to.equal(0);
    expect(fullJitterDelay(3, { random: () => 0.5 })).to.equal(2_000);
    expect(fullJitterDelay(3, { random: () => 0.999_999 })).to.equal(3_999);
    // Real randomness: over many draws both halves of the window are used.
    const draws = Array.from({ length: 400 }, () => fullJitterDelay(4));
    expect(draws.some((d) => d < 4_000)).to.equal(true);
    expect(draws.some((d) => d >= 4_000)).to.equal(true);
    expect(Math.max(...draws)).to.be.at.most(8_000);
  });

  it('clamps a misbehaving random into the window', () => {
    expect(fullJitterDelay(0, { random: () => -3 })).to.equal(0);
    expect(fullJitterDelay(0, { random: () => 7 })).to.equal(500);
  });

  it('counts attempts and starts over after reset', () => {
    const backoff = new Backoff({ random: () => 1 });
    expect([backoff.next(), backoff.next(), backoff.next()]).to.deep.equal([500, 1_000, 2_000]);
    expect(backoff.attempt).to.equal(3);
    backoff.reset();
    expect(backoff.attempt).to.equal(0);
    expect(backoff.next()).to.equal(500);
  });

  it('spreads the first retry after a lost connection over reconnectSpreadMs (6 s), within [first window, maxMs]', () => {
    expect(reconnectSpreadCap()).to.equal(6_000);
    expect(reconnectSpreadCap({ reconnectSpreadMs: 10_000 })).to.equal(10_000);
    expect(reconnectSpreadCap({ reconnectSpreadMs: 0 })).to.equal(500);
    expect(reconnectSpreadCap({ reconnectSpreadMs: 1_000, baseMs: 6_000 })).to.equal(6_000);
    expect(reconnectSpreadCap({ baseMs: 100, maxMs: 400 })).to.equal(400);
    const draws = Array.from({ length: 400 }, () => new Backoff().afterLoss());
    expect(Math.max(...draws)).to.be.below(6_000);
    expect(draws.some((d) => d >= 3_000)).to.equal(true);
    expect(draws.some((d) => d < 3_000)).to.equal(true);
  });

  it('counts a spread retry as an attempt, so the next failure backs off exponentially', () => {
    const backoff = new Backoff({ random: () => 0.5 });
    expect(backoff.afterLoss()).to.equal(3_000);
    expect(backoff.attempt).to.equal(1);
    expect(backoff.next()).to.equal(500);
    expect(backoff.next()).to.equal(1_000);
  });

  it('takes a delay function of the attempt instead of the window, clamped to 0 when it misbehaves', () => {
    const backoff = new Backoff({ delay: (attempt) => [100, -5, Number.NaN, 4_000][attempt] ?? 1 });
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).to.deep.equal([100, 0, 0, 4_000]);
    backoff.reset();
    expect(backoff.next()).to.equal(100);
    backoff.reset();
    expect(backoff.afterLoss(), 'the function decides the first retry after a loss too').to.equal(100);
  });
});
