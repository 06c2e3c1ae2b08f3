/**
 * The path from the embedded log to the page, end to end: `npm start`'s entry in its own
 * process, the demo page in headless Chromium.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, startDemo, watchPage, type RunningDemo } from './support.ts';

describe('npm start demo', () => {
  let demo: RunningDemo;
  let browser: Browser;
  before(async () => {
    [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await demo?.stop('SIGKILL');
  });

  it('shows live prices: an <rt-animated-number> changes its text within 2 s of load, over one WebSocket', async () => {
    const page = await browser.newPage();
    const { sockets, errors } = watchPage(page);
    await page.goto(demo.url);
    const price = page.locator('rt-animated-number[channel="prices.AAPL"][field="price"]');
    // Playwright locators pierce open shadow roots, so this reads what a person sees.
    const loadedAt = Date.now();
    await price.locator('[part="value"]').filter({ hasText: /\d/ }).waitFor({ timeout: 2000 });
    const first = (await price.locator('[part="value"]').textContent())!.trim();
    const changed = await page.waitForFunction(
      ([selector, initial]) => {
        const element = document.querySelector(selector);
        const text = element?.shadowRoot?.querySelector('[part="value"]')?.textContent?.trim();
        return text && text !== initial ? text : false;
      },
      ['rt-animated-number[channel="prices.AAPL"][field="price"]', first] as const,
      { timeout: Math.max(100, 2000 - (Date.now() - loadedAt)), polling: 50 },
    );
    const next = await changed.jsonValue();
    assert.match(first, /\$\d/);
    assert.notEqual(next, first);
    assert.equal(sockets.length, 1, `one socket for every element on the page, got ${sockets.join(', ')}`);
    assert.deepEqual(errors, []);
  });

  it('serves the script-tag build with CORS headers for pages on other origins', async () => {
    const response = await fetch(new URL('/dist/rtdash.js', demo.url), { headers: { Origin: 'https://elsewhere.example' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
  });

  it('stops cleanly on SIGTERM', async () => {
    const code = await demo.stop('SIGTERM');
    assert.equal(code, 0, demo.output());
    assert.match(demo.output(), /stopped cleanly/);
  });
});

describe('npm start with bad configuration', () => {
  it('refuses to start and names the variable', async () => {
    await assert.rejects(startDemo({ PORT: 'eighty' }), /PORT must be a port number/);
    await assert.rejects(startDemo({ RTDASH_REDIS_URL: 'localhost:6379' }), /RTDASH_REDIS_URL must start with redis:\/\//);
  });
});
