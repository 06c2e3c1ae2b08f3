/**
 * Short scenario 1 (`npm run test:chaos`): events published at 1,000 and 10,000 events/s reach
 * the DOM of real Chromium pages (one over WebSocket, one over SSE, through nginx). The
 * latency figures are printed, not asserted (targets live in the benchmark: `npm run chaos --
 * latency`, docs/RELIABILITY.md).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROFILES } from './profiles.ts';
import { latencyTable } from './report.ts';
import { runLatency } from './scenarios/latency.ts';

describe('full stack: publish-to-DOM (short)', () => {
  it('values published at 1,000 and 10,000 events/s reach the DOM over WebSocket and SSE through nginx', { timeout: 180_000 }, async () => {
    const options = PROFILES.short.latency;
    const rows = await runLatency({ ...options, log: (line) => console.log(line) });
    console.log(latencyTable(rows, options.windowMs));
    // Per rate: the two pages, the wire probe and the publisher's acknowledgements.
    assert.equal(rows.length, options.rates.length * 4);
    for (const row of rows) {
      assert.ok(row.samples > 0, `${row.transport} at ${row.rate} events/s: no samples (no value reached the DOM, the wire, or no batch was acknowledged)`);
      assert.ok(row.acked > 0 && row.acked >= row.sent - 1000, `${row.rate} events/s: the publisher had ${row.sent - row.acked} events unacknowledged`);
      // Clocks shared: a value can never be in the DOM before it was sent.
      assert.ok(row.p50 >= 0, `${row.transport} at ${row.rate}: negative latency ${row.p50}`);
    }
  });
});
