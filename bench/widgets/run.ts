/**
 * `npm run bench:widgets`: what rtdash's widgets cost the browser's main thread, side by side
 * with the libraries people would use instead, in one headless Chromium run.
 *
 *   (a) 1,000 <rt-animated-number> each given a new `value` 10 times a second, against NumberFlow's
 *       <number-flow> (update(value)) under the same seeded feed.
 *   (b) 20 <rt-price-chart window="1000"> at 20 points/s each through push(y, x), against naive
 *       Chart.js (push + shift + chart.update() per point, animation: false) and lightweight-charts 5
 *       (series.update per point).
 *   (c) gzip -9 sizes of the script-tag build (`npx vite build`): what a page downloads for each
 *       element (rtdash.js, the shared runtime chunk, the element's chunks), what each module adds
 *       to the runtime chunk, and the chart chunk fetched only when a chart connects.
 *
 * Main-thread time comes from the DevTools protocol (Performance.getMetrics before and after a
 * fixed window); frames from requestAnimationFrame timestamps recorded in the page. rtdash runs
 * from dist/rtdash.js as a page would load it; the contenders and the page drivers are bundled
 * with esbuild (minified). A last pass profiles rtdash on an unminified esbuild bundle of widgets/
 * to show where its time goes. About 2 minutes. Figures, never assertions.
 *
 * `npm run bench:widgets -- --only=numbers` (or `charts`, `bundle`, comma-separated) runs just
 * those parts, to keep a run under the shared lock short; the bundle is always built.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type CDPSession } from 'playwright-core';
import { fixed, int, table } from '../gateway/table.ts';
import { summariseProfile, type Profile } from './profile.ts';
import { gzipOf, pageDownload, readBundle, staticClosure, type BundleGraph } from './bundle-sizes.ts';
import { moduleShares } from './module-sizes.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const DIST = join(ROOT, 'dist');
const CHROMIUM = process.env.RTDASH_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1280, height: 1000 };

const WARM_MS = 2_000;
const WINDOW_MS = 8_000;
const PROFILE_MS = 4_000;
const FRAME_MS = 1000 / 60;
const FRAME_BUDGET_MS = 16.7;
/** (c): what a page with one non-chart element downloads in all, gzip -9. */
const PAGE_BUDGET_BYTES = 15_000;
const CHART_SCRIPT_FACTOR = 5;

const NUMBERS = 1000;
const NUMBER_RATE = 10;
const CHARTS = 20;
const CHART_RATE = 20;

interface Scenario { id: string; label: string; entry: string; loadsRtdash?: boolean }

const IDLE: Scenario = { id: 'idle', label: 'empty page (baseline)', entry: 'idle' };
const NUMBER_SCENARIOS: Scenario[] = [
  { id: 'numbers-rtdash', label: 'rtdash <rt-animated-number>', entry: 'numbers-rtdash', loadsRtdash: true },
  { id: 'numbers-numberflow', label: 'NumberFlow <number-flow>', entry: 'numbers-numberflow' },
];
const CHART_SCENARIOS: Scenario[] = [
  { id: 'charts-rtdash', label: 'rtdash <rt-price-chart>', entry: 'charts-rtdash', loadsRtdash: true },
  { id: 'charts-chartjs', label: 'Chart.js naive (update per point, animation off)', entry: 'charts-chartjs' },
  { id: 'charts-lwc', label: 'lightweight-charts (series.update per point)', entry: 'charts-lwc' },
];
const PROFILE_SCENARIOS: Scenario[] = [
  { id: 'numbers-rtdash-dev', label: 'rtdash <rt-animated-number>, unminified', entry: 'numbers-rtdash-dev' },
  { id: 'charts-rtdash-dev', label: 'rtdash <rt-price-chart>, unminified', entry: 'charts-rtdash-dev' },
];

const PARTS = ['numbers', 'charts', 'bundle'] as const;
type Part = (typeof PARTS)[number];

