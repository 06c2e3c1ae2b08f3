/**
 * Server memory with idle clients, read after a full GC: before any client, after each half
 * of the clients connects, and after each half subscribes. The halves give the cost of one
 * more connection on a warm server, apart from the one-off garbage the first ones leave.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Child } from './ipc.ts';
import type { MemoryResult } from './results.ts';
import type { MemoryReading } from './servers/process-probe.ts';

const SETTLE_MS = 1000;

export async function idleMemory(server: Child, clients: Child[]): Promise<MemoryResult> {
  const memory = () => server.request<MemoryReading>('memory');
  const all = (command: string, args: unknown) => Promise.all(clients.map((client) => client.request<number>(command, args, 120_000)));
  const baseline = await memory();
  let started = Date.now();
  const firstHalf = (await all('open', { part: 0 })).reduce((a, b) => a + b, 0);
  let connectMs = Date.now() - started;
  await sleep(SETTLE_MS);
  const halfConnected = await memory();
  started = Date.now();
  const secondHalf = (await all('open', { part: 1 })).reduce((a, b) => a + b, 0);
  connectMs += Date.now() - started;
  await sleep(SETTLE_MS);
  const connected = await memory();
  started = Date.now();
  await all('subscribe', { part: 0 });
  const firstSubscribeMs = Date.now() - started;
  await sleep(SETTLE_MS);
  const halfSubscribed = await memory();
  started = Date.now();
  await all('subscribe', { part: 1 });
  const subscribeMs = firstSubscribeMs + Date.now() - started;
  await sleep(SETTLE_MS);
  const subscribed = await memory();
  return {
    connections: firstHalf + secondHalf, secondHalf, baseline, halfConnected, connected, halfSubscribed, subscribed,
    connectMs, subscribeMs,
  };
}
