/**
 * rtdash/react in server rendering: plain Node (no window, no document) imports the hooks and
 * wrappers and renders them to HTML without touching the DOM or opening a connection.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';

describe('rtdash/react on the server', () => {
  it('imports in plain Node without a window', async () => {
    assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined');
    const react = await import('../../widgets/react/index.ts');
    for (const name of ['useChannel', 'useRealtimeData', 'useConnectionStatus', 'useWebSocket', 'useSSE',
      'RtAnimatedNumber', 'RtConnectionStatus', 'RtFlashingValue', 'RtPriceChart', 'RtSparkline', 'RtStatCard']) {
      assert.ok(name in react, `${name} is exported`);
    }
    assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined', 'importing did not define a window');
  });

  it('renders every hook and wrapper to HTML: empty readings, loading data, idle connection', async () => {
    const r = await import('../../widgets/react/index.ts');
    function Page() {
      const channel = r.useChannel<{ price: number }, number>('prices.AAPL', { select: (d) => d.price });
      const data = r.useRealtimeData('aapl', async () => 1, { channel: 'prices.AAPL', fallbackData: 0 });
      const status = r.useConnectionStatus();
      const socket = r.useWebSocket({ channels: ['prices.AAPL'] });
      const sse = r.useSSE({ channels: ['prices.MSFT'] });
      return h('main', null,
        h('p', { id: 'text' }, `${String(channel.value)}|${String(data.data)}|${status.state.name}|${socket.status}|${String(sse.data)}`),
        h(r.RtAnimatedNumber, { channel: 'prices.AAPL', field: 'price' }),
        h(r.RtFlashingValue, { channel: 'prices.AAPL', field: 'price' }),
        h(r.RtSparkline, { channel: 'prices.AAPL' }),
        h(r.RtStatCard, { channel: 'prices.AAPL', label: 'AAPL' }),
        h(r.RtPriceChart, { channel: 'prices.AAPL' }),
        h(r.RtConnectionStatus, null));
    }
    const html = renderToString(h(Page));
    assert.match(html, /undefined\|0\|idle\|idle\|undefined/);
    for (const tag of ['rt-animated-number', 'rt-flashing-value', 'rt-sparkline', 'rt-stat-card', 'rt-price-chart', 'rt-connection-status']) {
      assert.match(html, new RegExp(`<${tag}`), `${tag} is in the HTML`);
    }
  });
});
