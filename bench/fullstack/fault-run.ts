/**
 * One fault against a running stack, measured the same way for every drill and the storm:
 * clients steady, the fault injected and repaired (the drill says when it counts as repaired),
 * then wait until every client is open again and has everything acknowledged so far, and judge
 * every client's receipts against what the publisher acknowledged.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClientFleet } from './client-fleet.ts';
import type { ClientReport } from './fleet-protocol.ts';
import type { SequencedPublisher } from './sequenced-publisher.ts';

export interface FaultResult {
  name: string;
  clients: number;
  /** Clients whose connection was lost during the fault. */
  affected: number;
  /** Acknowledged events some client never received (counted per client), since the previous fault. */
  lost: number;
  /** Full events a client received a second time, since the previous fault. */
  duplicates: number;
  outOfOrder: number;
  lostSample: string[];
  /** Batches the publisher could not get acknowledged during the fault (their events are owed to nobody). */
  failedBatches: number;
  /**
   * From the repair until every client had every acknowledged event sent before it and the first
   * one sent after it (live again); undefined: never (within the wait).
   */
  recoveryMs: number | undefined;
  /** From the fault until the last affected client was open again. */
  allBackMs: number | undefined;
  /** Reconnects (transitions to open) per second after the fault, as counts. */
  reconnectsPerSecond: number[];
  /** Largest one-second reconnect count ÷ all clients, and ÷ the affected ones. */
  peakShareOfAll: number;
  peakShareOfAffected: number;
  /** Wall time of the fault itself (inject to repair). */
  faultMs: number;
}

export interface FaultContext {
  fleet: ClientFleet;
  publisher: SequencedPublisher;
  /** Totals of the previous run on these clients, so each fault reports only its own. */
  previous?: { lost: number; duplicates: number; outOfOrder: number };
}

export async function waitForClients(fleet: ClientFleet, what: string, timeoutMs: number, caughtUpTo?: Record<string, number>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const status = await fleet.status();
    const behind = caughtUpTo ? Object.entries(caughtUpTo).filter(([channel, n]) => (status.progress[channel] ?? -1) < n) : [];
    if (status.open === status.total && behind.length === 0) return;
    last = `${status.open}/${status.total} open, ${behind.length} channel(s) behind${behind[0] ? ` (${behind[0][0]}: ${status.progress[behind[0][0]]} < ${behind[0][1]})` : ''}`;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${last}`);
    await sleep(250);
  }
}

/** `fault` injects and repairs, resolving with the time it counts as repaired. */
export async function runFault(name: string, context: FaultContext, fault: () => Promise<number>, options: { recoverTimeoutMs?: number } = {}): Promise<FaultResult & { totals: { lost: number; duplicates: number; outOfOrder: number } }> {
  const { fleet, publisher } = context;
  await waitForClients(fleet, `every client open before ${name}`, 60_000);
  const failedBefore = publisher.progress().failedBatches;
  const faultAt = Date.now();
  const repairedAt = await fault();
  const faultMs = Date.now() - faultAt;

  // Caught up: every client open and holding at least what was acknowledged by now.
  const owed = publisher.highestAcked();
  let recovered = true;
  try {
    await waitForClients(fleet, `every client back and caught up after ${name}`, options.recoverTimeoutMs ?? 45_000, owed);
  } catch {
    recovered = false; // judged below: the report says who is missing what
  }
  // Judged up to what was owed when the wait began; later events may still be on their way.
  const acks = publisher.acks().map((ack) => ({ ...ack, published: owed[ack.channel] + 1 }));
  // Recovery is about the events sent before the repair that were owed (acknowledged) by the wait.
  const sentBefore = publisher.lastSentBy(repairedAt);
  const upTo = Object.fromEntries(Object.entries(sentBefore).map(([channel, n]) => [channel, Math.min(n, owed[channel])]));
  const reports = await fleet.reports(acks, upTo);
  const totals = sum(reports);
  const previous = context.previous ?? { lost: 0, duplicates: 0, outOfOrder: 0 };
  const affected = reports.filter((report) => report.losses.some((at) => at >= faultAt));
  const reconnects = reports.flatMap((report) => report.opens.filter((at) => at >= faultAt));
  const perSecond: number[] = [];
  for (const at of reconnects) {
    const second = Math.floor((at - faultAt) / 1000);
    while (perSecond.length <= second) perSecond.push(0);
    perSecond[second]++;
  }
  const peak = Math.max(0, ...perSecond);
  const completes = reports.map((report) => report.completeAt);
  const lastBack = affected.map((report) => report.opens.filter((at) => at >= faultAt).at(-1));
  return {
    name,
    clients: reports.length,
    affected: affected.length,
    lost: totals.lost - previous.lost,
    duplicates: totals.duplicates - previous.duplicates,
    outOfOrder: totals.outOfOrder - previous.outOfOrder,
    lostSample: reports.flatMap((report) => report.lostSample).slice(0, 5),
    failedBatches: publisher.progress().failedBatches - failedBefore,
    recoveryMs: recovered && completes.every((at) => at !== undefined) ? Math.max(0, Math.max(...(completes as number[])) - repairedAt) : undefined,
    allBackMs: lastBack.some((at) => at === undefined) ? undefined : Math.max(0, ...(lastBack as number[]).map((at) => at - faultAt)),
    reconnectsPerSecond: perSecond,
    peakShareOfAll: reports.length ? peak / reports.length : 0,
    peakShareOfAffected: affected.length ? peak / affected.length : 0,
    faultMs,
    totals,
  };
}

function sum(reports: ClientReport[]): { lost: number; duplicates: number; outOfOrder: number } {
  return reports.reduce((total, report) => ({
    lost: total.lost + report.lost,
    duplicates: total.duplicates + report.duplicates,
    outOfOrder: total.outOfOrder + report.outOfOrder,
  }), { lost: 0, duplicates: 0, outOfOrder: 0 });
}
