/**
 * The React dashboard `npm start` serves at /react/ (demo/react/, built by `npm run build:react`),
 * end to end: `npm start`'s entry in its own process, the page in headless Chromium.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, type RunningDemo, startDemo, watchPage } from './support.ts';

// The wrappers set properties, not attributes: rows and the chart's section carry data-symbol.
const PRICE = 'tr[data-symbol="AAPL"] td:nth-child(2) rt-animated-number';

describe('npm start React dashboard (/react/)', () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;
  let watched: ReturnType<typeof watchPage>;

  before(async () => {
    assert.ok(existsSync('dist/react/app.js'), 'dist/react/app.js is missing: run `npm run build:react` (npm start and npm run build do)');
    [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
    page = await browser.newPage();
    watched = watchPage(page);
    await page.goto(new URL('/react/', demo.url).href);
  });
  after(async () => {
    await browser?.close();
    await demo?.stop('SIGKILL');
  });

  it('shows live prices: the AAPL price in the watchlist changes within 3 s, over one WebSocket', async () => {
    await page.locator(PRICE).locator('[part="value"]').filter({ hasText: /\d/ }).waitFor({ timeout: 3_000 });
    const first = (await page.locator(PRICE).locator('[part="value"]').textContent())!.trim();
    const changed = await page.waitForFunction(([selector, initial]) => {
      const text = document.querySelector(selector)?.shadowRoot?.querySelector('[part="value"]')?.textContent?.trim();
      return text && text !== initial ? text : false;
    }, [PRICE, first] as const, { timeout: 3_000, polling: 50 });
    assert.match(first, /\$\d/);
    assert.notEqual(await changed.jsonValue(), first);
    assert.equal(watched.sockets.length, 1, `one socket for every element and hook, got ${watched.sockets.join(', ')}`);
  });

  it('the hook-driven session figures count live ticks on top of the snapshot; selecting a symbol moves the chart', async () => {
    const ticks = page.getByTestId('session-ticks');
    await ticks.waitFor({ timeout: 3_000 });
    const before = Number(await ticks.textContent());
    await page.waitForFunction((start) => Number(document.querySelector('[data-testid="session-ticks"]')?.textContent) > start, before, { timeout: 3_000, polling: 50 });
    await page.getByRole('button', { name: 'MSFT' }).click();
    await page.locator('section[data-symbol="MSFT"] rt-price-chart').waitFor({ timeout: 2_000 });
    const chartChannel = await page.locator('section[data-symbol="MSFT"] rt-price-chart').evaluate((chart) => (chart as HTMLElement & { channel: string }).channel);
    assert.equal(chartChannel, 'prices.MSFT');
    assert.equal(await page.getByRole('heading', { name: 'MSFT' }).count(), 1);
    assert.equal(watched.sockets.length, 1);
    assert.deepEqual(watched.errors, []);
  });
});
