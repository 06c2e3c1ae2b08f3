/**
 * Short scenario 2 (`npm run test:chaos`): 1,000 clients running the browser's
 * ConnectionManager, one of the two gateways behind nginx killed. Every client is back within
 * 30 s, no more than 20% of them reconnect in any one second, and none lost or got twice an
 * event the publisher acknowledged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROFILES } from './profiles.ts';
import { faultTable, stormTimeline } from './report.ts';
import { runStorm } from './scenarios/storm.ts';

describe('full stack: reconnect storm (short)', () => {
  it('1,000 clients, one gateway SIGKILLed: all back within 30 s, ≤ 20% per second, nothing lost or doubled', { timeout: 180_000 }, async () => {
    const result = await runStorm({ ...PROFILES.short.storm, log: (line) => console.log(line) });
    console.log(`${faultTable([result])}\n\n${stormTimeline(result)}`);
    assert.equal(result.clients, PROFILES.short.storm.clients);
    assert.ok(result.onKilled > 0, 'nginx gave the killed gateway no clients');
    assert.equal(result.affected, result.onKilled, 'every client of the killed gateway lost its connection');
    assert.equal(result.lost, 0, `acknowledged events lost: ${result.lostSample.join('; ')}`);
    assert.equal(result.duplicates, 0, 'events delivered twice as new');
    assert.equal(result.outOfOrder, 0, 'events delivered out of order');
    assert.ok(result.allBackMs !== undefined && result.allBackMs <= 30_000, `all back after ${result.allBackMs} ms`);
    assert.ok(result.recoveryMs !== undefined, 'some client never caught up');
    assert.ok(result.peakShareOfAll <= 0.2, `${(result.peakShareOfAll * 100).toFixed(1)}% of the clients reconnected in one second: ${result.reconnectsPerSecond.join(', ')}`);
  });
});