/** `--only=numbers,charts`: the parts to run (all when absent); an unknown name is an error. */
function partsToRun(argv: string[]): Set<Part> {
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (!only) return new Set(PARTS);
  const asked = only.split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = asked.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length || asked.length === 0) throw new Error(`--only: unknown part ${JSON.stringify(unknown.join(',') || only)}; use ${PARTS.join(', ')}`);
  return new Set(asked as Part[]);
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** page.evaluate has no timeout of its own: a page that never yields must not hang the bench. */
async function within<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, fail) => { timer = setTimeout(() => fail(new Error(`${what}: no answer in ${ms / 1000} s`)), ms); });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// (c) The script-tag build and its sizes

function viteBuild(): void {
  const started = Date.now();
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 120_000 });
  if (result.status !== 0) throw new Error(`npx vite build failed (${result.status ?? result.signal})`);
  console.error(`  vite build: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------
// Pages: esbuild bundles, a static server on 127.0.0.1

async function bundlePages(outdir: string): Promise<Map<number, string>> {
  const pages = join(ROOT, 'bench/widgets/pages');
  const entries = [IDLE, ...NUMBER_SCENARIOS, ...CHART_SCENARIOS].map((s) => s.entry);
  const common = { bundle: true, format: 'esm', target: 'es2022', outdir, logLevel: 'warning', legalComments: 'none' } as const;
  await build({ ...common, minify: true, entryPoints: Object.fromEntries(entries.map((e) => [e, join(pages, `${e}.ts`)])) });
  // Unminified, with esbuild's `// path` comment before each module: the profile maps lines to files.
  // ignoreAnnotations: the repo's package.json marks its own files side-effect free, which would drop
  // the bare `import '../../../widgets/index.ts'`.
  await build({ ...common, minify: false, keepNames: true, ignoreAnnotations: true, entryPoints: Object.fromEntries(PROFILE_SCENARIOS.map((s) => [s.entry, join(pages, `${s.entry}.ts`)])) });
  return new Map();
}

function pageHtml(scenario: Scenario): string {
  return `<!doctype html><html lang="en-US"><head><meta charset="utf-8"><title>${scenario.id}</title>` +
    '<style>html,body{margin:0;background:hsl(222 47% 11%)}</style>' +
    (scenario.loadsRtdash ? '<script type="module" src="/dist/rtdash.js"></script>' : '') +
    `<script type="module" src="/b/${scenario.entry}.js"></script></head><body></body></html>`;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html' };
/**
 * Every page is served cross-origin isolated (COOP + COEP). Otherwise Chromium coarsens rAF
 * timestamps to 100 µs with random jitter, and an on-time frame reads 16.6, 16.7 or 16.8 ms:
 * 16.8 in 4–5% of frames, enough for an empty page's p95 to read 16.8 in 2 of 5 runs. Isolated,
 * the timestamps are exact to 5 µs and a frame over 16.7 ms is a late frame.
 */
const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

function serve(outdir: string, scenarios: Scenario[], requests: string[]): Promise<{ server: Server; base: string }> {
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    let file: string | undefined;
    let body: string | Buffer | undefined;
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (path.startsWith('/p/')) {
      const scenario = byId.get(path.slice(3).replace(/\.html$/, ''));
      if (scenario) body = pageHtml(scenario);
    } else if (path.startsWith('/dist/')) file = join(DIST, normalize(path.slice(6)));
    else if (path.startsWith('/b/')) file = join(outdir, normalize(path.slice(3)));
    if (file && (file.startsWith(DIST) || file.startsWith(outdir))) {
      try { body = readFileSync(file); } catch { body = undefined; }
    }
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[file ? extname(file) : '.html'] ?? 'application/octet-stream', 'cache-control': 'no-store', ...ISOLATION });
    res.end(body);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    done({ server, base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  }));
}

// ---------------------------------------------------------------------------------------------
// Measuring one page

