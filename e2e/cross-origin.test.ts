/**
 * The script-tag promise, end to end: a page on another origin holding only the script tag
 * (loaded from the rtdash server that `npm start` runs), the gateway meta tag and element tags
 * shows live data in headless Chromium, over exactly one WebSocket to that server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { serveStaticPage, type StaticServer } from './static-server.ts';
import { launchChromium, startDemo, watchPage, type RunningDemo } from './support.ts';

const embeddingPage = (rtdash: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>A page somewhere else</title>
  <meta name="rtdash-gateway" content="${rtdash}">
  <script type="module" src="${rtdash}dist/rtdash.js"></script>
</head>
<body>
  <rt-connection-status></rt-connection-status>
  <rt-animated-number channel="prices.AAPL" field="price" format="currency" currency="USD" locale="en-US"></rt-animated-number>
  <rt-flashing-value channel="prices.MSFT" field="price" format="currency" currency="USD" locale="en-US"></rt-flashing-value>
  <rt-sparkline channel="prices.NVDA" label="NVDA"></rt-sparkline>
  <rt-stat-card channel="metrics.web-1" field="cpu" label="web-1 CPU" decimals="1" locale="en-US"></rt-stat-card>
  <rt-price-chart channel="prices.AAPL" label="AAPL" format="currency" currency="USD" locale="en-US"></rt-price-chart>
</body>
</html>`;

/** The same kind of page, asking for Server-Sent Events (a network that refuses upgrades). */
const ssePage = (rtdash: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>A page on SSE</title>
  <meta name="rtdash-gateway" content="${rtdash}">
  <script type="module">
    import { configure } from '${rtdash}dist/rtdash.js';
    configure({ transport: 'sse' });
  </script>
</head>
<body>
  <rt-connection-status></rt-connection-status>
  <rt-animated-number channel="prices.AAPL" field="price" format="currency" currency="USD" locale="en-US"></rt-animated-number>
</body>
</html>`;

describe('a page on another origin with only the script tag and element tags', () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: StaticServer;
  let sse: StaticServer;
  before(async () => {
    [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
    page = await serveStaticPage(embeddingPage(demo.url));
    sse = await serveStaticPage(ssePage(demo.url));
  });
  after(async () => {
    await sse?.close();
    await page?.close();
    await browser?.close();
    await demo?.stop('SIGKILL');
  });

  it('shows live data from the rtdash server over exactly one WebSocket', async () => {
    const rtdashOrigin = new URL(demo.url).origin;
    assert.notEqual(new URL(page.url).origin, rtdashOrigin, 'the page is served from another origin');

    const tab = await browser.newPage();
    const { sockets, requests, errors } = watchPage(tab);
    await tab.goto(page.url);

    const value = (selector: string) => tab.evaluate((s) => {
      const element = document.querySelector(s);
      return element?.shadowRoot?.querySelector('[part="value"]')?.textContent?.trim() ?? '';
    }, selector);
    const price = 'rt-animated-number[channel="prices.AAPL"]';
    await tab.waitForFunction((s) => /\$\d/.test(document.querySelector(s)?.shadowRoot?.querySelector('[part="value"]')?.textContent ?? ''), price, { timeout: 5_000 });
    const first = await value(price);
    await tab.waitForFunction(([s, was]) => {
      const text = document.querySelector(s)?.shadowRoot?.querySelector('[part="value"]')?.textContent?.trim();
      return text !== undefined && text !== was && /\$\d/.test(text);
    }, [price, first] as const, { timeout: 5_000, polling: 50 });

    // Every element shows data; the chart loaded Chart.js from the rtdash server, not the page's.
    // A string, not a function: tsx would wrap inner helpers in a __name() the page lacks.
    await tab.waitForFunction(`(() => {
      const shown = (el, part) => el?.shadowRoot?.querySelector('[part="' + part + '"]');
      const card = document.querySelector('rt-stat-card');
      return /\\$\\d/.test(shown(document.querySelector('rt-flashing-value'), 'value')?.textContent ?? '')
        && (shown(document.querySelector('rt-sparkline'), 'line')?.getAttribute('d') ?? '') !== ''
        && /\\d/.test(shown(card?.shadowRoot?.querySelector('rt-animated-number'), 'value')?.textContent ?? '')
        && (document.querySelector('rt-price-chart')?.size ?? 0) >= 2;
    })()`, undefined, { timeout: 8_000 });
    const status = await tab.evaluate(() => document.querySelector('rt-connection-status')?.shadowRoot?.querySelector('[part="label"]')?.textContent?.trim());
    assert.equal(status, 'Live');

    // The browser client asks for joined frames (several frames per message, one per line).
    assert.deepEqual(sockets, [`${rtdashOrigin.replace('http:', 'ws:')}/ws?frames=lines`], 'one socket, to the rtdash server, for every element');
    const fromElsewhere = requests.filter((url) => new URL(url).origin !== rtdashOrigin && url !== page.url);
    assert.deepEqual(fromElsewhere, [], 'everything but the page itself comes from the rtdash server');
    assert.ok(requests.some((url) => url.startsWith(`${rtdashOrigin}/dist/chunks/`)), 'the chart chunk loaded from the rtdash server');
    assert.deepEqual(errors, []);
    await tab.close();
  });

  it('over SSE: fetches the SSE transport chunk from the rtdash server when it connects, and shows live data', async () => {
    const rtdashOrigin = new URL(demo.url).origin;
    const tab = await browser.newPage();
    const { sockets, requests, errors } = watchPage(tab);
    await tab.goto(sse.url);
    const price = 'rt-animated-number[channel="prices.AAPL"]';
    const shown = () => tab.evaluate((s) => document.querySelector(s)?.shadowRoot?.querySelector('[part="value"]')?.textContent?.trim() ?? '', price);
    await tab.waitForFunction((s) => /\$\d/.test(document.querySelector(s)?.shadowRoot?.querySelector('[part="value"]')?.textContent ?? ''), price, { timeout: 8_000 });
    const first = await shown();
    await tab.waitForFunction(([s, was]) => {
      const text = document.querySelector(s)?.shadowRoot?.querySelector('[part="value"]')?.textContent?.trim();
      return text !== undefined && text !== was && /\$\d/.test(text);
    }, [price, first] as const, { timeout: 5_000, polling: 50 });
    const status = await tab.evaluate(() => document.querySelector('rt-connection-status')?.shadowRoot?.querySelector('[part="label"]')?.textContent?.trim());
    assert.equal(status, 'Live');
    assert.deepEqual(sockets, [], 'no WebSocket');
    assert.ok(requests.some((url) => url.startsWith(`${rtdashOrigin}/api/stream?`)), 'one event stream to the rtdash server');
    assert.ok(requests.some((url) => /\/dist\/chunks\/sse-transport-[\w-]+\.js$/.test(url)), 'the SSE transport came in its own chunk');
    assert.deepEqual(errors, []);
    await tab.close();
  });

  it('over WebSocket the SSE transport is never fetched', async () => {
    const tab = await browser.newPage();
    const { requests } = watchPage(tab);
    await tab.goto(page.url);
    await tab.waitForFunction(() => document.querySelector('rt-connection-status')?.shadowRoot?.querySelector('[part="label"]')?.textContent?.trim() === 'Live', undefined, { timeout: 8_000 });
    assert.deepEqual(requests.filter((url) => url.includes('/sse-transport-')), []);
    await tab.close();
  });
});
