/**
 * watchExpiry on an injected clock (no waiting), plus one short run on real timers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { Authenticator } from './authenticator.ts';
import { MAX_TIMER_DELAY_MS, systemClock, watchExpiry, type ExpiryClock } from './expiry-timer.ts';
import { Principal } from './principal.ts';

/** A clock whose time moves only when the test says so. */
class FakeClock implements ExpiryClock {
  time = 0;
  delays: number[] = [];
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;

  now(): number { return this.time; }
  setTimeout(callback: () => void, ms: number): unknown {
    this.delays.push(ms);
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void { this.timers.delete(handle as number); }
  get pending(): number { return this.timers.size; }

  /** Runs every pending timer now, whatever its due time: a timer that wakes early. */
  fireEarly(): void {
    const timers = [...this.timers.values()];
    this.timers.clear();
    for (const timer of timers) timer.callback();
  }

  /** Moves time forward, running due timers in order (including ones they arm). */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = until;
  }
}

const expiringAt = (expiresAt?: number) => new Principal({ patterns: [], expiresAt });

describe('watchExpiry', () => {
  it('fires once, at expiresAt and not before', () => {
    const clock = new FakeClock();
    let fired = 0;
    watchExpiry(expiringAt(1_200), () => fired++, clock);
    clock.advance(1_199);
    assert.equal(fired, 0);
    clock.advance(1);
    assert.equal(fired, 1);
    clock.advance(10_000);
    assert.equal(fired, 1);
    assert.equal(clock.pending, 0);
  });

  it('does not fire once cancelled', () => {
    const clock = new FakeClock();
    let fired = 0;
    const cancel = watchExpiry(expiringAt(1_000), () => fired++, clock);
    clock.advance(500);
    cancel();
    cancel(); // twice is harmless
    clock.advance(5_000);
    assert.equal(fired, 0);
    assert.equal(clock.pending, 0);
  });

  it('does nothing without expiresAt', () => {
    const clock = new FakeClock();
    let fired = 0;
    const cancel = watchExpiry(expiringAt(undefined), () => fired++, clock);
    assert.equal(clock.pending, 0);
    clock.advance(2 ** 40);
    cancel();
    assert.equal(fired, 0);
  });

  it('reaches a deadline beyond the timer maximum by re-arming', () => {
    const clock = new FakeClock();
    let fired = 0;
    const deadline = MAX_TIMER_DELAY_MS * 2 + 10;
    watchExpiry(expiringAt(deadline), () => fired++, clock);
    assert.ok(clock.delays.every((ms) => ms <= MAX_TIMER_DELAY_MS));
    clock.advance(deadline - 1);
    assert.equal(fired, 0);
    clock.advance(1);
    assert.equal(fired, 1);
    assert.deepEqual(clock.delays, [MAX_TIMER_DELAY_MS, MAX_TIMER_DELAY_MS, 10]);
  });

  it('re-arms when a timer wakes early', () => {
    const clock = new FakeClock();
    let fired = 0;
    watchExpiry(expiringAt(100), () => fired++, clock);
    clock.advance(50);
    clock.fireEarly(); // runs with 50 ms still owed
    assert.equal(fired, 0);
    assert.equal(clock.pending, 1);
    assert.equal(clock.delays.at(-1), 50);
    clock.advance(50);
    assert.equal(fired, 1);
  });

  it('fires an already expired principal on a later turn, never synchronously', () => {
    const clock = new FakeClock();
    clock.time = 5_000;
    let fired = 0;
    watchExpiry(expiringAt(1_000), () => fired++, clock);
    assert.equal(fired, 0);
    assert.deepEqual(clock.delays, [0]);
    clock.advance(0);
    assert.equal(fired, 1);
  });

  it('fires on real timers for a token expiring in about a second', async () => {
    const secret = 'test-secret-0123456789-abcdefghijklmnop';
    const exp = Math.floor(Date.now() / 1000) + 1;
    const token = await new SignJWT({ sub: 'a', exp }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
    // Default tolerance: signing may cross a second boundary and put `exp` at "now".
    const result = await new Authenticator({ jwtSecret: secret }).authenticate({ headers: { authorization: `Bearer ${token}` } });
    if (!result.ok) assert.fail(result.message);
    const firedAt = await new Promise<number>((resolve) => {
      // The unref'd timer alone would let the process exit; this one keeps the test alive.
      const guard = setTimeout(() => resolve(-1), 3_000);
      watchExpiry(result.principal, () => { clearTimeout(guard); resolve(Date.now()); });
    });
    assert.ok(firedAt >= exp * 1000, `fired at ${firedAt}, before ${exp * 1000}`);
    assert.ok(firedAt < exp * 1000 + 1_000, 'fired far too late');
  });

  it('uses unref\'d timers, so a pending expiry never holds the process open', () => {
    const handle = systemClock.setTimeout(() => {}, 60_000) as ReturnType<typeof setTimeout>;
    assert.equal(handle.hasRef(), false);
    systemClock.clearTimeout(handle);
  });
});
