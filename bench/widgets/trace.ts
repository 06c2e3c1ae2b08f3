/**
 * `npx tsx bench/widgets/trace.ts [numbers-rtdash-dev|numbers-numberflow|idle] [--seconds=4] [--blink] [--reduced-motion] [--no-trace] [--profile] [--isolated] [--eval=JS]`:
 * where a page's frames go, from a DevTools trace (CDP Tracing) of the renderer's main thread.
 * The bench (run.ts) says how fast a page is; this says why: self time (less the events nested
 * inside) of each trace event — style (UpdateLayoutTree), Layout, PrePaint, Paint, Layerize,
 * Commit, script (FunctionCall), GC — in all, per commit (one per frame produced) and per update
 * fed. The self times add up to the busy time; "outer" counts nested same-name events once.
 *
 * It bundles the page with esbuild from the sources (no vite build), so it is quick enough to run
 * before and after each change. Frames, updates/s and p95 are measured over the same feed as
 * run.ts, in a window before the trace (tracing itself slows the page).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { fixed, int, table } from '../gateway/table.ts';
import { summariseProfile, type Profile } from './profile.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const CHROMIUM = process.env.RTDASH_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const FRAME_MS = 1000 / 60;

const args = process.argv.slice(2);
const entry = args.find((a) => !a.startsWith('--')) ?? 'numbers-rtdash-dev';
const seconds = Number(args.find((a) => a.startsWith('--seconds='))?.slice(10) ?? 4);
const withBlink = args.includes('--blink');
/** Emulates prefers-reduced-motion: no tweens, each value written once — the floor of what a change costs. */
const reducedMotion = args.includes('--reduced-motion');
/** Only the untraced window's figures. */
const noTrace = args.includes('--no-trace');
/** A CPU profile (JavaScript self time by file and function) instead of the trace. */
const cpuProfile = args.includes('--profile');
/**
 * Serves the page cross-origin isolated (COOP + COEP): timers and rAF timestamps at 5 µs instead of
 * 100 µs with jitter, so an on-time frame reads 16.7 ms, never 16.6 or 16.8.
 */
const isolated = args.includes('--isolated');
const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
/** JavaScript run in the page once it is ready, e.g. `customElements.get('rt-animated-number').maxTweenRedrawsPerFrame = 20`. */
const setup = args.find((a) => a.startsWith('--eval='))?.slice('--eval='.length);

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: Record<string, unknown> }

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