type Metrics = Record<string, number>;

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

interface FrameStats { frames: number; fps: number; dropped: number; p50: number; p95: number; max: number }

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function frameStats(stamps: number[], windowMs: number): FrameStats {
  // A page that never painted in the window: every frame of it dropped, no frame time to show.
  if (stamps.length < 2) return { frames: 0, fps: 0, dropped: Math.round(windowMs / FRAME_MS), p50: Infinity, p95: Infinity, max: Infinity };
  const deltas = stamps.slice(1).map((t, i) => t - stamps[i]);
  const sorted = [...deltas].sort((a, b) => a - b);
  const span = stamps.length > 1 ? stamps[stamps.length - 1] - stamps[0] : NaN;
  return {
    frames: deltas.length,
    fps: (deltas.length / span) * 1000,
    // A delta of about two frame intervals means one frame was not produced.
    dropped: deltas.reduce((sum, d) => sum + Math.max(0, Math.round(d / FRAME_MS) - 1), 0),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

interface Measured {
  scenario: Scenario;
  seconds: number;
  updates: number;
  /** Chart redraws in the window, where the page counts them. */
  redraws: number | null;
  /** Seconds of main-thread time in the window, by kind (CDP Performance.getMetrics deltas). */
  task: number; script: number; layout: number; style: number;
  frames: FrameStats;
  chunkRequests: string[];
  errors: string[];
  profile?: string;
}

async function measure(browser: Browser, base: string, scenario: Scenario, requests: string[], profileMs = 0, profileBundle?: string): Promise<Measured> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  page.setDefaultTimeout(45_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    requests.length = 0;
    await page.goto(`${base}/p/${scenario.id}.html`);
    await within('page setup', 60_000, page.evaluate(() => window.__bench.ready));
    if (!(await page.evaluate(() => crossOriginIsolated))) errors.push('the page is not cross-origin isolated: its frame timestamps are coarsened');
    await sleep(WARM_MS);
    const before = await within('metrics', 15_000, metrics(cdp));
    const started = Date.now();
    await within('start', 45_000, page.evaluate(() => window.__bench.start()));
    await sleep(WINDOW_MS);
    const recorded = await within('stop', 45_000, page.evaluate(() => window.__bench.stop()));
    const seconds = (Date.now() - started) / 1000;
    const after = await within('metrics', 15_000, metrics(cdp));
    const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
    let profile: string | undefined;
    if (profileMs > 0) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
      await cdp.send('Profiler.start');
      await sleep(profileMs);
      const { profile: raw } = await within('profile', 30_000, cdp.send('Profiler.stop'));
      profile = summariseProfile(raw as unknown as Profile, profileBundle ? readFileSync(profileBundle, 'utf8') : '');
    }
    return {
      scenario, seconds, updates: recorded.updates, redraws: recorded.redraws,
      task: delta('TaskDuration'), script: delta('ScriptDuration'), layout: delta('LayoutDuration'), style: delta('RecalcStyleDuration'),
      frames: frameStats(recorded.frames, seconds * 1000),
      chunkRequests: requests.filter((path) => path.startsWith('/dist/chunks/')),
      errors, profile,
    };
  } finally {
    await within('close', 15_000, context.close()).catch(() => {});
  }
}

/** A page that did not finish: its row shows dashes and the reason is printed. */
function failed(scenario: Scenario, error: Error): Measured {
  console.error(`  ${scenario.id} failed: ${error.message.split('\n')[0]}`);
  const none: FrameStats = { frames: NaN, fps: NaN, dropped: NaN, p50: NaN, p95: NaN, max: NaN };
  return { scenario, seconds: NaN, updates: NaN, redraws: null, task: NaN, script: NaN, layout: NaN, style: NaN, frames: none, chunkRequests: [], errors: [`did not finish: ${error.message.split('\n')[0]}`] };
}

// ---------------------------------------------------------------------------------------------
// Report

