/**
 * What the driver reads from a server process: its memory after a full GC (so idle-connection
 * cost is what stays alive, not garbage) and its CPU time.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { profilerHandlers } from './cpu-profiler.ts';

export interface MemoryReading {
  rss: number;
  heapUsed: number;
  /** Memory outside the JS heap owned by JS objects (Buffers, ArrayBuffers). */
  external: number;
}

export async function memoryAfterGc(): Promise<MemoryReading> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  // Several rounds: weak callbacks and finalizers free more on the next cycle.
  for (let i = 0; i < 4; i++) {
    gc();
    await nextTurn();
  }
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heapUsed, external };
}

/** CPU time used so far (user + system), in ms. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export const probeHandlers = {
  memory: () => memoryAfterGc(),
  cpu: () => cpuMs(),
  ...profilerHandlers,
};
