/**
 * Short scenario 4 (`npm run test:chaos`): a minute at 5,000 events/s to 500 clients through
 * nginx (longer than its 60 s idle timeout, so the gateway heartbeat must keep every socket
 * alive). Nothing acknowledged lost or doubled, no client dropped. RSS and event-loop delay are
 * printed; their < 10% growth target is judged on the 10-minute run (`npm run chaos -- soak`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROFILES } from './profiles.ts';
import { soakTable } from './report.ts';
import { runSoak } from './scenarios/soak.ts';

describe('full stack: soak (short)', () => {
  it('5,000 events/s to 500 clients for over a minute: nothing lost or doubled, no client dropped', { timeout: 240_000 }, async () => {
    const result = await runSoak({ ...PROFILES.short.soak, log: (line) => console.log(line) });
    console.log(`${Math.round(result.achievedEventsPerSecond)} events/s acknowledged\n${soakTable(result)}`);
    assert.equal(result.failedBatches, 0, 'the publisher had batches refused');
    assert.equal(result.lost, 0, 'acknowledged events lost');
    assert.equal(result.duplicates, 0, 'events delivered twice as new');
    assert.equal(result.reconnects, 0, 'clients were dropped and reconnected during the soak');
  });
});
