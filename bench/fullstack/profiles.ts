/**
 * The sizes of each scenario: `full` is what `npm run chaos -- <scenario>` runs and the docs
 * report; `short` is what `npm run test:chaos` runs in CI (same code, smaller and shorter).
 * Sized for the 2-core machine everything here shares: 1,000 storm clients are Node clients in
 * two processes; the soak's 500 clients follow 2 of 500 channels each (5,000 events/s is
 * 10,000 deliveries/s plus previews; every client following every event would be 2.5 million).
 */
import type { DrillOptions } from './scenarios/drills.ts';
import { DRILLS } from './scenarios/drills.ts';
import type { LatencyOptions } from './scenarios/latency.ts';
import type { SoakOptions } from './scenarios/soak.ts';
import type { StormOptions } from './scenarios/storm.ts';

type Sized<T> = Omit<T, 'log'>;

export const PROFILES = {
  full: {
    latency: { rates: [1000, 10_000], channels: 100, perPage: 25, warmMs: 5000, windowMs: 20_000 },
    storm: { clients: 1000, processes: 2, channels: 20, eventsPerSecond: 50, rampMs: 10_000 },
    drills: { clients: 200, processes: 2, channels: 20, eventsPerSecond: 500, heartbeatMs: 2000, redisDownMs: 10_000, drills: DRILLS },
    soak: { clients: 500, processes: 2, channels: 500, eventsPerSecond: 5000, durationMs: 600_000, warmMs: 30_000, sampleEveryMs: 10_000 },
  },
  short: {
    latency: { rates: [1000, 10_000], channels: 100, perPage: 25, warmMs: 3000, windowMs: 6000 },
    storm: { clients: 1000, processes: 2, channels: 20, eventsPerSecond: 50, rampMs: 8000 },
    drills: { clients: 40, processes: 2, channels: 10, eventsPerSecond: 200, heartbeatMs: 1000, redisDownMs: 3000, drills: DRILLS },
    soak: { clients: 500, processes: 2, channels: 500, eventsPerSecond: 5000, durationMs: 60_000, warmMs: 15_000, sampleEveryMs: 5000 },
  },
} satisfies Record<string, { latency: Sized<LatencyOptions>; storm: Sized<StormOptions>; drills: Sized<DrillOptions>; soak: Sized<SoakOptions> }>;

export type ProfileName = keyof typeof PROFILES;
