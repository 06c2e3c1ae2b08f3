/**
 * Against a real gateway (test/support/wtr-gateway-plugin.mjs): mounting and removing 1,000
 * bound elements ten times leaves the JS heap where it was — 1,000 <rt-animated-number>, then
 * 1,000 of every kind together with live events flowing through them while mounted (flash
 * timers, tweens, sparkline points, chart draws, staleness clocks all started and left
 * behind). Chromium runs with --js-flags=--expose-gc and --enable-precise-memory-info
 * (web-test-runner.config.mjs).
 */
import { expect } from '@open-wc/testing';
import { closeAllManagers } from '../connection/manager-registry.ts';
import '../elements/animated-number/animated-number.ts';
import '../elements/connection-status/connection-status.ts';
import '../elements/flashing-value/flashing-value.ts';
import '../elements/price-chart/price-chart.ts';
import '../elements/sparkline/sparkline.ts';
import '../elements/stat-card/stat-card.ts';
import type { ValueEvent } from '../shared/element-events.ts';
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

/**
 * Runs a warm-up round and ROUNDS more in a fresh host element, each mounting ELEMENTS made by
 * `make(i)` in one go, then `settle` (until they show what they owe), then removing them all;
 * asserts the heap after the rounds, with every channel given back, is within 10% of before.
 */
async function expectHeapKept(make: (i: number) => HTMLElement, settle: (elements: HTMLElement[], host: HTMLElement) => Promise<void>): Promise<void> {
  const host = document.createElement('div');
  document.body.append(host);
  const durations: number[] = [];
  const round = async () => {
    const started = performance.now();
    const elements = Array.from({ length: ELEMENTS }, (_, i) => make(i));
    host.append(...elements);
    await settle(elements, host);
    host.replaceChildren();
    durations.push(performance.now() - started);
  };
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
    const rounds = `rounds took ${Math.min(...durations).toFixed(0)}–${Math.max(...durations).toFixed(0)} ms`;
    expect((after - before) / before, `heap ${before} → ${after} bytes; ${rounds}`).to.be.lessThan(0.1);
  } finally {
    host.remove();
  }
}

/** An element of `tag` on the test gateway, with `attributes`. */
function element(tag: string, wsUrl: string, attributes: Record<string, string>): HTMLElement {
  const el = document.createElement(tag);
  el.setAttribute('gateway', wsUrl);
  el.setAttribute('locale', 'en-US');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
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

    await expectHeapKept(
      (i) => element('rt-animated-number', wsUrl, { channel: channels[i % CHANNELS], field: 'price' }),
      // Every element shows its channel's value (from the gateway's snapshot, or the manager's copy).
      (elements) => waitFor(
        () => elements.filter((el, i) => el.shadowRoot?.querySelector('[part="value"]')?.textContent !== String(100 + (i % CHANNELS))).length,
        (missing) => missing === 0,
        'every element to show its value',
        { timeoutMs: 10_000, intervalMs: 10 },
      ).then(() => {}),
    );
  });

  it(`${ROUNDS} × mount and remove ${ELEMENTS} elements of every kind, with live events while mounted, returns the heap to within 10%`, async function () {
    allow(this, 120_000);
    const { wsUrl } = await gatewayInfo();
    const channels = Array.from({ length: CHANNELS }, (_, i) => uniqueChannel(`memory-mix-${i}`));
    for (const [i, channel] of channels.entries()) await publish({ channel, data: { price: 100 + i, changePct: 0 } });
    // Channels go round by index, kinds by tens: every channel is read by every kind. One
    // chart in 50 (20 a round): a Chart.js instance each, made and destroyed every round.
    const kinds = ['rt-animated-number', 'rt-flashing-value', 'rt-sparkline', 'rt-stat-card', 'rt-connection-status'];
    const make = (i: number) => {
      const tag = i % 50 === 49 ? 'rt-price-chart' : kinds[Math.floor(i / CHANNELS) % kinds.length];
      return element(tag, wsUrl, tag === 'rt-connection-status' ? {} : { channel: channels[i % CHANNELS], field: 'price' });
    };
    let tick = 0;

    await expectHeapKept(make, async (elements, host) => {
      // The newest price each data element reported (rt-value is retargeted to the outermost host).
      const seen = new Map<EventTarget, number>();
      const record = (event: ValueEvent) => {
        const price = (event.detail.data as { price?: number } | undefined)?.price;
        if (event.target && typeof price === 'number') seen.set(event.target, price);
      };
      host.addEventListener('rt-value', record);
      try {
        await waitFor(gatewayInfo, (info) => channels.every((channel) => info.subscriptions[channel]), 'every channel subscribed on the wire', { timeoutMs: 10_000 });
        // A live event on every channel while they are mounted: each data element takes it.
        tick++;
        for (const [i, channel] of channels.entries()) await publish({ channel, data: { price: 1000 * tick + i, changePct: tick % 2 ? 1 : -1 } });
        const owed = elements.flatMap((el, i) => (el.localName === 'rt-connection-status' ? [] : [{ el, price: 1000 * tick + (i % CHANNELS) }]));
        await waitFor(
          () => owed.filter(({ el, price }) => seen.get(el) !== price).length,
          (missing) => missing === 0,
          'every data element to take the live event',
          { timeoutMs: 10_000, intervalMs: 20 },
        );
      } finally {
        host.removeEventListener('rt-value', record);
      }
    });
  });
});
