/**
 * The script-tag dashboards `npm start` serves: each shows live data on every element over one
 * WebSocket without console errors, and picking a symbol in the watchlist charts it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { EVERY_NUMBER_LIVE, launchChromium, startDemo, watchPage, type RunningDemo } from './support.ts';

describe('the script-tag dashboards', () => {
  let demo: RunningDemo;
  let browser: Browser;
  before(async () => {
    [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await demo?.stop('SIGKILL');
  });

  async function open(path: string): Promise<{ page: Page; sockets: string[]; errors: string[] }> {
    const page = await browser.newPage();
    const { sockets, errors } = watchPage(page);
    const response = await page.goto(new URL(path, demo.url).href);
    assert.equal(response?.status(), 200, path);
    return { page, sockets, errors };
  }

  const chartSizes = (page: Page) => page.evaluate(() => [...document.querySelectorAll('rt-price-chart')].map((chart) => (chart as HTMLElement & { size: number }).size));

  it('trading: every price, change and card is live, charts fill, and picking a symbol charts it', async () => {
    const { page, sockets, errors } = await open('/');
    await page.waitForFunction(EVERY_NUMBER_LIVE, undefined, { timeout: 8_000 });
    assert.equal(await page.locator('.watchlist rt-sparkline').count(), 8);
    await page.waitForFunction(() => ((document.querySelector('#chart') as HTMLElement & { size: number } | null)?.size ?? 0) >= 2, undefined, { timeout: 5_000 });

    await page.getByRole('button', { name: 'BTC-USD' }).click();
    assert.equal(await page.locator('#chart').getAttribute('channel'), 'prices.BTC-USD');
    assert.equal(await page.locator('#chart-title').textContent(), 'BTC-USD');
    assert.equal(await page.locator('tr[data-symbol="BTC-USD"]').getAttribute('aria-selected'), 'true');
    await page.waitForFunction(() => /^BTC-USD price: \$\d{2},\d{3}\.\d\d/.test(
      document.querySelector('#chart')?.shadowRoot?.querySelector('[part="base"]')?.getAttribute('aria-label') ?? ''), undefined, { timeout: 5_000 });

    assert.equal(sockets.length, 1, `one socket for the whole page, got ${sockets.join(', ')}`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('monitoring: four cards and a p99 chart per host, all live, over one socket', async () => {
    const { page, sockets, errors } = await open('/monitoring.html');
    await page.waitForFunction(EVERY_NUMBER_LIVE, undefined, { timeout: 8_000 });
    for (const host of ['web-1', 'web-2', 'api-1', 'db-1']) {
      assert.equal(await page.locator(`rt-stat-card[channel="metrics.${host}"]`).count(), 4, host);
    }
    await page.waitForFunction(() => [...document.querySelectorAll('rt-price-chart')].every((chart) => (chart as HTMLElement & { size: number }).size >= 2), undefined, { timeout: 8_000 });
    assert.equal((await chartSizes(page)).length, 4);
    assert.equal(await page.locator('rt-connection-status').getAttribute('state'), 'open');
    assert.equal(sockets.length, 1, `one socket for the whole page, got ${sockets.join(', ')}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
