/**
 * Scenario 2, reconnect storm: `clients` Node clients (the browser's ConnectionManager over ws,
 * in child processes) connect through nginx to two gateways; one gateway is killed (SIGKILL).
 * Its clients reconnect through nginx to the survivor under the manager's own policy (first retry
 * spread over reconnectSpreadMs, then full-jitter backoff). Measured: reconnects per second,
 * the survivor's open connections over time, time until every client is back and caught up,
 * and every client's receipts checked for gaps and duplicates.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { channelNames, channelSets } from '../client-channels.ts';
import { ClientFleet } from '../client-fleet.ts';
import { runFault, waitForClients, type FaultResult } from '../fault-run.ts';
import { readGatewayMetrics } from '../gateway-metrics.ts';
import { SequencedPublisher } from '../sequenced-publisher.ts';
import { startFullStack } from '../stack.ts';

export interface StormOptions {
  clients: number;
  processes: number;
  channels: number;
  eventsPerSecond: number;
  /** Clients connect over this long at the start. */
  rampMs: number;
  log: (line: string) => void;
}

export interface StormResult extends FaultResult {
  /** The survivor's open connections, sampled every second from the kill on. */
  survivorConnections: number[];
  /** Clients on the killed gateway when it died. */
  onKilled: number;
}

export async function runStorm(options: StormOptions): Promise<StormResult> {
  const stack = await startFullStack({ log: options.log });
  const channels = channelNames('fullstack.storm', options.channels);
  const publisher = new SequencedPublisher(stack.publisher.publisher, channels, { eventsPerSecond: options.eventsPerSecond });
  const fleet = new ClientFleet(options.processes);
  try {
    publisher.start();
    await fleet.start(stack.nginx.wsUrl, channelSets(channels, options.clients, 1), {}, options.rampMs);
    await waitForClients(fleet, `${options.clients} clients open`, 60_000);
    await sleep(2000);
    const onKilled = (await readGatewayMetrics(stack.gateways[0].httpUrl)).connections;
    options.log(`${options.clients} clients open (${onKilled} on gateway-0); killing gateway-0`);
    const survivorConnections: number[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        survivorConnections.push(await readGatewayMetrics(stack.gateways[1].httpUrl).then((figures) => figures.connections, () => NaN));
        await sleep(1000);
      }
    })();
    const result = await runFault('gateway SIGKILL, 1 of 2', { fleet, publisher }, async () => {
      await stack.killGateway(0, 'SIGKILL');
      return Date.now();
    }, { recoverTimeoutMs: 60_000 });
    sampling = false;
    await sampler;
    return { ...result, survivorConnections, onKilled };
  } finally {
    await publisher.stop();
    await fleet.close();
    await stack.stop();
  }
}
