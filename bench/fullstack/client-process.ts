/**
 * A child process holding many RecordedClients (the browser's ConnectionManager over `ws`), so
 * a drill can pause it with SIGSTOP like a frozen laptop and the storm's clients do not share
 * an event loop with the harness. Driven over IPC by client-fleet.ts; judging happens here, so
 * only verdicts cross the pipe, never every receipt.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectionManagerOptions } from '../../widgets/connection/connection-manager.ts';
import { RecordedClient } from './node-connection.ts';
import type { ChannelAcks } from './sequenced-publisher.ts';
import type { ClientReport, FleetRequest } from './fleet-protocol.ts';

const clients: RecordedClient[] = [];

async function start(url: string, channelSets: string[][], options: ConnectionManagerOptions, rampMs: number): Promise<void> {
  const gap = channelSets.length > 1 ? rampMs / channelSets.length : 0;
  for (const channels of channelSets) {
    const client = new RecordedClient(url, channels, options);
    clients.push(client);
    client.start();
    if (gap > 0) await sleep(gap);
  }
}

function report(acks: ChannelAcks[], upTo: Record<string, number> | undefined): ClientReport[] {
  const byChannel = new Map(acks.map((ack) => [ack.channel, ack]));
  const unacked = new Map(acks.map((ack) => [ack.channel, new Set(ack.unacked)]));
  return clients.map((client) => {
    const result: ClientReport = { lost: 0, duplicates: 0, outOfOrder: 0, received: 0, lostSample: [], opens: client.opens, losses: client.losses, completeAt: 0, open: client.open };
    for (const [channel, log] of client.logs) {
      const ack = byChannel.get(channel);
      if (!ack) continue;
      const verdict = log.judge(ack);
      result.lost += verdict.lost;
      result.duplicates += verdict.duplicates;
      result.outOfOrder += verdict.outOfOrder;
      result.received += verdict.received;
      if (verdict.lostSample.length) result.lostSample.push(`${channel}#${verdict.lostSample.join(',')}`);
      const target = upTo?.[channel];
      if (target !== undefined && target >= 0) {
        const at = log.completeAt(target, unacked.get(channel)!, ack.published);
        result.completeAt = at === undefined || result.completeAt === undefined ? undefined : Math.max(result.completeAt, at);
      }
    }
    return result;
  });
}

/** Highest number received per channel, lowest over the clients: how far the slowest one got. */
function progress(): Record<string, number> {
  const lowest: Record<string, number> = {};
  for (const client of clients) {
    for (const [channel, log] of client.logs) lowest[channel] = Math.min(lowest[channel] ?? Infinity, log.highest);
  }
  return lowest;
}

process.on('message', (message: FleetRequest) => {
  const reply = (body: object) => process.send!({ id: message.id, ...body });
  switch (message.type) {
    case 'start':
      void start(message.url, message.channelSets, message.options, message.rampMs).then(() => reply({ ok: true }));
      return;
    case 'status':
      reply({ open: clients.filter((client) => client.open).length, total: clients.length, progress: progress() });
      return;
    case 'report':
      reply({ reports: report(message.acks, message.upTo) });
      return;
    case 'close':
      for (const client of clients) client.close();
      reply({ ok: true });
      setTimeout(() => process.exit(0), 50);
  }
});
process.on('disconnect', () => process.exit(0));
