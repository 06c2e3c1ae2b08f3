/**
 * Against a real gateway (test/support/wtr-gateway-plugin.mjs): mounting and removing 1,000
 * bound <rt-animated-number> elements ten times leaves the JS heap where it was. Chromium runs
 * with --js-flags=--expose-gc and --enable-precise-memory-info (web-test-runner.config.mjs).
 */
import { expect } from '@open-wc/testing';
import { closeAllManagers } from '../connection/manager-registry.ts';
import '../elements/animated-number/animated-number.ts';
import { afterEach, beforeEach, describe, it } from '../test-support/mocha.ts';
import { allow, cleanGateway, gatewayInfo, publish, uniqueChannel, waitFor } from './gateway-control.ts';

const ELEMENTS = 1_000;
const ROUNDS = 10;
const CHANNELS = 10;
/** The manager keeps a channel this long after its last element left (1 s), plus slack. */
const LINGER_WAIT_MS = 1_300;

interface MemoryPerformance { memory?: { usedJSHeapSize: number } }
const gc = (globalThis as { gc?: () => void }).gc;
const heapBytes = () => (performance as unknown as MemoryPerformance).memory?.usedJSHeapSize;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Full collections, with turns between them so finalisers and queued tasks run. */
async function settledHeap(): Promise<number> {
  for (let i = 0; i < 5; i++) {
    gc!();
    await sleep(20);
  }
  return heapBytes()!;
}

describe('e2e: mounting and removing many elements', () => {
  beforeEach(async () => {
    await cleanGateway();
  });

  afterEach(() => {
    closeAllManagers();
  });

  it(`${ROUNDS} × mount and remove ${ELEMENTS} bound <rt-animated-number> returns the heap to within 10%`, async function () {
    allow(this, 60_000);
    expect(gc, 'window.gc: Chromium needs --js-flags=--expose-gc').to.be.a('function');
    expect(heapBytes(), 'performance.memory').to.be.a('number');
    const { wsUrl } = await gatewayInfo();
    const channels = Array.from({ length: CHANNELS }, (_, i) => uniqueChannel(`memory-${i}`));
    for (const [i, channel] of channels.entries()) await publish({ channel, data: { price: 100 + i } });

    const host = document.createElement('div');
    document.body.append(host);
    const durations: number[] = [];

    async function round(): Promise<void> {
      const started = performance.now();
      const elements: HTMLElement[] = [];
      const fragment = document.createDocumentFragment();
      for (let i = 0; i < ELEMENTS; i++) {
        const el = document.createElement('rt-animated-number');
        el.setAttribute('channel', channels[i % CHANNELS]);
        el.setAttribute('field', 'price');
        el.setAttribute('gateway', wsUrl);
        el.setAttribute('locale', 'en-US');
        elements.push(el);
        fragment.append(el);
      }
      host.append(fragment);
      // Every element shows its channel's value (from the gateway's snapshot, or the manager's copy).
      await waitFor(
        () => elements.filter((el, i) => el.shadowRoot?.querySelector('[part="value"]')?.textContent !== String(100 + (i % CHANNELS))).length,
        (missing) => missing === 0,
        'every element to show its value',
        { timeoutMs: 10_000, intervalMs: 10 },
      );
      host.replaceChildren();
      durations.push(performance.now() - started);
    }

    try {
      // Warm-up: compiled code, Lit's template caches, the socket, the formatters.
      await round();
      await sleep(LINGER_WAIT_MS);
      const before = await settledHeap();

      for (let i = 0; i < ROUNDS; i++) await round();
      // Every channel was given back on the wire: nothing is held for the removed elements.
      await sleep(LINGER_WAIT_MS);
      await waitFor(gatewayInfo, (info) => Object.keys(info.subscriptions).length === 0, 'every channel to be unsubscribed', { timeoutMs: 3_000 });
      const after = await settledHeap();

      const growth = (after - before) / before;
      const rounds = `rounds took ${Math.min(...durations).toFixed(0)}–${Math.max(...durations).toFixed(0)} ms`;
      expect(growth, `heap ${before} → ${after} bytes; ${rounds}`).to.be.lessThan(0.1);
    } finally {
      host.remove();
    }
  });
});
