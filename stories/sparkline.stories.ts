/** <rt-sparkline>: live, rising, falling, stale, offline, empty, one point, values set by hand. */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import '../widgets/index.ts';
import type { RtSparkline } from '../widgets/index.ts';
import { emptyFeed, metricsFeed, quietAfter, trendFeed } from './support/feeds.ts';
import { CONNECTING, dropAt, offlineAt } from './support/link-scripts.ts';
import type { Feed, GatewayScript } from './support/scripted-gateway.ts';
import { element, one, part, row, scene, type Attributes } from './support/scene.ts';

const TAG = 'rt-sparkline';

const onChannel = (channel: string, feed: Feed, extra: GatewayScript = {}) => (args: Attributes) => scene(
  { feeds: { [channel]: feed }, tickMs: 150, ...extra },
  (gateway) => [element(TAG, { ...args, gateway: gateway.url, channel })],
);

const line = (canvas: HTMLElement) => one<RtSparkline>(canvas, TAG);
const summary = (canvas: HTMLElement) => part(line(canvas), 'base')?.getAttribute('aria-label') ?? '';
const path = (canvas: HTMLElement) => part(line(canvas), 'line')?.getAttribute('d') ?? '';

const meta: Meta = {
  title: 'Elements/rt-sparkline',
  component: TAG,
  args: { field: 'price', label: 'AAPL', points: 30 },
};
export default meta;
type Story = StoryObj;

export const Live: Story = {
  args: { field: 'cpu', label: 'web-1 CPU' },
  render: onChannel('metrics.web-1', metricsFeed('web-1')),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(line(canvasElement).values.length).toBeGreaterThanOrEqual(5), { timeout: 3_000 });
    expect(summary(canvasElement)).toMatch(/^web-1 CPU: [\d.,]+, (up|down) \d+\.\d\d% over the last \d+ points$/);
    expect(path(canvasElement)).toMatch(/^M0 [\d.]+(L[\d.]+ [\d.]+)+$/);
  },
};

export const Up: Story = {
  render: onChannel('prices.AAPL', trendFeed('AAPL', 200, 0.01)),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(line(canvasElement).values.length).toBeGreaterThanOrEqual(5), { timeout: 3_000 });
    expect(line(canvasElement).getAttribute('trend')).toBe('up');
    expect(summary(canvasElement)).toMatch(/, up \d+\.\d\d%/);
  },
};

export const Down: Story = {
  render: onChannel('prices.AAPL', trendFeed('AAPL', 200, -0.01)),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(line(canvasElement).values.length).toBeGreaterThanOrEqual(5), { timeout: 3_000 });
    expect(line(canvasElement).getAttribute('trend')).toBe('down');
    expect(summary(canvasElement)).toMatch(/, down \d+\.\d\d%/);
  },
};

export const Stale: Story = {
  args: { 'stale-after': 1_000 },
  render: onChannel('prices.AAPL', quietAfter(6, trendFeed('AAPL', 200, 0.004))),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(line(canvasElement).hasAttribute('stale')).toBe(true), { timeout: 4_000 });
    expect(summary(canvasElement)).toMatch(/over the last 7 points \(stale\)$/);
  },
};

export const Offline: Story = {
  render: onChannel('prices.AAPL', trendFeed('AAPL', 200, 0.004), offlineAt(1_000)),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(line(canvasElement).hasAttribute('stale')).toBe(true), { timeout: 3_000 });
    expect(line(canvasElement).values.length).toBeGreaterThan(2);
    expect(summary(canvasElement)).toMatch(/\(stale\)$/);
  },
};

export const Reconnecting: Story = {
  render: onChannel('prices.AAPL', trendFeed('AAPL', 200, 0.004), dropAt(1_000)),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(line(canvasElement).hasAttribute('stale')).toBe(true), { timeout: 3_000 });
    expect(line(canvasElement).values.length).toBeGreaterThan(2);
    expect(summary(canvasElement)).toMatch(/\(stale\)$/);
  },
};

export const Connecting: Story = {
  render: onChannel('prices.AAPL', trendFeed('AAPL', 200, 0.004), CONNECTING),
  play: async ({ canvasElement }) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(summary(canvasElement)).toBe('AAPL: no data yet');
  },
};

export const HugeAndTinyValues: Story = {
  // The line spans the box whatever the scale: only the shape of the window matters.
  render: () => {
    const huge = element<RtSparkline>(TAG, { label: 'market cap' });
    huge.values = [3.1e12, 3.4e12, 3.2e12, 3.6e12];
    const tiny = element<RtSparkline>(TAG, { label: 'SHIB-USD' });
    tiny.values = [0.00001234, 0.00001201, 0.00001219, 0.00001188];
    return row(huge, tiny);
  },
  play: async ({ canvasElement }) => {
    const paths = () => [...canvasElement.querySelectorAll(TAG)].map((el) => part(el, 'line')?.getAttribute('d'));
    await waitFor(() => expect(paths()).toEqual(['M0 100L33.33 40L66.67 80L100 0', 'M0 0L33.33 71.74L66.67 32.61L100 100']));
    expect([...canvasElement.querySelectorAll(TAG)].map((el) => el.getAttribute('trend'))).toEqual(['up', 'down']);
  },
};

export const Empty: Story = {
  render: onChannel('prices.AAPL', emptyFeed),
  play: async ({ canvasElement }) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(summary(canvasElement)).toBe('AAPL: no data yet');
    expect(path(canvasElement)).toBe('');
  },
};

export const OnePoint: Story = {
  render: onChannel('prices.AAPL', quietAfter(0, trendFeed('AAPL', 200, 0))),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(path(canvasElement)).toBe('M0 50L100 50'));
    expect(summary(canvasElement)).toMatch(/over the last 1 point$/);
  },
};

export const ValuesSetByHand: Story = {
  args: { label: 'requests' },
  render: (args) => {
    const made = element<RtSparkline>(TAG, args);
    made.values = [3, 9, 4, 12, 8, 15, 11, 18];
    return made;
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(summary(canvasElement)).toBe('requests: 18, up 500.00% over the last 8 points'));
    expect(line(canvasElement).getAttribute('trend')).toBe('up');
  },
};
