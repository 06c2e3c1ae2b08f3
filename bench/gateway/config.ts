/**
 * What one bench run does: the message mix, the rate steps, the targets, and every time bound.
 * Defaults follow issue 4; flags only shrink or reorder them (a `--quick` smoke run, `--only`).
 */
export type TargetName = 'rtdash' | 'rtdash-embedded' | 'rtdash-nohint' | 'socketio' | 'ws' | 'ceiling';

export interface BenchConfig {
  clients: number;
  channels: number;
  subscriptionsPerClient: number;
  /** Seeds the subscription draw, so every target and every run sees the same mix. */
  seed: number;
  /** Total publish rates, events/s, in the order they are run. */
  rates: number[];
  stepMs: number;
  /** After a step, how long to wait for stragglers at most; an event later than this counts as not delivered. */
  drainMs: number;
  /** Clients are spread over this many processes, so the receiving side is not one core's worth. */
  clientProcesses: number;
  /** Stop raising a target's rate after the first step it did not keep up with (its peak is then measured). */
  stopAfterMiss: boolean;
  /** `raw` speaks the Socket.IO protocol over ws like the other clients; `official` is socket.io-client. */
  socketIoClient: 'raw' | 'official';
  targets: TargetName[];
  redisUrl: string;
  kafkaPort: number;
  /** Writes a V8 CPU profile of each server process over its rate steps into this folder. */
  profileDir: string | undefined;
  /** The whole run gives up (and cleans up) after this long. */
  deadlineMs: number;
}

export const ALL_TARGETS: TargetName[] = ['rtdash', 'rtdash-embedded', 'rtdash-nohint', 'socketio', 'ws', 'ceiling'];
export const DEFAULT_TARGETS: TargetName[] = ['rtdash', 'rtdash-nohint', 'rtdash-embedded', 'socketio', 'ws', 'ceiling'];

export const DEFAULT_CONFIG: BenchConfig = {
  clients: 1000,
  channels: 100,
  subscriptionsPerClient: 10,
  seed: 4,
  // The 100, 500, 1,000, 2,000, 5,000 with steps in between where these servers saturate.
  rates: [100, 250, 500, 750, 1000, 1500, 2000, 3000, 4000, 5000, 7000],
  stepMs: 4000,
  drainMs: 2500,
  clientProcesses: 2,
  stopAfterMiss: true,
  socketIoClient: 'raw',
  targets: DEFAULT_TARGETS,
  redisUrl: 'redis://127.0.0.1:6379',
  kafkaPort: 19092,
  profileDir: undefined,
  deadlineMs: 480_000,
};

const USAGE = `usage: tsx bench/gateway/run.ts [--quick] [--only=${ALL_TARGETS.join(',')}] [--rates=100,500,…] [--clients=N] [--step-ms=N]
  [--all-steps] [--socketio-client=raw|official] [--profile[=DIR]]`;

export function parseArgs(argv: string[], base: BenchConfig = DEFAULT_CONFIG): BenchConfig {
  const config = { ...base };
  for (const arg of argv) {
    const [flag, value] = arg.split('=', 2);
    if (flag === '--quick') Object.assign(config, { clients: 200, rates: [200, 1000, 3000], stepMs: 2000, drainMs: 1500 });
    else if (flag === '--only' && value) config.targets = value.split(',').map(targetName);
    else if (flag === '--rates' && value) config.rates = value.split(',').map(positiveNumber);
    else if (flag === '--clients' && value) config.clients = positiveNumber(value);
    else if (flag === '--step-ms' && value) config.stepMs = positiveNumber(value);
    else if (flag === '--profile') config.profileDir = value ?? '/tmp/rtdash-bench-profiles';
    else if (flag === '--all-steps') config.stopAfterMiss = false;
    else if (flag === '--socketio-client' && (value === 'raw' || value === 'official')) config.socketIoClient = value;
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return config;
}

function targetName(value: string): TargetName {
  if ((ALL_TARGETS as string[]).includes(value)) return value as TargetName;
  throw new Error(`unknown target ${value}; one of ${ALL_TARGETS.join(', ')}`);
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`not a positive number: ${value}`);
  return number;
}
