/**
 * Gap-free resume across gateway processes, on the real Kafka broker and a private Redis: a
 * client cut off 100 times during a 20,000-event stream, and clients whose gateway is killed
 * with SIGKILL, each resuming (on the other gateway) after the last full id it saw, end with
 * exactly the published ids, in order, none missing, none twice. Gateways are `rtdash gateway`
 * processes started through the CLI.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GatewayProcess } from '../test/support/gateway-process.ts';
import { ResumingClient } from '../test/support/resuming-client.ts';
import { firstDifference, openScaleStack, publishSteadily, waitFor, type ScaleStack } from '../test/support/scale-stack.ts';
import type { PublisherStack } from '../publisher/create-publisher.ts';

/** 20,000 events in batches of 100 every 50 ms: a steady 2,000 events/s for about 10 s. */
const STREAM = { total: 20_000, batchSize: 100, intervalMs: 50 };
const STREAM_MS = (STREAM.total / STREAM.batchSize) * STREAM.intervalMs;

let stack: ScaleStack;
let gatewayA: GatewayProcess;
let gatewayB: GatewayProcess;
let publishing: PublisherStack;

before(async () => {
  stack = await openScaleStack('resume');
  [gatewayA, gatewayB] = await Promise.all([stack.startGateway('gateway A'), stack.startGateway('gateway B')]);
  publishing = await stack.openPublisher();
});

after(async () => {
  await stack?.cleanup();
});

function track(client: ResumingClient): ResumingClient {
  stack.onCleanup(() => client.close());
  return client;
}

async function expectExactly(client: ResumingClient, name: string, published: string[]): Promise<void> {
  await waitFor(`${name} to hold all ${published.length} events`, () => client.fullCount >= published.length, {
    timeoutMs: 30_000, intervalMs: 50, detail: () => `it has ${client.fullCount}`,
  });
  await sleep(300); // anything late (a duplicate) would arrive now
  const ids = client.ids();
  assert.equal(ids.length, published.length, `${name}: ${firstDifference(ids, published)}`);
  assert.deepEqual(ids, published, `${name}: ${firstDifference(ids, published)}`);
}

describe('resume across gateway processes during a 20,000-event stream', () => {
  it('a client dropped and reconnected 100 times, alternating gateways, ends with exactly the published ids', async () => {
    const channel = 'scale.drops';
    const client = track(new ResumingClient(channel, { recordReceipts: true }));
    const gateways = [gatewayA, gatewayB];
    await client.connect(gatewayA.wsUrl);

    const started = Date.now();
    const stream = publishSteadily(publishing.publisher, channel, STREAM);
    let streaming = true;
    void stream.done.finally(() => { streaming = false; });
    // A first full event, so every reconnect has a position to resume from.
    await waitFor('the first event', () => client.fullCount > 0, { timeoutMs: 10_000 });

    const DROPS = 100;
    const spacingMs = (STREAM_MS * 0.95) / DROPS;
    let dropsWhileStreaming = 0;
    let abandoned = 0;
    let cutBeforeSubscribed = false;
    for (let i = 0; i < DROPS; i++) {
      // Most connections live until their slot; every tenth is cut right after its resume frame,
      // before the gateway could answer it, so a catch-up in flight is abandoned too.
      if (cutBeforeSubscribed) await sleep(Math.floor(Math.random() * 4));
      else await sleep(Math.max(0, started + (i + 1) * spacingMs - Date.now()));
      await client.drop();
      if (streaming) dropsWhileStreaming++;
      cutBeforeSubscribed = i % 10 === 4;
      if (cutBeforeSubscribed) abandoned++;
      await client.connect(gateways[(i + 1) % 2].wsUrl, { waitSubscribed: !cutBeforeSubscribed });
    }
    const dropsDoneAfterMs = Date.now() - started;
    if (cutBeforeSubscribed) await client.connection!.next('subscribed', (frame) => frame.channel === channel, 10_000);

    const published = await stream.done;
    const streamMs = Date.now() - started;
    assert.equal(published.length, STREAM.total);
    await expectExactly(client, 'the client', published);
    assert.equal(client.unrecovered, 0, 'every resume was served gap-free (recovered: true)');
    const replayed = client.receipts.filter((receipt) => receipt.inBatch).length;
    console.log(`  ${DROPS} drops (${abandoned} before the resume was answered) in ${dropsDoneAfterMs} ms, ${dropsWhileStreaming} of them while the stream ran ` +
      `(${streamMs} ms); ${client.connections} connections alternating ${gatewayA.name}/${gatewayB.name}; ${replayed} events came in catch-up batches`);
    assert.ok(dropsWhileStreaming >= DROPS / 2, `only ${dropsWhileStreaming} of ${DROPS} drops happened while the stream ran`);
    for (const gateway of gateways) assert.ok(gateway.running, `${gateway.name} exited. Output:\n${gateway.output().slice(-3000)}`);
  });

  it('clients whose gateway is killed (SIGKILL) resume on the other one, twice, and end with exactly the published ids', async () => {
    const channel = 'scale.kill';
    const onA = [track(new ResumingClient(channel)), track(new ResumingClient(channel))];
    const onB = [track(new ResumingClient(channel))];
    await Promise.all([...onA.map((client) => client.connect(gatewayA.wsUrl)), ...onB.map((client) => client.connect(gatewayB.wsUrl))]);
    const clients = [...onA, ...onB];

    const started = Date.now();
    const stream = publishSteadily(publishing.publisher, channel, STREAM);
    await waitFor('a first event on every client', () => clients.every((client) => client.fullCount > 0), { timeoutMs: 10_000 });

    /** SIGKILLs `victim`; its clients see their connection end and resume on `survivor`. */
    const killAndFailOver = async (victim: GatewayProcess, victims: ResumingClient[], survivor: GatewayProcess) => {
      const at = stream.ids.length;
      assert.equal(await victim.kill('SIGKILL'), 'SIGKILL');
      const codes = await Promise.all(victims.map(async (client) => {
        const code = await client.closedByServer(5000);
        await client.connect(survivor.wsUrl);
        return code;
      }));
      console.log(`  ${victim.name} killed after ${at} of ${STREAM.total} events (${Date.now() - started} ms); ` +
        `${victims.length} client(s) saw close code ${codes.join(', ')} and resumed on ${survivor.name}`);
    };

    // A third of the way in, gateway A dies; a replacement starts while the stream goes on.
    await waitFor('a third of the stream', () => stream.ids.length >= STREAM.total / 3, { timeoutMs: 20_000 });
    await killAndFailOver(gatewayA, onA, gatewayB);
    const replacement = stack.startGateway('gateway A2');
    // Two thirds in, gateway B dies, with every client on it by now: all of them move to A2.
    await waitFor('two thirds of the stream', () => stream.ids.length >= (STREAM.total * 2) / 3, { timeoutMs: 20_000 });
    const gatewayA2 = await replacement;
    await killAndFailOver(gatewayB, clients, gatewayA2);

    const published = await stream.done;
    assert.equal(published.length, STREAM.total);
    for (const [i, client] of clients.entries()) await expectExactly(client, `client ${i + 1}`, published);
    for (const [i, client] of clients.entries()) assert.equal(client.unrecovered, 0, `client ${i + 1}: every resume was served gap-free`);
    assert.ok(gatewayA2.running, `${gatewayA2.name} exited. Output:\n${gatewayA2.output().slice(-3000)}`);
  });
});