const us = (seconds: number, per: number) => (per > 0 ? (seconds * 1e6) / per : NaN);
const ms = (seconds: number, per: number) => (per > 0 ? (seconds * 1e3) / per : NaN);
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const met = (ok: boolean) => (ok ? 'MET   ' : 'MISSED');
/** Frame times: a page that produced no frame in the window shows that instead of a number. */
const frameMs = (n: number) => (n === Infinity ? 'no frame' : fixed(n, 1));

function numbersTable(rows: Measured[]): string {
  return table(
    ['contender', 'updates/s', 'task µs/upd', 'script µs/upd', 'layout µs/upd', 'style µs/upd', 'busy %', 'fps', 'dropped', 'frame p50 ms', 'frame p95 ms', 'frame max ms'],
    rows.map((r) => [
      r.scenario.label, int(r.updates / r.seconds),
      fixed(us(r.task, r.updates), 1), fixed(us(r.script, r.updates), 1), fixed(us(r.layout, r.updates), 1), fixed(us(r.style, r.updates), 1),
      fixed((r.task / r.seconds) * 100, 0), fixed(r.frames.fps, 1), int(r.frames.dropped), frameMs(r.frames.p50), frameMs(r.frames.p95), frameMs(r.frames.max),
    ]),
  );
}

function chartsTable(rows: Measured[]): string {
  return table(
    ['contender', 'points/s', 'redraws/s per chart', 'script ms/frame', 'task ms/frame', 'layout+style ms/frame', 'script µs/point', 'busy %', 'fps', 'dropped', 'frame p95 ms', 'frame max ms'],
    rows.map((r) => [
      r.scenario.label, int(r.updates / r.seconds), r.redraws === null ? '–' : fixed(r.redraws / r.seconds / CHARTS, 1),
      fixed(ms(r.script, r.frames.frames), 2), fixed(ms(r.task, r.frames.frames), 2), fixed(ms(r.layout + r.style, r.frames.frames), 2),
      fixed(us(r.script, r.updates), 1), fixed((r.task / r.seconds) * 100, 0), fixed(r.frames.fps, 1), int(r.frames.dropped), frameMs(r.frames.p95), frameMs(r.frames.max),
    ]),
  );
}

