/**
 * Host metrics on `metrics.<host>`: cpu and mem drift as bounded random walks, rps follows a
 * slow wave with noise, and p99 latency rises with load, as on a real service.
 */
import type { EventInput } from '../../protocol/index.ts';
import { gaussian, type Random } from './random.ts';

export const DEFAULT_HOSTS = ['web-1', 'web-2', 'api-1', 'db-1'];

interface HostState { cpu: number; mem: number; phase: number; baseRps: number }

export class MetricsFeed {
  private readonly hosts = new Map<string, HostState>();
  private ticks = 0;

  constructor(readonly hostNames: string[], private readonly random: Random) {
    for (const host of hostNames) {
      this.hosts.set(host, { cpu: 20 + random() * 30, mem: 40 + random() * 30, phase: random() * Math.PI * 2, baseRps: 200 + random() * 800 });
    }
  }

  tick(host: string): EventInput {
    const state = this.hosts.get(host)!;
    this.ticks++;
    const load = 1 + 0.4 * Math.sin(state.phase + this.ticks / 60);
    state.cpu = clamp(state.cpu + gaussian(this.random) * 2 + (load - 1) * 2, 1, 99);
    state.mem = clamp(state.mem + gaussian(this.random) * 0.5, 5, 98);
    const rps = Math.max(0, Math.round(state.baseRps * load + gaussian(this.random) * 25));
    const p99 = Math.round((40 + state.cpu * 1.5 + gaussian(this.random) * 8) * 10) / 10;
    const data = { host, cpu: round1(state.cpu), mem: round1(state.mem), rps, p99: Math.max(1, p99) };
    return { channel: `metrics.${host}`, data, hint: data };
  }
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const round1 = (value: number) => Math.round(value * 10) / 10;
