/**
 * <rt-connection-status> in each state a user meets. A price beside it keeps the connection
 * wanted (watching alone never opens it) and shows what happens to data in that state.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import '../widgets/index.ts';
import { marketFeed } from './support/feeds.ts';
import { CONNECTING, dropAt, offlineAt } from './support/link-scripts.ts';
import { ScriptedGateway, type GatewayScript } from './support/scripted-gateway.ts';
import { element, one, part, partText, scene, type Attributes } from './support/scene.ts';

const withPrice = (script: GatewayScript) => (args: Attributes) => scene(
  { feeds: { 'prices.AAPL': marketFeed('AAPL') }, ...script },
  (gateway) => [
    element('rt-connection-status', { ...args, gateway: gateway.url }),
    element('rt-animated-number', { gateway: gateway.url, channel: 'prices.AAPL', field: 'price', format: 'currency', locale: 'en-US' }),
  ],
);

const status = (canvas: HTMLElement) => one(canvas, 'rt-connection-status');
const price = (canvas: HTMLElement) => one(canvas, 'rt-animated-number');

const meta: Meta = {
  title: 'Elements/rt-connection-status',
  component: 'rt-connection-status',
  args: { locale: 'en-US', compact: false },
};
export default meta;
type Story = StoryObj;

export const Idle: Story = {
  // Nothing on the page asks for a channel: watching alone never opens the connection.
  render: (args) => element('rt-connection-status', { ...args, gateway: new ScriptedGateway().url }),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(partText(status(canvasElement), 'label')).toBe('Idle'));
    expect(status(canvasElement).getAttribute('state')).toBe('idle');
    expect(part(status(canvasElement), 'retry')).toBeNull();
  },
};

export const Live: Story = {
  render: withPrice({}),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(partText(status(canvasElement), 'label')).toBe('Live'));
    await waitFor(() => expect(partText(status(canvasElement), 'latency')).toMatch(/^round trip \d+ ms$/));
    expect(part(status(canvasElement), 'dot')?.classList.contains('live')).toBe(true);
    expect(part(status(canvasElement), 'retry')).toBeNull();
    await waitFor(() => expect(partText(price(canvasElement), 'value')).toMatch(/^\$\d/));
  },
};

export const Connecting: Story = {
  render: withPrice(CONNECTING),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(partText(status(canvasElement), 'label')).toBe('Connecting…'));
    expect(status(canvasElement).getAttribute('state')).toBe('connecting');
    expect(partText(price(canvasElement), 'value')).toBe('—');
  },
};

export const Reconnecting: Story = {
  render: withPrice(dropAt(1_200)),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(partText(price(canvasElement), 'value')).toMatch(/^\$\d/));
    await waitFor(() => expect(partText(status(canvasElement), 'label')).toMatch(/^Reconnecting in \d+ s \(attempt 1\)$/), { timeout: 3_000 });
    expect(partText(status(canvasElement), 'retry')).toBe('Retry now');
    // The last price stays on screen, marked stale.
    await waitFor(() => expect(price(canvasElement).hasAttribute('stale')).toBe(true));
    expect(partText(price(canvasElement), 'value')).toMatch(/^\$\d/);
  },
};

export const Offline: Story = {
  render: withPrice(offlineAt(1_000)),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(partText(status(canvasElement), 'label')).toBe('Offline'), { timeout: 3_000 });
    expect(part(status(canvasElement), 'dot')?.classList.contains('down')).toBe(true);
    expect(price(canvasElement).hasAttribute('stale')).toBe(true);
    expect(partText(price(canvasElement), 'value')).toMatch(/^\$\d/);
  },
};

export const CircuitOpen: Story = {
  render: withPrice({ link: 'refuse', manager: { backoff: { baseMs: 40, maxMs: 80, random: () => 0.5 }, breaker: { failureThreshold: 3, cooldownMs: 60_000 } } }),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(partText(status(canvasElement), 'label')).toMatch(/^Circuit open \(retry at .+\)$/), { timeout: 3_000 });
    expect(status(canvasElement).getAttribute('state')).toBe('circuit-open');
  },
};

export const Closed: Story = {
  // 4003: the gateway refused the credentials; retrying with the same ones cannot help.
  render: withPrice({ timeline: [[800, (gateway) => gateway.drop('refuse', 4003)]] }),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(partText(status(canvasElement), 'label')).toBe('Closed'), { timeout: 3_000 });
    expect(partText(status(canvasElement), 'retry')).toBe('Retry now');
  },
};

export const Compact: Story = {
  args: { compact: true },
  render: withPrice({}),
  play: async ({ canvasElement }) => {
    const dot = () => part(status(canvasElement), 'dot');
    await waitFor(() => expect(dot()?.getAttribute('aria-label')).toBe('Live'));
    expect(dot()?.getAttribute('role')).toBe('img');
  },
};
