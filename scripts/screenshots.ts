/**
 * `npm run screenshots`: builds everything, starts the demo as `npm start` does, opens every
 * dashboard in headless Chromium, waits until each shows live data with some history, and writes
 * docs/screenshots/<name>.png (shown in the README). A page that is not served or shows no data
 * is reported by name and fails the run; the others are still refreshed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { EVERY_NUMBER_LIVE, launchChromium, startDemo } from '../e2e/support.ts';

/** Every dashboard `npm start` serves. Add a page here and it is shot, and listed in the README. */
export const DASHBOARDS = [
  { name: 'trading', path: '/', title: 'Trading dashboard (script tag and element tags)' },
  { name: 'monitoring', path: '/monitoring.html', title: 'Monitoring dashboard (script tag and element tags)' },
  { name: 'react', path: '/react/', title: 'Trading dashboard in React (rtdash/react)' },
] as const;

const OUT_DIR = 'docs/screenshots';
/** Long enough for the charts to hold a readable stretch of history. */
const HISTORY_MS = 8_000;

async function main(): Promise<void> {
  // The pages load dist/rtdash.js, and /react/ its own bundle: `npm run build` makes both.
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  const [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
  mkdirSync(OUT_DIR, { recursive: true });
  const problems: string[] = [];
  try {
    // The simulator's history fills while the first page loads.
    await new Promise((resolve) => setTimeout(resolve, HISTORY_MS));
    for (const dashboard of DASHBOARDS) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
      const url = new URL(dashboard.path, demo.url).href;
      const response = await page.goto(url);
      if (!response || response.status() !== 200) {
        problems.push(`${dashboard.name}: ${url} answered ${response?.status() ?? 'nothing'} — is this page served on this branch?`);
        await page.close();
        continue;
      }
      try {
        await page.waitForFunction(EVERY_NUMBER_LIVE, undefined, { timeout: 10_000 });
        await page.waitForTimeout(3_000);
        await page.screenshot({ path: `${OUT_DIR}/${dashboard.name}.png`, fullPage: true });
        console.log(`${dashboard.name}: ${OUT_DIR}/${dashboard.name}.png`);
      } catch (error) {
        problems.push(`${dashboard.name}: ${url} showed no live data (${(error as Error).message.split('\n')[0]})`);
      }
      if (errors.length > 0) problems.push(`${dashboard.name}: console errors: ${errors.join(' | ')}`);
      await page.close();
    }
  } finally {
    await browser.close();
    await demo.stop('SIGTERM');
  }
  if (problems.length > 0) {
    console.error(`\nscreenshots not refreshed:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
