/**
 * Scenario 3, failure drills, one after another on one stack with a private Kafka broker (the
 * shared one is never restarted): Redis killed and started again; the Kafka broker restarted;
 * a gateway stopped with SIGTERM (its clients get 1012) and one killed with SIGKILL (each
 * started again afterwards); a client process paused with SIGSTOP for four heartbeats. The
 * publisher keeps publishing throughout, and every client's receipts are judged after each.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { channelNames, channelSets } from '../client-channels.ts';
import { ClientFleet } from '../client-fleet.ts';
import { readGatewayMetrics } from '../gateway-metrics.ts';
import { runFault, waitForClients, type FaultResult } from '../fault-run.ts';
import { SequencedPublisher } from '../sequenced-publisher.ts';
import { startFullStack, type FullStack } from '../stack.ts';

export const DRILLS = ['redis', 'kafka', 'sigterm', 'sigkill', 'sigstop'] as const;
export type DrillName = (typeof DRILLS)[number];

export interface DrillOptions {
  clients: number;
  /** Child processes holding the clients; the SIGSTOP drill pauses the first one. */
  processes: number;
  channels: number;
  eventsPerSecond: number;
  /** Gateway heartbeat (RTDASH_HEARTBEAT_MS); the paused client stays stopped for four of them. */
  heartbeatMs: number;
  redisDownMs: number;
  drills: readonly DrillName[];
  log: (line: string) => void;
}

const LABELS: Record<DrillName, string> = {
  redis: 'Redis killed (SIGKILL), restarted',
  kafka: 'Kafka broker restarted (SIGTERM, start)',
  sigterm: 'gateway SIGTERM (graceful, 1012)',
  sigkill: 'gateway SIGKILL',
  sigstop: 'client process SIGSTOP > heartbeat',
};

export async function runDrills(options: DrillOptions): Promise<FaultResult[]> {
  const stack = await startFullStack({ kafka: 'private', heartbeatMs: options.heartbeatMs, log: options.log });
  const channels = channelNames('fullstack.drill', options.channels);
  const publisher = new SequencedPublisher(stack.publisher.publisher, channels, { eventsPerSecond: options.eventsPerSecond });
  const fleet = new ClientFleet(options.processes);
  const results: FaultResult[] = [];
  try {
    publisher.start();
    await fleet.start(stack.nginx.wsUrl, channelSets(channels, options.clients, 2), {}, 2000);
    await waitForClients(fleet, 'every client open', 60_000);
    let previous: { lost: number; duplicates: number; outOfOrder: number } | undefined;
    for (const drill of options.drills) {
      options.log(`drill: ${LABELS[drill]}`);
      const result = await runFault(LABELS[drill], { fleet, publisher, previous }, () => inject(drill, stack, fleet, options));
      previous = result.totals;
      results.push(result);
      options.log(`  lost ${result.lost}, duplicates ${result.duplicates}, recovered in ${result.recoveryMs ?? 'never'} ms`);
      await restoreGateways(stack);
    }
  } finally {
    await publisher.stop();
    await fleet.close();
    await stack.stop();
  }
  return results;
}

/** Injects the fault and repairs it; resolves with the moment it counts as repaired. */
async function inject(drill: DrillName, stack: FullStack, fleet: ClientFleet, options: DrillOptions): Promise<number> {
  switch (drill) {
    case 'redis':
      await stack.redis.kill();
      await sleep(options.redisDownMs);
      await stack.redis.restart();
      return Date.now();
    case 'kafka': {
      const { downMs } = await stack.restartKafka();
      options.log(`  Kafka stopped and answering again after ${downMs} ms`);
      return Date.now();
    }
    case 'sigterm':
    case 'sigkill': {
      // The gateway holding the clients: after a previous kill they all moved to the other one.
      const index = await busiestGateway(stack);
      // Counted from the signal: a SIGTERMed gateway tells its clients to leave at once (1012),
      // then drains and exits, which takes seconds more.
      const signalled = Date.now();
      await stack.killGateway(index, drill === 'sigterm' ? 'SIGTERM' : 'SIGKILL');
      return signalled;
    }
    case 'sigstop':
      fleet.pause(0);
      await sleep(options.heartbeatMs * 4);
      fleet.resume(0);
      return Date.now();
  }
}

async function restoreGateways(stack: FullStack): Promise<void> {
  for (const [index, gateway] of stack.gateways.entries()) if (!gateway.running) await stack.startGateway(index);
}

async function busiestGateway(stack: FullStack): Promise<number> {
  const counts = await Promise.all(stack.gateways.map((gateway) => readGatewayMetrics(gateway.httpUrl).then((figures) => figures.connections, () => -1)));
  return counts.indexOf(Math.max(...counts));
}