async function main(): Promise<void> {
  const parts = partsToRun(process.argv.slice(2));
  const started = Date.now();
  console.error('widgets bench: building the script-tag bundle');
  viteBuild();
  const bundle = readBundle(DIST);

  const outdir = mkdtempSync(join(tmpdir(), 'rtdash-bench-widgets-'));
  const requests: string[] = [];
  const all = [IDLE, ...NUMBER_SCENARIOS, ...CHART_SCENARIOS, ...PROFILE_SCENARIOS];
  // The bundle part reads which chunks the numbers and charts pages fetched: it needs one rtdash page of each.
  const wanted = (s: Scenario) => s === IDLE || (parts.has('numbers') && s.id.startsWith('numbers')) ||
    (parts.has('charts') && s.id.startsWith('charts')) || (parts.has('bundle') && (s.id === 'numbers-rtdash' || s.id === 'charts-rtdash'));
  let server: Server | undefined;
  let browser: Browser | undefined;
  let version = '';
  const results = new Map<string, Measured>();
  const profiles: Measured[] = [];
  try {
    await bundlePages(outdir);
    const served = await serve(outdir, all, requests);
    server = served.server;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
    version = browser.version();
    for (const scenario of [IDLE, ...NUMBER_SCENARIOS, ...CHART_SCENARIOS].filter(wanted)) {
      console.error(`  ${scenario.id} …`);
      results.set(scenario.id, await measure(browser, served.base, scenario, requests).catch((error: Error) => failed(scenario, error)));
    }
    for (const scenario of PROFILE_SCENARIOS.filter((s) => wanted(s) && !(parts.size === 1 && parts.has('bundle')))) {
      console.error(`  ${scenario.id} (profile) …`);
      profiles.push(await measure(browser, served.base, scenario, requests, PROFILE_MS, join(outdir, `${scenario.entry}.js`)).catch((error: Error) => failed(scenario, error)));
    }
  } finally {
    await browser?.close();
    server?.close();
    rmSync(outdir, { recursive: true, force: true });
  }

  const cpu = cpus();
  console.log(`\nWidgets bench, ${new Date().toISOString().slice(0, 10)}: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
    `Chromium ${version} headless (software rendering, --disable-gpu), viewport ${VIEWPORT.width}×${VIEWPORT.height}, ` +
    `${WARM_MS / 1000} s warm-up then a ${WINDOW_MS / 1000} s window per contender; parts: ${[...parts].join(', ')}; ${((Date.now() - started) / 1000).toFixed(0)} s\n`);

  const idle = results.get('idle')!;
  console.log(`Baseline (empty page): ${fixed(idle.frames.fps, 1)} fps, frame p50 ${fixed(idle.frames.p50, 1)} ms, p95 ${fixed(idle.frames.p95, 1)} ms, max ${fixed(idle.frames.max, 1)} ms, ${idle.frames.dropped} dropped\n`);

  const verdicts: string[] = [];
  if (parts.has('numbers')) verdicts.push(...reportNumbers(NUMBER_SCENARIOS.map((s) => results.get(s.id)!)));
  if (parts.has('charts')) verdicts.push(...reportCharts(CHART_SCENARIOS.map((s) => results.get(s.id)!)));
  if (parts.has('bundle')) verdicts.push(...reportBundle(bundle, results.get('numbers-rtdash')!, results.get('charts-rtdash')!));

  const problems = [...results.values(), ...profiles].filter((r) => r.errors.length);
  for (const r of problems) console.log(`page errors in ${r.scenario.id}: ${[...new Set(r.errors)].slice(0, 5).join(' | ')}`);
  if (problems.length) console.log('');

  for (const p of profiles) {
    console.log(`Where rtdash's time goes: ${p.scenario.label} (esbuild bundle of widgets/, CPU profile of ${PROFILE_MS / 1000} s after the window; ` +
      `that window: task ${fixed(us(p.task, p.updates), 1)} µs/update, script ${fixed(ms(p.script, p.frames.frames), 2)} ms/frame, frame p95 ${fixed(p.frames.p95, 1)} ms)`);
    console.log(p.profile ?? '(no profile)');
    console.log('');
  }
  for (const line of verdicts) console.log(line);
}

const withinFrame = (p95: number) => p95 < FRAME_BUDGET_MS + 0.05; // 16.7 as printed; a vsync-paced 16.67 passes
const taskPerUpdate = (r: Measured) => us(r.task, r.updates);
const scriptPerFrame = (r: Measured) => ms(r.script, r.frames.frames);

function reportNumbers(numbers: Measured[]): string[] {
  console.log(`(a) ${int(NUMBERS)} animated numbers, each updated ${NUMBER_RATE}×/s (${int(NUMBERS * NUMBER_RATE)} updates/s asked), seeded random walk, 2 decimals`);
  console.log(numbersTable(numbers));
  console.log('Feed: a 25 ms timer that catches up on missed updates, at most two ticks\' worth per tick; a page too busy to take them drops the rest, so updates/s shows what it could absorb. ' +
    'task = all main-thread work (script, style, layout, paint, GC…); per update = over the updates fed in the window. ' +
    'rtdash: `value` property; NumberFlow: update(value). Dropped = frames missing between rAF timestamps at 60 Hz.\n');
  const [rtNumbers, numberFlow] = numbers;
  return [
    `${met(withinFrame(rtNumbers.frames.p95))} (a) frame p95 with ${int(NUMBERS)} rt-animated-number: ${fixed(rtNumbers.frames.p95, 1)} ms, ${int(rtNumbers.frames.dropped)} dropped in ${WINDOW_MS / 1000} s (target ≤ ${FRAME_BUDGET_MS} ms; NumberFlow ${frameMs(numberFlow.frames.p95)}${numberFlow.frames.p95 === Infinity ? '' : ' ms'})`,
    `${met(taskPerUpdate(rtNumbers) <= taskPerUpdate(numberFlow))} (a) main-thread cost per update: rtdash ${fixed(taskPerUpdate(rtNumbers), 1)} µs vs NumberFlow ${fixed(taskPerUpdate(numberFlow), 1)} µs (${fixed(taskPerUpdate(rtNumbers) / taskPerUpdate(numberFlow), 2)}×; target ≤ 1×)`,
  ];
}

