/**
 * Where the publish-to-DOM tail comes from: the latency scenario's stack and pages at one rate,
 * with a Chromium trace (CDP Tracing, every process) of the measured window, each page's samples
 * with the moment they were taken and its long animation frames, the wire probe's arrivals, and
 * the publisher's batches (sent, acknowledged). Everything lands in one folder for
 * latency-trace-report.ts to read.
 *
 *   flock /tmp/rtdash-heavy.lock npx tsx bench/fullstack/latency-trace.ts --rate=1000 --seconds=10 --out=/tmp/trace
 *   npx tsx bench/fullstack/latency-trace-report.ts /tmp/trace
 *
 * `--no-trace` runs the same window without tracing (tracing costs the pages some time itself);
 * `--profile` takes a V8 CPU profile of each page (page-N.cpuprofile) instead of the trace.
 * Needs `npm run build:browser` first (dist/rtdash.js).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchChromium } from '../../e2e/support.ts';
import { openLatencyPages } from './latency-pages.ts';
import { SequencedPublisher } from './sequenced-publisher.ts';
import { startFullStack } from './stack.ts';
import { openWireProbe } from './wire-probe.ts';

const flag = (name: string, fallback: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const rate = Number(flag('rate', '1000'));
const seconds = Number(flag('seconds', '10'));
const out = flag('out', '/tmp/rtdash-latency-trace');
const trace = !process.argv.includes('--no-trace');
/** `--profile`: a V8 CPU profile of each page over the window instead of the trace. */
const profile = process.argv.includes('--profile');
const CHANNELS = 100;
const PER_PAGE = 25;
const WARM_MS = 5000;

// Broad enough for long tasks on every thread (toplevel), the main thread's work (devtools.timeline),
// GC, and the IPC and network steps a WebSocket or SSE message takes to reach the renderer.
const CATEGORIES = [
  'toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.gc', 'disabled-by-default-v8.gc',
  'blink.user_timing', 'renderer.scheduler', 'netlog', 'disabled-by-default-network', 'mojom', 'ipc',
];

mkdirSync(out, { recursive: true });
const log = (line: string) => console.log(`[latency-trace] ${line}`);
const stack = await startFullStack({ log });
const browser = await launchChromium();
try {
  const channels = Array.from({ length: CHANNELS }, (_, i) => `fullstack.latency.${i}`);
  const batches: Array<[sent: number, acked: number, size: number]> = [];
  const dual = stack.publisher.publisher;
  const publishBatch = dual.publishBatch.bind(dual);
  dual.publishBatch = async (events) => {
    const sent = (events[0]?.data as { sent?: number } | undefined)?.sent ?? Date.now();
    const result = await publishBatch(events);
    batches.push([sent, Date.now(), events.length]);
    return result;
  };
  const publisher = new SequencedPublisher(dual, channels, { eventsPerSecond: rate });
  publisher.start();
  const transports = ['websocket', 'sse'] as const;
  const pages = await openLatencyPages(browser, stack.nginx.httpUrl, stack.nginx.wsUrl, transports.map((transport, i) => ({
    transport, channels: channels.slice(i * PER_PAGE, (i + 1) * PER_PAGE), timeline: true,
  })));
  const probe = await openWireProbe(stack.nginx.wsUrl, channels.slice(0, PER_PAGE));
  await sleep(WARM_MS);
  // Which gateway nginx gave each page and the probe: the connections by transport on each.
  const placement = await Promise.all(stack.gateways.map(async (gateway) => {
    const text = await (await fetch(`${gateway.httpUrl}/metrics`)).text();
    return Object.fromEntries([...text.matchAll(/^rtdash_connections\{transport="(\w+)"\} (\d+)/gm)].map((match) => [match[1], Number(match[2])]));
  }));
  log(`connections per gateway: ${JSON.stringify(placement)}`);
  if (trace && !profile) await browser.startTracing(pages.pages[0], { path: join(out, 'trace.json'), categories: CATEGORIES });
  const profilers = profile ? await Promise.all(pages.pages.map(async (page) => {
    const session = await page.context().newCDPSession(page);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 200 });
    await session.send('Profiler.start');
    return session;
  })) : [];
  await pages.reset();
  probe.reset();
  batches.length = 0;
  const startedAt = Date.now();
  // A user-timing mark per page ties its performance.now() clock to the trace's clock.
  const marks = await Promise.all(pages.pages.map((page) => page.evaluate(() => performance.mark('latency-trace-start').startTime)));
  await sleep(seconds * 1000);
  const timelines = await pages.timelines();
  if (trace && !profile) await browser.stopTracing();
  for (const [i, session] of profilers.entries()) {
    const { profile: cpuProfile } = await session.send('Profiler.stop');
    writeFileSync(join(out, `page-${i}.cpuprofile`), JSON.stringify(cpuProfile));
  }
  writeFileSync(join(out, 'run.json'), JSON.stringify({
    rate, seconds, startedAt, marks, placement, transports, timelines,
    wire: { samples: probe.samples(), arrivals: probe.arrivals(), channels: probe.channels(), previews: probe.previews() },
    batches,
  }));
  probe.close();
  await publisher.stop();
  await pages.close();
  log(`wrote ${out}/run.json${trace ? ' and trace.json' : ''}`);
} finally {
  await browser.close();
  await stack.stop();
}
