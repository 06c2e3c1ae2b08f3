/**
 * `npx tsx bench/widgets/frame-cost.ts [--count=170] [--rounds=40] ['<css rule>|<css rule>' …]`:
 * what one frame of the numbers page costs the main thread when `count` numbers change in it, for
 * the element as it is and with each variant's CSS rules added to its shared stylesheet. Variants
 * alternate round by round in one page, so the machine's noise falls on all of them alike; each
 * round's figure is the median of 5 frames, and the median and first quartile of the rounds are
 * printed. E.g. `'.visually-hidden{display:none}'` sizes the live region.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const CHROMIUM = process.env.RTDASH_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const count = option('count', 170);
const rounds = option('rounds', 40);
const variants = ['', ...args.filter((a) => !a.startsWith('--'))];

async function main(): Promise<void> {
  const outdir = mkdtempSync(join(tmpdir(), 'rtdash-frame-cost-'));
  await build({
    entryPoints: { page: join(ROOT, 'bench/widgets/pages/frame-cost.ts') }, bundle: true, format: 'esm', target: 'es2022',
    outdir, minify: true, ignoreAnnotations: true, logLevel: 'warning',
  });
  const html = `<!doctype html><html lang="en-US"><head><meta charset="utf-8"><style>html,body{margin:0;background:hsl(222 47% 11%)}</style>` +
    '<script type="module" src="/page.js"></script></head><body></body></html>';
  const server = createServer((req, res) => {
    if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(outdir, 'page.js')));
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`);
    await page.waitForFunction(() => typeof window.__frameCost === 'function');
    const result = await page.evaluate(([v, r, c]) => window.__frameCost(v, r, c), [variants, rounds, count] as const);
    console.log(`${count} numbers changed per frame, ${rounds} rounds (main-thread ms per frame: median, first quartile)`);
    for (const [variant, times] of Object.entries(result)) {
      times.sort((a, b) => a - b);
      console.log(`${times[Math.floor(times.length / 2)].toFixed(2)}  ${times[Math.floor(times.length / 4)].toFixed(2)}  ${variant || '(as is)'}`);
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(outdir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (error: unknown) => { console.error(error); process.exit(1); });