function reportCharts(charts: Measured[]): string[] {
  console.log(`(b) ${CHARTS} charts × 1,000-point window, ${CHART_RATE} points/s each (${int(CHARTS * CHART_RATE)} points/s asked), 250×200 px each`);
  console.log(chartsTable(charts));
  console.log('per frame = over the rAF frames in the window. Chart.js naive: labels + data push/shift and chart.update() per point, ' +
    '`animation: false`, pointRadius 0, category x axis. lightweight-charts: area series, no window of its own (grows past 1,000 during the run); it merges changes into one paint per frame and its redraws are not counted. ' +
    'rtdash redraws = chart.update() calls (all points since a chart\'s last turn in one update; the charts share a per-frame draw budget).\n');
  const [rtCharts, chartJs] = charts;
  const chartFactor = scriptPerFrame(chartJs) / scriptPerFrame(rtCharts);
  return [
    `${met(withinFrame(rtCharts.frames.p95))} (b) frame p95 with ${CHARTS} rt-price-chart: ${fixed(rtCharts.frames.p95, 1)} ms, ${int(rtCharts.frames.dropped)} dropped (target ≤ ${FRAME_BUDGET_MS} ms)`,
    `${met(chartFactor >= CHART_SCRIPT_FACTOR)} (b) chart scripting: rtdash ${fixed(scriptPerFrame(rtCharts), 2)} ms/frame vs naive Chart.js ${fixed(scriptPerFrame(chartJs), 2)} ms/frame, ${fixed(chartFactor, 1)}× lower (target ≥ ${CHART_SCRIPT_FACTOR}×)`,
  ];
}

const NON_CHART_TAGS = ['rt-connection-status', 'rt-animated-number', 'rt-flashing-value', 'rt-sparkline', 'rt-stat-card'];

