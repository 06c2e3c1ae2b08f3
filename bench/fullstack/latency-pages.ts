/**
 * Real Chromium pages with the script-tag build (dist/rtdash.js, served by the gateways through
 * nginx), one <rt-flashing-value field="sent"> per channel. Every event carries its send time
 * (`sent`, ms since the epoch, taken by the publisher); a MutationObserver in the page reads the
 * value the moment it is in the DOM and records `performance.timeOrigin + performance.now() -
 * sent`, once per value. Publisher and browser share the machine's clock.
 *
 * The pages come from a loopback server of their own, so they embed rtdash.js from another
 * origin (nginx → gateway, with CORS) as a real dashboard would; a page fulfilled by Playwright
 * instead would count as public and Chromium would block its sockets to loopback.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TransportMode } from '../../widgets/connection/transport.ts';

export interface LatencyPageSpec {
  channels: string[];
  transport: TransportMode;
  /**
   * For the trace tool: also keep when each sample was taken (`performance.now()`) and the
   * page's long animation frames, so a slow value can be matched with what the page was doing.
   */
  timeline?: boolean;
}

export interface LatencyPages {
  /** Forgets the samples so far (after a warm-up). */
  reset(): Promise<void>;
  /** Publish-to-DOM latencies (ms) per page since the last reset. */
  collect(): Promise<number[][]>;
  /** With `timeline`: per page, the samples, when each was taken (ms since timeOrigin) and the long animation frames. */
  timelines(): Promise<PageTimeline[]>;
  readonly pages: Page[];
  close(): Promise<void>;
}

export interface PageTimeline {
  samples: number[];
  at: number[];
  /** The channel of each sample. */
  channels: string[];
  frames: unknown[];
  /** Mutations that left the value as it was (not timed). */
  repeats: number;
  timeOrigin: number;
}

declare global {
  interface Window { __samples: number[]; __at: number[]; __channels: string[]; __frames: unknown[]; __repeats: number; __ready: boolean }
}

function pageHtml(httpUrl: string, wsUrl: string, spec: LatencyPageSpec): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>rtdash publish-to-DOM latency</title>
<script type="module">
  import { configure } from '${httpUrl}/dist/rtdash.js';
  configure({ gateway: ${JSON.stringify(wsUrl)}, transport: ${JSON.stringify(spec.transport)} });
  window.__samples = [];
  window.__at = [];
  window.__channels = [];
  window.__frames = [];
  const timeline = ${spec.timeline === true};
  if (timeline) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__frames.push(entry.toJSON());
    }).observe({ type: 'long-animation-frame', buffered: false });
  }
  const root = document.getElementById('root');
  for (const channel of ${JSON.stringify(spec.channels)}) {
    const el = document.createElement('rt-flashing-value');
    el.setAttribute('channel', channel);
    el.setAttribute('field', 'sent');
    el.setAttribute('decimals', '0');
    el.setAttribute('locale', 'en-US');
    root.append(el);
  }
  await customElements.whenDefined('rt-flashing-value');
  await Promise.all([...root.children].map((el) => el.updateComplete));
  // One reading per element per callback: the newest text is what is on screen now. A value is
  // timed once, when it first shows: other parts of the shadow root change too (the live
  // region's throttled announcement every 2 s, the stale mark), and reading the unchanged value
  // again then would time how long it had been on screen, not how long it took to get there.
  const shown = new WeakMap();
  window.__repeats = 0;
  const observer = new MutationObserver((records) => {
    const now = performance.timeOrigin + performance.now();
    const hosts = new Set(records.map((record) => record.target.getRootNode().host).filter(Boolean));
    for (const host of hosts) {
      const text = host.shadowRoot.querySelector('[part="value"]')?.textContent ?? '';
      if (shown.get(host) === text) {
        window.__repeats++;
        continue;
      }
      shown.set(host, text);
      const sent = Number(text.replace(/[^0-9]/g, ''));
      if (sent > 1e12) {
        window.__samples.push(now - sent);
        if (timeline) {
          window.__at.push(now - performance.timeOrigin);
          window.__channels.push(host.getAttribute('channel'));
        }
      }
    }
  });
  for (const el of root.children) observer.observe(el.shadowRoot, { subtree: true, characterData: true, childList: true });
  window.__ready = true;
</script></head><body><div id="root"></div></body></html>`;
}

export async function openLatencyPages(browser: Browser, httpUrl: string, wsUrl: string, specs: LatencyPageSpec[]): Promise<LatencyPages> {
  const server = createServer((request, response) => {
    const index = Number(/^\/latency-(\d+)\.html$/.exec(request.url ?? '')?.[1] ?? -1);
    if (!specs[index]) return void response.writeHead(request.url === '/favicon.ico' ? 204 : 404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml(httpUrl, wsUrl, specs[index]));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A context (window) per page: two tabs of one window would leave one in the background,
  // where Chromium deprioritises its tasks, and time the throttling instead of rtdash.
  const contexts: BrowserContext[] = [];
  const close = async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await new Promise((resolve) => server.close(resolve));
  };
  const pages: Page[] = [];
  try {
    for (const [i] of specs.entries()) {
      const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`latency page ${i}: ${error.message}`));
      page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') console.error(`latency page ${i}: ${message.text()}`); });
      await page.goto(`${origin}/latency-${i}.html`);
      await page.waitForFunction(() => window.__ready === true, undefined, { timeout: 20_000 });
      pages.push(page);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    reset: async () => { await Promise.all(pages.map((page) => page.evaluate(() => { window.__samples = []; window.__at = []; window.__channels = []; window.__frames = []; window.__repeats = 0; }))); },
    collect: () => Promise.all(pages.map((page) => page.evaluate(() => window.__samples))),
    timelines: () => Promise.all(pages.map((page) => page.evaluate(() => ({ samples: window.__samples, at: window.__at, channels: window.__channels, frames: window.__frames, repeats: window.__repeats, timeOrigin: performance.timeOrigin })))),
    pages,
    close,
  };
}
