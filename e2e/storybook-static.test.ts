/**
 * `npm run build-storybook` makes a catalogue that works as static files: every element's
 * stories are listed, and a story served from the build shows live data from its scripted
 * gateway (a production build tree-shakes differently from the dev server the story tests use).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { serveFolder, type StaticServer } from './static-server.ts';
import { launchChromium } from './support.ts';

const TAGS = ['rt-animated-number', 'rt-connection-status', 'rt-flashing-value', 'rt-price-chart', 'rt-sparkline', 'rt-stat-card'];

describe('the static Storybook build', () => {
  let out: string;
  let server: StaticServer;
  let browser: Browser;
  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'rtdash-storybook-'));
    // Offline by design: no telemetry, no update check (see .storybook/main.ts).
    await promisify(execFile)('node_modules/.bin/storybook', ['build', '--config-dir', '.storybook', '--output-dir', out, '--quiet'], { maxBuffer: 16 << 20 });
    [server, browser] = await Promise.all([serveFolder(out), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('lists stories for every element, with docs pages', () => {
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { entries: Record<string, { title: string; type: string }> };
    const entries = Object.values(index.entries);
    for (const tag of TAGS) {
      const ofTag = entries.filter((entry) => entry.title === `Elements/${tag}`);
      assert.ok(ofTag.filter((entry) => entry.type === 'story').length >= 7, `${tag} has its states as stories`);
      assert.ok(ofTag.some((entry) => entry.type === 'docs'), `${tag} has a docs page`);
    }
  });

  it('renders a story from the built files with live data and no console errors', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    await page.goto(`${server.url}iframe.html?id=elements-rt-stat-card--live&viewMode=story`);
    // A string: see cross-origin.test.ts on tsx and page functions.
    await page.waitForFunction(`(() => {
      const number = document.querySelector('rt-stat-card')?.shadowRoot?.querySelector('rt-animated-number');
      return /^\\$\\d/.test(number?.shadowRoot?.querySelector('[part="value"]')?.textContent?.trim() ?? '');
    })()`, undefined, { timeout: 10_000 });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