function reportBundle(graph: BundleGraph, numbersPage: Measured, chartsPage: Measured): string[] {
  console.log('(c) Script-tag build (`npx vite build`), gzip level 9: every file rtdash.js reaches');
  const core = staticClosure(graph, 'rtdash.js');
  const nonChart = pageDownload(graph, NON_CHART_TAGS);
  const withChart = pageDownload(graph, [...NON_CHART_TAGS, 'rt-price-chart']);
  // Chart.js: what the chart's own chunks import() when a chart connects — not what the runtime
  // every element shares imports on demand (the SSE transport), which a chart page need not fetch.
  const chartOwn = [...staticClosure(graph, graph.tags.get('rt-price-chart') ?? '')].filter((file) => !core.has(file) && !nonChart.has(file));
  const chartCodeFiles = new Set<string>();
  for (const file of chartOwn) for (const lazy of graph.files.get(file)?.dynamicImports ?? []) staticClosure(graph, lazy, chartCodeFiles);
  for (const file of withChart) chartCodeFiles.delete(file);
  const importers = (file: string) => [...graph.files.values()].filter((f) => f.dynamicImports.includes(file)).map((f) => f.file);
  const how = (file: string) => (core.has(file) ? (file === 'rtdash.js' ? 'entry' : 'static import of rtdash.js') :
    chartCodeFiles.has(file) ? 'import() when a chart connects' :
    [...graph.tags].filter(([, chunk]) => staticClosure(graph, chunk).has(file)).map(([tag]) => `<${tag}>`).join(' ') ||
    (importers(file).every((f) => f === 'rtdash.js') ? 'import() by loadApi() only' : `import() on demand by ${importers(file).join(', ')}`));
  console.log(table(['file', 'loaded with', 'bytes', 'gzip -9'], [...graph.files.values()].map((f) => [f.file, how(f.file), int(f.bytes), `${int(f.gzip)} (${kb(f.gzip)})`])));
  const coreGzip = gzipOf(graph, core);
  const rows = [...graph.tags.keys()].map((tag) => [`<${tag}> alone`, kb(gzipOf(graph, pageDownload(graph, [tag])))]);
  const chartCode = [...chartCodeFiles].map((f) => graph.files.get(f)!);
  const chartCodeGzip = chartCode.reduce((sum, f) => sum + f.gzip, 0);
  rows.push(['every element but the chart', kb(gzipOf(graph, nonChart))], ['every element, chart connected', kb(gzipOf(graph, withChart) + chartCodeGzip)]);
  console.log(table(['a page with', 'downloads, gzip -9'], rows));
  const runtime = [...graph.files.values()].find((f) => /^chunks\/runtime-/.test(f.file));
  if (runtime) {
    const shares = moduleShares(join(DIST, runtime.file));
    const shown = shares.slice(0, 24);
    const rest = shares.slice(shown.length);
    console.log(`What each module adds to ${runtime.file} (${kb(runtime.gzip)}): gzip -9 of its minified code alone, which ranks modules; gzip shares context, so the figures add up to more than the chunk`);
    console.log(table(['module', 'minified bytes', 'gzip -9 alone'], [
      ...shown.map((m) => [m.source, int(m.bytes), int(m.gzip)]),
      ...(rest.length ? [[`${rest.length} more`, int(rest.reduce((sum, m) => sum + m.bytes, 0)), int(rest.reduce((sum, m) => sum + m.gzip, 0))]] : []),
    ]));
  }
  const fetched = (r: Measured) => (r.chunkRequests.length ? r.chunkRequests.map((p) => p.replace('/dist/chunks/', '')).join(', ') : 'none');
  const numbersFetched = numbersPage.chunkRequests.map((p) => p.replace('/dist/', ''));
  console.log(`chunks fetched by the numbers page: ${fetched(numbersPage)} (with rtdash.js ${kb(gzipOf(graph, ['rtdash.js', ...numbersFetched]))}); by the charts page: ${fetched(chartsPage)}\n`);
  const chartChunks = new Set(chartCode.map((f) => `/dist/${f.file}`));
  const chartOnDemand = chartCode.length > 0 && !numbersPage.chunkRequests.some((p) => chartChunks.has(p)) && chartsPage.chunkRequests.some((p) => chartChunks.has(p));
  // The target is what a page downloads, not rtdash.js alone: the heaviest page of one non-chart element.
  const [heaviestTag, heaviest] = NON_CHART_TAGS.map((tag) => [tag, gzipOf(graph, pageDownload(graph, [tag]))] as const).sort((a, b) => b[1] - a[1])[0];
  return [
    `${met(heaviest < PAGE_BUDGET_BYTES)} (c) a page with one non-chart element downloads at most ${kb(heaviest)} gzip -9 (<${heaviestTag}>; target < ${kb(PAGE_BUDGET_BYTES)}); ` +
      `one with only <rt-animated-number> ${kb(gzipOf(graph, pageDownload(graph, ['rt-animated-number'])))}, every element but the chart ${kb(gzipOf(graph, nonChart))}, dist/rtdash.js with its static imports ${kb(coreGzip)}`,
    `${met(chartOnDemand)} (c) chart code on demand: ${chartCode.length} chunk(s), ${kb(chartCodeGzip)} gzip, fetched by the charts page${chartOnDemand ? ' only' : ''}`,
  ];
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