async function main(): Promise<void> {
  const outdir = mkdtempSync(join(tmpdir(), 'rtdash-trace-'));
  await build({
    entryPoints: { page: join(ROOT, 'bench/widgets/pages', `${entry}.ts`) }, bundle: true, format: 'esm', target: 'es2022',
    outdir, minify: !cpuProfile, keepNames: cpuProfile, ignoreAnnotations: true, logLevel: 'warning',
  });
  const html = `<!doctype html><html lang="en-US"><head><meta charset="utf-8"><style>html,body{margin:0;background:hsl(222 47% 11%)}</style>` +
    '<script type="module" src="/page.js"></script></head><body></body></html>';
  const server = createServer((req, res) => {
    if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(outdir, 'page.js')));
    else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html', ...(isolated ? ISOLATION : {}) }).end(html);
    else res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    if (reducedMotion) await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${base}/`);
    await page.evaluate(() => window.__bench.ready);
    if (setup) await page.evaluate(setup);
    await sleep(2_000);
    await page.evaluate(() => window.__bench.start());
    await sleep(seconds * 1000);
    const window_ = await page.evaluate(() => window.__bench.stop());
    const deltas = window_.frames.slice(1).map((t, i) => t - window_.frames[i]).sort((a, b) => a - b);
    const span = (window_.frames.at(-1)! - window_.frames[0]) / 1000;
    console.log(`${entry}: ${int(window_.updates / seconds)} updates/s, ${fixed(deltas.length / span, 1)} fps, ` +
      `frame p50 ${fixed(percentile(deltas, 50), 1)} ms, p95 ${fixed(percentile(deltas, 95), 1)} ms, ` +
      `dropped ${int(deltas.reduce((s, d) => s + Math.max(0, Math.round(d / FRAME_MS) - 1), 0))} in ${seconds} s (untraced window); ` +
      // rAF timestamps are coarsened (about 0.1 ms with jitter): an on-time frame reads 16.6–16.8 ms.
      `frame deltas: ${deltas.filter((d) => d < 16.75).length} under 16.75 ms, ${deltas.filter((d) => d >= 16.75 && d < 20).length} at 16.75–20 ms, ` +
      `${deltas.filter((d) => d >= 20).length} of 20 ms or more` + (isolated ? ` (cross-origin isolated: ${await page.evaluate(() => crossOriginIsolated)})` : ''));

    if (noTrace) return;
    const cdp = await page.context().newCDPSession(page);
    if (cpuProfile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
      await cdp.send('Profiler.start');
      await sleep(seconds * 1000);
      const { profile } = await cdp.send('Profiler.stop');
      console.log(summariseProfile(profile as unknown as Profile, readFileSync(join(outdir, 'page.js'), 'utf8')));
      return;
    }
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', ({ value }) => { for (const e of value as unknown as TraceEvent[]) events.push(e); });
    const done = new Promise<void>((resolve_) => cdp.once('Tracing.tracingComplete', () => resolve_()));
    const categories = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', ...(withBlink ? ['blink'] : [])];
    await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: categories, excludedCategories: ['*'] } });
    await page.evaluate(() => window.__bench.start());
    await sleep(seconds * 1000);
    const traced = await page.evaluate(() => window.__bench.stop());
    await cdp.send('Tracing.end');
    await done;

    // The renderer's main thread: the one that ran the animation frames.
    const byThread = new Map<string, number>();
    for (const e of events) if (e.name === 'FireAnimationFrame') byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
    const main_ = [...byThread].sort((a, b) => b[1] - a[1])[0]?.[0];
    const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main_ && e.ph === 'X' && typeof e.dur === 'number');
    const frames = byThread.get(main_ ?? '') ?? 0;
    // Self time: an event's duration less its direct children's on the same thread, so the rows add up
    // to the busy time; "outer" counts an event only where no event of the same name encloses it.
    onMain.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const totals = new Map<string, { self: number; outer: number; count: number }>();
    const open: { e: TraceEvent; end: number; child: number }[] = [];
    const close = (upTo: number) => {
      while (open.length && open.at(-1)!.end <= upTo) {
        const done_ = open.pop()!;
        const t = totals.get(done_.e.name)!;
        t.self += (done_.e.dur! - done_.child) / 1000;
        if (!open.some((o) => o.e.name === done_.e.name)) t.outer += done_.e.dur! / 1000;
      }
    };
    for (const e of onMain) {
      close(e.ts);
      if (open.length) open.at(-1)!.child += e.dur!;
      const t = totals.get(e.name) ?? { self: 0, outer: 0, count: 0 };
      t.count += 1;
      totals.set(e.name, t);
      open.push({ e, end: e.ts + e.dur!, child: 0 });
    }
    close(Number.POSITIVE_INFINITY);
    const first = onMain.reduce((m, e) => Math.min(m, e.ts), Number.POSITIVE_INFINITY);
    const last = onMain.reduce((m, e) => Math.max(m, e.ts + e.dur!), 0);
    const wall = (last - first) / 1000;
    const commits = totals.get('Commit')?.count ?? 0;
    console.log(`trace: ${fixed(wall / 1000, 1)} s, ${commits} commits (${fixed(commits / (wall / 1000), 1)}/s), ${frames} animation-frame callbacks on the main thread, ` +
      `${int(traced.updates / seconds)} updates/s (${fixed(traced.updates / Math.max(1, commits), 0)} per commit); categories ${categories.join(',')}`);
    const rows = [...totals].filter(([, t]) => t.outer >= wall * 0.003).sort((a, b) => b[1].self - a[1].self).slice(0, 30);
    const perUpdate = (msTotal: number) => fixed((msTotal * 1000) / Math.max(1, traced.updates), 1);
    console.log(table(['event', 'self ms', 'self % of wall', 'outer ms', 'count', 'self ms/commit', 'outer ms/commit', 'self µs/update'], rows.map(([name, t]) => [
      name, fixed(t.self, 0), fixed((t.self / wall) * 100, 1), fixed(t.outer, 0), int(t.count), fixed(t.self / Math.max(1, commits), 2), fixed(t.outer / Math.max(1, commits), 2), perUpdate(t.self),
    ])));
  } finally {
    await browser.close();
    server.close();
    rmSync(outdir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (error: unknown) => { console.error(error); process.exit(1); });
