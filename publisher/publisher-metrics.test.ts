import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatencyWindow } from './publisher-metrics.ts';

describe('LatencyWindow', () => {
  it('answers zeros before the first sample', () => {
    assert.deepEqual(new LatencyWindow().summary(), { count: 0, sumMs: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 });
  });

  it('gives p50, p99 and max of the recent samples, count and sum of all', () => {
    const window = new LatencyWindow(100);
    for (let ms = 1; ms <= 100; ms++) window.record(ms);
    assert.deepEqual(window.summary(), { count: 100, sumMs: 5050, p50Ms: 50, p99Ms: 99, maxMs: 100 });
  });

  it('keeps fixed memory: old samples leave the quantiles, not the count', () => {
    const window = new LatencyWindow(10);
    for (let i = 0; i < 1000; i++) window.record(1000);
    for (let i = 0; i < 10; i++) window.record(2);
    const summary = window.summary();
    assert.equal(summary.count, 1010);
    assert.equal(summary.p99Ms, 2);
    assert.equal(summary.maxMs, 2);
  });
});
