/** <rt-animated-number>: live from a channel, rising, falling, stale, offline, empty, huge, tiny, in several locales. */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import '../widgets/index.ts';
import { emptyFeed, marketFeed, quietAfter, seriesFeed } from './support/feeds.ts';
import { CONNECTING, dropAt, offlineAt } from './support/link-scripts.ts';
import type { Feed, GatewayScript } from './support/scripted-gateway.ts';
import { element, one, partText, row, scene, type Attributes } from './support/scene.ts';

const TAG = 'rt-animated-number';

/** One number on `prices.X` of a scripted gateway; `extra` adds per-story gateway behaviour. */
const onChannel = (feed: Feed, extra: GatewayScript = {}) => (args: Attributes) => scene(
  { feeds: { 'prices.X': feed }, tickMs: 400, ...extra },
  (gateway) => [element(TAG, { ...args, gateway: gateway.url, channel: 'prices.X' })],
);

const number = (canvas: HTMLElement) => one(canvas, TAG);
const shown = (canvas: HTMLElement) => partText(number(canvas), 'value');
const numbers = (canvas: HTMLElement) => [...canvas.querySelectorAll(TAG)].map((el) => partText(el, 'value'));

const meta: Meta = {
  title: 'Elements/rt-animated-number',
  component: TAG,
  args: { field: 'price', format: 'currency', currency: 'USD', locale: 'en-US', duration: 500 },
};
export default meta;
type Story = StoryObj;

export const Live: Story = {
  render: onChannel(marketFeed('AAPL')),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shown(canvasElement)).toMatch(/^\$\d{3}\.\d{2}$/));
    const first = shown(canvasElement);
    await waitFor(() => expect(shown(canvasElement)).not.toBe(first), { timeout: 3_000 });
    expect(number(canvasElement).hasAttribute('stale')).toBe(false);
  },
};

export const Up: Story = {
  render: onChannel(seriesFeed('price', [100, 101.25, 102.5, 104])),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(number(canvasElement).getAttribute('direction')).toBe('up'));
    expect(partText(number(canvasElement), 'arrow')).toBe('▲');
    await waitFor(() => expect(shown(canvasElement)).toBe('$104.00'), { timeout: 3_000 });
  },
};

export const Down: Story = {
  render: onChannel(seriesFeed('price', [100, 98.5, 97, 95.25])),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(number(canvasElement).getAttribute('direction')).toBe('down'));
    expect(partText(number(canvasElement), 'arrow')).toBe('▼');
    await waitFor(() => expect(shown(canvasElement)).toBe('$95.25'), { timeout: 3_000 });
  },
};

export const Stale: Story = {
  args: { 'stale-after': 1_200 },
  render: onChannel(quietAfter(1, seriesFeed('price', [231.5, 232.1]))),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shown(canvasElement)).toBe('$232.10'));
    await waitFor(() => expect(number(canvasElement).hasAttribute('stale')).toBe(true), { timeout: 3_000 });
    // Still there, dimmed and marked for screen readers.
    expect(shown(canvasElement)).toBe('$232.10');
    expect(number(canvasElement).shadowRoot?.textContent).toContain('stale');
  },
};

export const Offline: Story = {
  render: onChannel(seriesFeed('price', [97_250.5]), offlineAt(900)),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shown(canvasElement)).toBe('$97,250.50'));
    await waitFor(() => expect(number(canvasElement).hasAttribute('stale')).toBe(true), { timeout: 3_000 });
    expect(shown(canvasElement)).toBe('$97,250.50');
  },
};

export const Connecting: Story = {
  render: onChannel(marketFeed('AAPL'), CONNECTING),
  play: async ({ canvasElement }) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(shown(canvasElement)).toBe('—');
    expect(number(canvasElement).hasAttribute('stale')).toBe(false);
  },
};

export const Reconnecting: Story = {
  render: onChannel(seriesFeed('price', [3_640.25]), dropAt(900)),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shown(canvasElement)).toBe('$3,640.25'));
    await waitFor(() => expect(number(canvasElement).hasAttribute('stale')).toBe(true), { timeout: 3_000 });
    expect(shown(canvasElement)).toBe('$3,640.25');
  },
};

export const Empty: Story = {
  render: onChannel(emptyFeed),
  play: async ({ canvasElement }) => {
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(shown(canvasElement)).toBe('—');
    expect(number(canvasElement).hasAttribute('direction')).toBe(false);
  },
};

export const HugeNumbers: Story = {
  render: () => row(
    element(TAG, { value: 1_234_567_890_123, format: 'compact', locale: 'en-US' }),
    element(TAG, { value: 98_765_432_109.87, format: 'currency', currency: 'USD', locale: 'en-US' }),
    element(TAG, { value: 7.2e21, format: 'compact', locale: 'de-DE' }),
  ),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(numbers(canvasElement)).toEqual(['1.2T', '$98,765,432,109.87', '7.200.000.000\u00a0Bio.']));
  },
};

export const TinyNumbers: Story = {
  render: () => row(
    element(TAG, { value: 0.000012345, decimals: 8, locale: 'en-US' }),
    element(TAG, { value: 0.00042, format: 'percent', decimals: 3, locale: 'en-US' }),
    element(TAG, { value: 0.0000001, format: 'currency', currency: 'USD', decimals: 7, locale: 'en-US' }),
  ),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(numbers(canvasElement)).toEqual(['0.00001235', '0.042%', '$0.0000001']));
  },
};

export const LocalesAndCurrencies: Story = {
  render: () => row(
    element(TAG, { value: 1234.5, format: 'currency', currency: 'EUR', locale: 'de-DE' }),
    element(TAG, { value: 1234.5, format: 'currency', currency: 'JPY', locale: 'ja-JP' }),
    element(TAG, { value: 1234567.891, format: 'currency', currency: 'INR', locale: 'en-IN' }),
    element(TAG, { value: 1234.5, format: 'currency', currency: 'CHF', locale: 'fr-CH' }),
    element(TAG, { value: 1234.5, format: 'currency', currency: 'GBP', locale: 'en-GB' }),
  ),
  play: async ({ canvasElement }) => {
    const expected = [
      new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(1234.5),
      new Intl.NumberFormat('ja-JP', { style: 'currency', currency: 'JPY' }).format(1234.5),
      new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' }).format(1234567.891),
      new Intl.NumberFormat('fr-CH', { style: 'currency', currency: 'CHF' }).format(1234.5),
      new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(1234.5),
    ];
    await waitFor(() => expect(numbers(canvasElement)).toEqual(expected));
    // Spelled out, so a wrong locale cannot pass by formatting both sides the same wrong way.
    expect(numbers(canvasElement)[0]).toBe('1.234,50\u00a0€');
    expect(numbers(canvasElement)[2]).toBe('₹12,34,567.89');
  },
};

export const Controls: Story = {
  args: { value: 1234.56, before: '', after: '' },
  render: (args) => element(TAG, args),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shown(canvasElement)).toBe('$1,234.56'));
  },
};
