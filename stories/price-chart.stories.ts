/** <rt-price-chart>: live, rising, falling, reconnecting (stale), empty, huge and tiny prices, locales. */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import '../widgets/index.ts';
import type { RtPriceChart } from '../widgets/index.ts';
import { emptyFeed, marketFeed, quietAfter, trendFeed } from './support/feeds.ts';
import { CONNECTING, dropAt, offlineAt } from './support/link-scripts.ts';
import type { Feed, GatewayScript } from './support/scripted-gateway.ts';
import { element, one, part, scene, type Attributes } from './support/scene.ts';

const TAG = 'rt-price-chart';

const onChannel = (feed: Feed, extra: GatewayScript = {}) => (args: Attributes) => scene(
  { feeds: { 'prices.X': feed }, tickMs: 120, ...extra },
  (gateway) => {
    const chart = element(TAG, { ...args, gateway: gateway.url, channel: 'prices.X' });
    chart.style.cssText = 'display:block;width:640px';
    return [chart];
  },
);

const chart = (canvas: HTMLElement) => one<RtPriceChart>(canvas, TAG);
const summary = (canvas: HTMLElement) => part(chart(canvas), 'base')?.getAttribute('aria-label') ?? '';

/** The chart drew `atLeast` points of the window (Chart.js holds them in its dataset). */
async function drew(canvas: HTMLElement, atLeast: number): Promise<void> {
  await chart(canvas).chartReady;
  await waitFor(() => expect(chart(canvas).chart?.data.datasets[0]?.data.length ?? 0).toBeGreaterThanOrEqual(atLeast), { timeout: 4_000 });
}

const meta: Meta = {
  title: 'Elements/rt-price-chart',
  component: TAG,
  args: { field: 'price', label: 'AAPL', window: 120, format: 'currency', currency: 'USD', locale: 'en-US' },
};
export default meta;
type Story = StoryObj;

export const Live: Story = {
  render: onChannel(marketFeed('AAPL', 5)),
  play: async ({ canvasElement }) => {
    await drew(canvasElement, 5);
    expect(summary(canvasElement)).toMatch(/^AAPL: \$\d{3}\.\d{2}, (up|down) \d+\.\d\d% over the last \d+ points$/);
    expect(chart(canvasElement).getAttribute('trend')).toMatch(/^(up|down)$/);
  },
};

export const Up: Story = {
  render: onChannel(trendFeed('AAPL', 200, 0.003)),
  play: async ({ canvasElement }) => {
    await drew(canvasElement, 8);
    await waitFor(() => expect(chart(canvasElement).getAttribute('trend')).toBe('up'));
    expect(summary(canvasElement)).toMatch(/, up \d+\.\d\d% over the last/);
  },
};

export const Down: Story = {
  render: onChannel(trendFeed('AAPL', 200, -0.003)),
  play: async ({ canvasElement }) => {
    await drew(canvasElement, 8);
    await waitFor(() => expect(chart(canvasElement).getAttribute('trend')).toBe('down'));
    expect(summary(canvasElement)).toMatch(/, down \d+\.\d\d% over the last/);
  },
};

export const Reconnecting: Story = {
  render: onChannel(trendFeed('AAPL', 200, 0.002), dropAt(1_200)),
  play: async ({ canvasElement }) => {
    await drew(canvasElement, 3);
    await waitFor(() => expect(chart(canvasElement).hasAttribute('stale')).toBe(true), { timeout: 3_000 });
    expect(summary(canvasElement)).toMatch(/\(stale\)$/);
    // The window stays drawn while the link is down.
    expect(chart(canvasElement).size).toBeGreaterThanOrEqual(3);
  },
};

export const Offline: Story = {
  render: onChannel(trendFeed('AAPL', 200, 0.002), offlineAt(1_000)),
  play: async ({ canvasElement }) => {
    await drew(canvasElement, 3);
    await waitFor(() => expect(chart(canvasElement).hasAttribute('stale')).toBe(true), { timeout: 3_000 });
    expect(summary(canvasElement)).toMatch(/\(stale\)$/);
  },
};

export const Stale: Story = {
  args: { 'stale-after': 1_000 },
  render: onChannel(quietAfter(5, trendFeed('AAPL', 200, 0.002))),
  play: async ({ canvasElement }) => {
    await drew(canvasElement, 6);
    await waitFor(() => expect(chart(canvasElement).hasAttribute('stale')).toBe(true), { timeout: 3_000 });
    expect(summary(canvasElement)).toMatch(/over the last 6 points \(stale\)$/);
  },
};

export const Connecting: Story = {
  render: onChannel(trendFeed('AAPL', 200, 0.002), CONNECTING),
  play: async ({ canvasElement }) => {
    await chart(canvasElement).chartReady;
    expect(summary(canvasElement)).toBe('AAPL: no data yet');
  },
};

export const Empty: Story = {
  render: onChannel(emptyFeed),
  play: async ({ canvasElement }) => {
    await chart(canvasElement).chartReady;
    expect(summary(canvasElement)).toBe('AAPL: no data yet');
    expect(chart(canvasElement).size).toBe(0);
  },
};

export const HugePrices: Story = {
  args: { label: 'BTC-USD' },
  render: onChannel(trendFeed('BTC-USD', 97_250, 0.001)),
  play: async ({ canvasElement }) => {
    await drew(canvasElement, 3);
    expect(summary(canvasElement)).toMatch(/^BTC-USD: \$9\d,\d{3}\.\d\d, up/);
  },
};

export const TinyPrices: Story = {
  args: { label: 'SHIB-USD', decimals: 8 },
  render: onChannel(trendFeed('SHIB-USD', 0.00001234, -0.002)),
  play: async ({ canvasElement }) => {
    await drew(canvasElement, 3);
    expect(summary(canvasElement)).toMatch(/^SHIB-USD: \$0\.000012\d\d, down/);
  },
};

export const EuroInGerman: Story = {
  args: { label: 'SAP', currency: 'EUR', locale: 'de-DE' },
  render: onChannel(trendFeed('SAP', 1_234.5, 0.001)),
  play: async ({ canvasElement }) => {
    await drew(canvasElement, 3);
    expect(summary(canvasElement)).toMatch(/^SAP: 1\.2\d\d,\d\d\u00a0€, up/);
  },
};

export const PointsSetByHand: Story = {
  args: { label: 'p99 latency', format: 'decimal' },
  render: (args) => {
    const made = element<RtPriceChart>(TAG, args);
    made.style.cssText = 'display:block;width:640px';
    const start = Date.UTC(2026, 0, 1, 12);
    made.points = [120, 118, 131, 127, 140, 152, 149, 161].map((y, i) => ({ x: start + i * 60_000, y }));
    return made;
  },
  play: async ({ canvasElement }) => {
    await drew(canvasElement, 8);
    expect(summary(canvasElement)).toBe('p99 latency: 161, up 34.17% over the last 8 points');
  },
};
