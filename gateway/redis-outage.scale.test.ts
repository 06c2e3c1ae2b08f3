/**
 * Redis is best effort, Kafka is the truth: with the private redis-server stopped for 10 s in
 * the middle of a steady stream, clients on two `rtdash gateway` processes still receive every
 * event (from the gateways' Kafka tails), and once Redis is back the previews (partial events
 * from Redis notices) flow again. Publish-to-receive latency is measured before, during and
 * after and printed; only the qualitative properties are asserted, never timings.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GatewayProcess } from '../test/support/gateway-process.ts';
import { ResumingClient, type Receipt } from '../test/support/resuming-client.ts';
import {
  firstDifference, formatSummary, openScaleStack, publishSteadily, summarize, waitFor, type ScaleStack,
} from '../test/support/scale-stack.ts';
import type { PublisherStack } from '../publisher/create-publisher.ts';
import type { BreakerState } from '../publisher/notice-breaker.ts';

const OUTAGE_MS = 10_000;
/** The publisher's notice breaker probes Redis this often once it opened (default 5 s; shorter here to keep the test short). */
const BREAKER_COOLDOWN_MS = 1000;

let stack: ScaleStack;
let gatewayA: GatewayProcess;
let gatewayB: GatewayProcess;
let publishing: PublisherStack;
const breakerChanges: Array<{ state: BreakerState; at: number }> = [];
let busErrors = 0;

before(async () => {
  stack = await openScaleStack('redis-outage');
  // Previews are what this test watches for Redis: sent at once, not held for the full event
  // (which on a local broker usually wins the race and would make previews rare).
  const sendPreviewsAtOnce = { RTDASH_PREVIEW_HOLD_MS: '0' };
  [gatewayA, gatewayB] = await Promise.all([stack.startGateway('gateway A', sendPreviewsAtOnce), stack.startGateway('gateway B', sendPreviewsAtOnce)]);
  publishing = await stack.openPublisher({
    noticeBreaker: { cooldownMs: BREAKER_COOLDOWN_MS },
    onBusError: () => { busErrors++; },
    onBreakerChange: (state) => breakerChanges.push({ state, at: Date.now() }),
  });
});

after(async () => {
  await stack?.cleanup();
});

