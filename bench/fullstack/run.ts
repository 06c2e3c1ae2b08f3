/**
 * `npm run chaos -- latency|storm|drills|soak [--short]`: one scenario of the full stack under
 * fire (Kafka, a private Redis, two gateways behind nginx, the publisher, Node clients and
 * Chromium pages), its table printed at the end. Each stops by itself: latency about 1 min,
 * storm about 1 min, drills about 2 min, soak 10 min (--minutes=N to change it; --short: about a
 * minute each). Run heavy ones under `flock /tmp/rtdash-heavy.lock` on a shared machine.
 */
import { cpus, totalmem } from 'node:os';
import { int } from '../gateway/table.ts';
import { PROFILES, type ProfileName } from './profiles.ts';
import { faultTable, latencyTable, soakSeries, soakTable, stormTimeline } from './report.ts';
import { runDrills } from './scenarios/drills.ts';
import { runLatency } from './scenarios/latency.ts';
import { runSoak } from './scenarios/soak.ts';
import { runStorm } from './scenarios/storm.ts';

const SCENARIOS = ['latency', 'storm', 'drills', 'soak'] as const;
type Scenario = (typeof SCENARIOS)[number];

const args = process.argv.slice(2);
const scenario = args.find((arg) => !arg.startsWith('--')) as Scenario | undefined;
const profile: ProfileName = args.includes('--short') ? 'short' : 'full';
const minutesFlag = args.find((arg) => arg.startsWith('--minutes='));
const minutes = minutesFlag === undefined ? undefined : Number(minutesFlag.slice('--minutes='.length));
const unknown = args.filter((arg) => arg.startsWith('--') && arg !== '--short' && arg !== minutesFlag);
if (!scenario || !SCENARIOS.includes(scenario) || unknown.length > 0 || (minutes !== undefined && !(minutes > 0 && minutes <= 60))) {
  console.error(`usage: npm run chaos -- ${SCENARIOS.join('|')} [--short] [--minutes=N (soak: 1 to 60, default 10)]`);
  process.exit(2);
}

const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);
const sizes = PROFILES[profile];
console.log(`rtdash full stack: ${scenario} (${profile}) on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, ${new Date().toISOString()}`);

switch (scenario) {
  case 'latency': {
    const rows = await runLatency({ ...sizes.latency, log });
    console.log(`\n${latencyTable(rows, sizes.latency.windowMs)}`);
    break;
  }
  case 'storm': {
    const result = await runStorm({ ...sizes.storm, log });
    console.log(`\n${faultTable([result])}\n\n${result.onKilled} of ${result.clients} clients were on the killed gateway.\n\n${stormTimeline(result)}`);
    break;
  }
  case 'drills': {
    const results = await runDrills({ ...sizes.drills, log });
    console.log(`\n${faultTable(results)}`);
    break;
  }
  case 'soak': {
    const result = await runSoak({ ...sizes.soak, ...(minutes === undefined ? {} : { durationMs: minutes * 60_000 }), log });
    console.log(`\n${int(result.achievedEventsPerSecond)} events/s acknowledged, ${result.failedBatches} failed batch(es); ` +
      `${result.lost} acknowledged events lost, ${result.duplicates} duplicates, ${result.reconnects} reconnects.\n\n${soakTable(result)}\n\n${soakSeries(result)}`);
    break;
  }
}
log('done');
