/** <rt-stat-card>: live prices and host metrics, up, down, flat, stale, offline, empty, huge, tiny, locales. */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import '../widgets/index.ts';
import { emptyFeed, marketFeed, metricsFeed, quietAfter, seriesFeed, trendFeed } from './support/feeds.ts';
import { CONNECTING, dropAt, offlineAt } from './support/link-scripts.ts';
import type { Feed, GatewayScript } from './support/scripted-gateway.ts';
import { element, one, partText, scene, type Attributes } from './support/scene.ts';

const TAG = 'rt-stat-card';

const onChannels = (feeds: Record<string, Feed>, cards: Attributes[], extra: GatewayScript = {}) => (args: Attributes) => scene(
  { feeds, tickMs: 300, ...extra },
  (gateway) => cards.map((card) => {
    const made = element(TAG, { ...args, ...card, gateway: gateway.url });
    made.style.width = '240px';
    return made;
  }),
);
const onChannel = (feed: Feed, extra: GatewayScript = {}) => onChannels({ 'prices.X': feed }, [{ channel: 'prices.X' }], extra);

const cards = (canvas: HTMLElement) => [...canvas.querySelectorAll(TAG)];
const card = (canvas: HTMLElement) => one(canvas, TAG);
/** The number inside the card's own <rt-animated-number>. */
const valueOf = (el: Element) => partText(el.shadowRoot?.querySelector('rt-animated-number') ?? null, 'value');
const changeOf = (el: Element) => partText(el, 'change');

const meta: Meta = {
  title: 'Elements/rt-stat-card',
  component: TAG,
  args: { field: 'price', label: 'NVDA', format: 'currency', currency: 'USD', locale: 'en-US', points: 40 },
};
export default meta;
type Story = StoryObj;

export const Live: Story = {
  render: onChannel(marketFeed('NVDA', 9)),
  args: { 'change-field': 'changePct' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(valueOf(card(canvasElement))).toMatch(/^\$\d{3}\.\d{2}$/));
    await waitFor(() => expect(changeOf(card(canvasElement))).toMatch(/^(▲ \+|▼ −)\d+\.\d\d%$|^0\.00%$/), { timeout: 3_000 });
    expect(partText(card(canvasElement), 'label')).toBe('NVDA');
  },
};

export const HostMetrics: Story = {
  args: { format: 'decimal', decimals: 1, label: '' },
  render: onChannels({ 'metrics.web-1': metricsFeed('web-1') }, [
    { channel: 'metrics.web-1', field: 'cpu', label: 'web-1 CPU %' },
    { channel: 'metrics.web-1', field: 'p99', label: 'web-1 p99 ms' },
    { channel: 'metrics.web-1', field: 'rps', label: 'web-1 req/s', format: 'compact', decimals: '' },
  ]),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(cards(canvasElement).map(valueOf).every((text) => /^\d[\d,.]*K?$/.test(text))).toBe(true), { timeout: 3_000 });
    expect(cards(canvasElement).map((el) => partText(el, 'label'))).toEqual(['web-1 CPU %', 'web-1 p99 ms', 'web-1 req/s']);
  },
};

export const Up: Story = {
  render: onChannel(trendFeed('NVDA', 140, 0.01)),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(card(canvasElement).getAttribute('direction')).toBe('up'), { timeout: 3_000 });
    expect(changeOf(card(canvasElement))).toMatch(/^▲ \+\d+\.\d\d%$/);
  },
};

export const Down: Story = {
  render: onChannel(trendFeed('NVDA', 140, -0.01)),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(card(canvasElement).getAttribute('direction')).toBe('down'), { timeout: 3_000 });
    expect(changeOf(card(canvasElement))).toMatch(/^▼ −\d+\.\d\d%$/);
  },
};

export const Flat: Story = {
  render: onChannel(seriesFeed('price', [140, 140])),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(card(canvasElement).getAttribute('direction')).toBe('flat'));
    expect(changeOf(card(canvasElement))).toBe('0.00%');
  },
};

export const Stale: Story = {
  args: { 'stale-after': 1_000 },
  render: onChannel(quietAfter(2, trendFeed('NVDA', 140, 0.01))),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(card(canvasElement).hasAttribute('stale')).toBe(true), { timeout: 4_000 });
    expect(valueOf(card(canvasElement))).toMatch(/^\$14\d\.\d\d$/);
  },
};

export const Offline: Story = {
  render: onChannel(trendFeed('NVDA', 140, 0.01), offlineAt(1_000)),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(card(canvasElement).hasAttribute('stale')).toBe(true), { timeout: 3_000 });
    expect(valueOf(card(canvasElement))).toMatch(/^\$14\d\.\d\d$/);
    expect(changeOf(card(canvasElement))).toMatch(/^▲ \+/);
  },
};

export const Reconnecting: Story = {
  render: onChannel(trendFeed('NVDA', 140, 0.01), dropAt(1_000)),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(card(canvasElement).hasAttribute('stale')).toBe(true), { timeout: 3_000 });
    expect(valueOf(card(canvasElement))).toMatch(/^\$14\d\.\d\d$/);
  },
};

export const Connecting: Story = {
  render: onChannel(trendFeed('NVDA', 140, 0.01), CONNECTING),
  play: async ({ canvasElement }) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(valueOf(card(canvasElement))).toBe('—');
    expect(partText(card(canvasElement), 'label')).toBe('NVDA');
  },
};

export const Empty: Story = {
  render: onChannel(emptyFeed),
  play: async ({ canvasElement }) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(valueOf(card(canvasElement))).toBe('—');
    expect(changeOf(card(canvasElement))).toBe('');
    expect(card(canvasElement).hasAttribute('direction')).toBe(false);
  },
};

export const HugeAndTiny: Story = {
  args: { label: '' },
  render: onChannels({ 'prices.BIG': seriesFeed('price', [3.2e12, 3.3e12]), 'prices.TINY': seriesFeed('price', [0.00001234, 0.00001201]) }, [
    { channel: 'prices.BIG', label: 'Market cap', format: 'compact', currency: '' },
    { channel: 'prices.TINY', label: 'SHIB-USD', decimals: 8 },
  ]),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(cards(canvasElement).map(valueOf)).toEqual(['3.3T', '$0.00001201']), { timeout: 3_000 });
    expect(cards(canvasElement).map(changeOf)).toEqual(['▲ +3.13%', '▼ −2.67%']);
  },
};

export const LocalesAndCurrencies: Story = {
  args: { label: '' },
  render: onChannels({ 'prices.SAP': seriesFeed('price', [1234.5]), 'prices.TM': seriesFeed('price', [2876]) }, [
    { channel: 'prices.SAP', label: 'SAP (de-DE, EUR)', currency: 'EUR', locale: 'de-DE' },
    { channel: 'prices.TM', label: 'Toyota (ja-JP, JPY)', currency: 'JPY', locale: 'ja-JP' },
  ]),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(cards(canvasElement).map(valueOf)).toEqual([
      '1.234,50\u00a0€',
      new Intl.NumberFormat('ja-JP', { style: 'currency', currency: 'JPY' }).format(2876),
    ]));
  },
};