async function readiness(gateway: GatewayProcess): Promise<string> {
  try {
    const response = await fetch(`${gateway.httpUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
    const body = (await response.json()) as { status: string; dependencies: Record<string, string> };
    return `${body.status} (${Object.entries(body.dependencies).map(([name, state]) => `${name} ${state}`).join(', ')})`;
  } catch (error) {
    return `unanswered: ${(error as Error).message}`;
  }
}

describe('Redis stopped for 10 s in the middle of a stream', () => {
  it('every event still arrives through Kafka, and previews flow again once Redis is back', async () => {
    const channel = 'scale.outage';
    const clients = [new ResumingClient(channel, { recordReceipts: true }), new ResumingClient(channel, { recordReceipts: true })];
    for (const client of clients) stack.onCleanup(() => client.close());
    const names = [`client on ${gatewayA.name}`, `client on ${gatewayB.name}`];
    await Promise.all([clients[0].connect(gatewayA.wsUrl), clients[1].connect(gatewayB.wsUrl)]);
    // `subscribed` does not wait for Redis; previews flow once both gateways hold the Redis subscription.
    const redis = stack.redisClient();
    await waitFor('both gateways subscribed on Redis', async () => {
      const [, count] = (await redis.call('PUBSUB', 'NUMSUB', `rtdash:${channel}`)) as [string, number];
      return Number(count) === 2;
    }, { timeoutMs: 5000, intervalMs: 25 });
    redis.disconnect();

    // 200 events/s in batches of 5, until stopped.
    const stream = publishSteadily(publishing.publisher, channel, { total: Number.MAX_SAFE_INTEGER, batchSize: 5, intervalMs: 25 });
    const previewsSince = (client: ResumingClient, since: number) => client.receipts.filter((r) => r.partial && r.ts >= since).length;
    const fullReceivedBetween = (client: ResumingClient, from: number, to: number) =>
      client.receipts.filter((r) => !r.partial && r.at >= from && r.at < to).length;

    // Before: previews and full events on both clients.
    const streamStart = Date.now();
    await sleep(2500);
    await waitFor('previews on both clients before the outage', () => clients.every((client) => previewsSince(client, streamStart) > 0), {
      timeoutMs: 10_000, intervalMs: 50, detail: () => clients.map((client) => previewsSince(client, streamStart)).join(', '),
    });

    // During: Redis is gone for OUTAGE_MS.
    const stopRequestedAt = Date.now();
    await stack.redis.stop();
    const stoppedAt = Date.now();
    await sleep(OUTAGE_MS / 2);
    const readyDuring = await Promise.all([gatewayA, gatewayB].map(readiness));
    await sleep(Math.max(0, stoppedAt + OUTAGE_MS - Date.now()));
    const restartRequestedAt = Date.now();
    await stack.redis.restart();
    const restartedAt = Date.now();

    // After: previews of events published after the restart reach both clients again.
    const resumedAfter = await Promise.all(clients.map(async (client, i) => {
      await waitFor(`previews on the ${names[i]} after Redis came back`, () => previewsSince(client, restartedAt) > 0, {
        timeoutMs: 20_000, intervalMs: 20,
      });
      return Date.now() - restartedAt;
    }));
    await sleep(2500); // a few seconds of "after" figures
    const readyAfter = await Promise.all([gatewayA, gatewayB].map(readiness));
    const published = await stream.stop();
    const streamMs = Date.now() - streamStart;

    for (const [i, client] of clients.entries()) {
      await waitFor(`${names[i]} to hold all ${published.length} events`, () => client.fullCount >= published.length, {
        timeoutMs: 20_000, intervalMs: 50, detail: () => `it has ${client.fullCount}`,
      });
    }
    await sleep(300);

    // The figures.
    const closedAgain = breakerChanges.find((change) => change.state === 'closed' && change.at >= restartedAt);
    const phases: Array<[string, (receipt: Receipt) => boolean]> = [
      ['before', (r) => r.ts < stopRequestedAt],
      ['during', (r) => r.ts >= stoppedAt && r.ts < restartRequestedAt],
      ['after', (r) => r.ts >= restartedAt],
    ];
    console.log(`  ${published.length} events in ${streamMs} ms; Redis down ${restartedAt - stopRequestedAt} ms; ` +
      `previews back ${resumedAfter.join(' / ')} ms after the restart; publisher: ${busErrors} bus error(s), notice breaker opened ${breakerChanges.filter((change) => change.state === 'open').length} time(s), ` +
      `closed again ${closedAgain ? `${closedAgain.at - restartedAt} ms after the restart` : 'never'}`);
    console.log(`  /readyz during the outage: ${readyDuring.join(' | ')}; after: ${readyAfter.join(' | ')}`);
    for (const [i, client] of clients.entries()) {
      console.log(`  ${names[i]} — publish-to-receive latency (event ts to arrival):`);
      for (const [phase, inPhase] of phases) {
        const receipts = client.receipts.filter(inPhase);
        const firstPaint = new Map<string, number>();
        for (const r of receipts) if (!firstPaint.has(r.id)) firstPaint.set(r.id, r.at - r.ts);
        const full = receipts.filter((r) => !r.partial);
        const previews = receipts.filter((r) => r.partial);
        console.log(`    ${phase.padEnd(6)} first paint ${formatSummary(summarize([...firstPaint.values()]))}; ` +
          `previews ${formatSummary(summarize(previews.map((r) => r.at - r.ts)))} (${previews.length}/${full.length} events); ` +
          `full ${formatSummary(summarize(full.map((r) => r.at - r.ts)))}`);
      }
    }

    // The properties.
    for (const [i, client] of clients.entries()) {
      const ids = client.ids();
      assert.deepEqual(ids, published, `${names[i]}: ${firstDifference(ids, published)}`);
      assert.ok(fullReceivedBetween(client, stoppedAt, restartRequestedAt) > 0, `${names[i]} received full events while Redis was down`);
      const previewsOfOutage = client.receipts.filter((r) => r.partial && r.ts >= stoppedAt && r.ts < restartRequestedAt);
      assert.equal(previewsOfOutage.length, 0, `${names[i]}: no preview of an event published while Redis was down (they came from Kafka)`);
      assert.ok(client.receipts.every((r) => !r.inBatch), `${names[i]}: stayed live throughout (no catch-up batches)`);
      assert.equal(client.connections, 1, `${names[i]}: never reconnected`);
      assert.equal(client.connection?.closeCode, undefined, `${names[i]}: its connection is still open`);
    }
    for (const gateway of [gatewayA, gatewayB]) assert.ok(gateway.running, `${gateway.name} exited. Output:\n${gateway.output().slice(-3000)}`);
  });
});
