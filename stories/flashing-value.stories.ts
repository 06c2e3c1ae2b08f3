/** <rt-flashing-value>: flashes on real changes up, down or of a word; stale, reconnecting, empty, formats. */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import '../widgets/index.ts';
import { emptyFeed, marketFeed, quietAfter, seriesFeed } from './support/feeds.ts';
import { CONNECTING, dropAt, offlineAt } from './support/link-scripts.ts';
import type { Feed, GatewayScript } from './support/scripted-gateway.ts';
import { element, one, partText, row, scene, type Attributes } from './support/scene.ts';

const TAG = 'rt-flashing-value';

const onChannel = (feed: Feed, extra: GatewayScript = {}) => (args: Attributes) => scene(
  { feeds: { 'x.value': feed }, tickMs: 400, ...extra },
  (gateway) => [element(TAG, { ...args, gateway: gateway.url, channel: 'x.value' })],
);

const value = (canvas: HTMLElement) => one(canvas, TAG);
const shown = (canvas: HTMLElement) => partText(value(canvas), 'value');
const values = (canvas: HTMLElement) => [...canvas.querySelectorAll(TAG)].map((el) => partText(el, 'value'));

const meta: Meta = {
  title: 'Elements/rt-flashing-value',
  component: TAG,
  args: { field: 'price', format: 'currency', currency: 'USD', locale: 'en-US' },
};
export default meta;
type Story = StoryObj;

export const Live: Story = {
  render: onChannel(marketFeed('MSFT', 3)),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shown(canvasElement)).toMatch(/^\$\d{3}\.\d{2}$/));
    await waitFor(() => expect(value(canvasElement).getAttribute('flash')).toMatch(/^(up|down)$/), { timeout: 3_000 });
  },
};

export const Up: Story = {
  render: onChannel(seriesFeed('price', [50, 50.5, 51, 51.75])),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(value(canvasElement).getAttribute('flash')).toBe('up'));
    expect(partText(value(canvasElement), 'arrow')).toBe('▲');
    await waitFor(() => expect(shown(canvasElement)).toBe('$51.75'), { timeout: 3_000 });
  },
};

export const Down: Story = {
  render: onChannel(seriesFeed('price', [50, 49.5, 48, 47.25])),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(value(canvasElement).getAttribute('flash')).toBe('down'));
    expect(partText(value(canvasElement), 'arrow')).toBe('▼');
    await waitFor(() => expect(shown(canvasElement)).toBe('$47.25'), { timeout: 3_000 });
  },
};

export const StatusWord: Story = {
  args: { field: 'status', format: 'decimal' },
  render: onChannel((step) => ({ status: ['healthy', 'healthy', 'degraded', 'down'][Math.min(step, 3)] })),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shown(canvasElement)).toBe('degraded'), { timeout: 3_000 });
    expect(value(canvasElement).getAttribute('flash')).toBe('change');
    expect(partText(value(canvasElement), 'arrow')).toBe('');
  },
};

export const Stale: Story = {
  args: { 'stale-after': 1_200 },
  render: onChannel(quietAfter(0, seriesFeed('price', [12.34]))),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shown(canvasElement)).toBe('$12.34'));
    await waitFor(() => expect(value(canvasElement).hasAttribute('stale')).toBe(true), { timeout: 3_000 });
    expect(shown(canvasElement)).toBe('$12.34');
  },
};

export const Reconnecting: Story = {
  render: onChannel(seriesFeed('price', [12.34]), dropAt(900)),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shown(canvasElement)).toBe('$12.34'));
    await waitFor(() => expect(value(canvasElement).hasAttribute('stale')).toBe(true), { timeout: 3_000 });
    expect(shown(canvasElement)).toBe('$12.34');
  },
};

export const Offline: Story = {
  render: onChannel(seriesFeed('price', [12.34]), offlineAt(900)),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(shown(canvasElement)).toBe('$12.34'));
    await waitFor(() => expect(value(canvasElement).hasAttribute('stale')).toBe(true), { timeout: 3_000 });
    expect(shown(canvasElement)).toBe('$12.34');
  },
};

export const Connecting: Story = {
  render: onChannel(marketFeed('MSFT', 3), CONNECTING),
  play: async ({ canvasElement }) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(shown(canvasElement)).toBe('—');
  },
};

export const Empty: Story = {
  render: onChannel(emptyFeed),
  play: async ({ canvasElement }) => {
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(shown(canvasElement)).toBe('—');
    expect(value(canvasElement).hasAttribute('flash')).toBe(false);
  },
};

export const HugeAndTinyNumbers: Story = {
  render: () => row(
    element(TAG, { value: 3.4e15, format: 'compact', locale: 'en-US' }),
    element(TAG, { value: 123_456_789_012.5, decimals: 1, locale: 'en-US' }),
    element(TAG, { value: 0.00000042, decimals: 9, locale: 'en-US' }),
  ),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(values(canvasElement)).toEqual(['3400T', '123,456,789,012.5', '0.000000420']));
  },
};

export const LocalesAndCurrencies: Story = {
  render: () => row(
    element(TAG, { value: 98765.4321, format: 'currency', currency: 'EUR', locale: 'fr-FR' }),
    element(TAG, { value: 98765.4321, format: 'currency', currency: 'BRL', locale: 'pt-BR' }),
    element(TAG, { value: 0.1234, format: 'percent', decimals: 1, locale: 'tr-TR' }),
  ),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(values(canvasElement)).toEqual([
      new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(98765.4321),
      new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' }).format(98765.4321),
      '%12,3',
    ]));
    expect(values(canvasElement)[1]).toBe('R$\u00a098.765,43');
  },
};
