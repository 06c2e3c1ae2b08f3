/**
 * Short scenario 3 (`npm run test:chaos`): Redis killed and restarted, a private Kafka broker
 * restarted, a gateway SIGTERMed and one SIGKILLed, a client process paused past the
 * heartbeat. After each: no acknowledged event lost, none delivered twice as new, every client
 * caught up again; after a gateway kill every client was back within 30 s.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROFILES } from './profiles.ts';
import { faultTable } from './report.ts';
import { runDrills } from './scenarios/drills.ts';

describe('full stack: failure drills (short)', () => {
  it('Redis, Kafka, gateway SIGTERM and SIGKILL, client SIGSTOP: nothing acknowledged lost or doubled, everyone recovers', { timeout: 300_000 }, async () => {
    const results = await runDrills({ ...PROFILES.short.drills, log: (line) => console.log(line) });
    console.log(faultTable(results));
    assert.equal(results.length, PROFILES.short.drills.drills.length);
    for (const result of results) {
      assert.equal(result.lost, 0, `${result.name}: acknowledged events lost: ${result.lostSample.join('; ')}`);
      assert.equal(result.duplicates, 0, `${result.name}: events delivered twice as new`);
      assert.equal(result.outOfOrder, 0, `${result.name}: events delivered out of order`);
      assert.ok(result.recoveryMs !== undefined, `${result.name}: some client never caught up`);
    }
    for (const result of results.filter((r) => r.name.startsWith('gateway'))) {
      assert.ok(result.affected > 0, `${result.name}: no client was on the stopped gateway`);
      assert.ok(result.allBackMs !== undefined && result.allBackMs <= 30_000, `${result.name}: all back after ${result.allBackMs} ms`);
    }
    const paused = results.find((r) => r.name.includes('SIGSTOP'));
    assert.ok(paused && paused.affected > 0, 'the paused clients were never cut off: the gateway heartbeat did not notice them');
  });
});
