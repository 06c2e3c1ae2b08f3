/**
 * Against a real gateway (test/support/wtr-gateway-plugin.mjs): the gateway is stopped (clients
 * get 1012) and started again on the same port over the same log. The status element walks
 * live → reconnecting → live, the data stays on screen marked stale while the gateway is down,
 * and every event published before, during and after the outage arrives exactly once, in order.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { closeAllManagers, getManager } from '../connection/manager-registry.ts';
import '../elements/animated-number/animated-number.ts';
import type { RtAnimatedNumber } from '../elements/animated-number/animated-number.ts';
import '../elements/connection-status/connection-status.ts';
import type { RtConnectionStatus } from '../elements/connection-status/connection-status.ts';
import '../elements/price-chart/price-chart.ts';
import type { RtPriceChart } from '../elements/price-chart/price-chart.ts';
import { afterEach, beforeEach, describe, it } from '../test-support/mocha.ts';
import {
  allow, cleanGateway, countWebSockets, gatewayInfo, publish, startGateway, stopGateway, uniqueChannel, waitFor,
} from './gateway-control.ts';

const valueText = (el: Element) => el.shadowRoot?.querySelector('[part="value"]')?.textContent ?? '';
const statusLabel = (el: RtConnectionStatus) => el.shadowRoot?.querySelector('[part="label"]')?.textContent ?? '';

describe('e2e: a gateway restart', () => {
  let sockets: ReturnType<typeof countWebSockets>;

  beforeEach(async () => {
    await cleanGateway();
    sockets = countWebSockets();
  });

  afterEach(async () => {
    sockets.restore();
    closeAllManagers();
    if (!(await gatewayInfo()).running) await startGateway();
  });

  it('walks live → reconnecting → live, keeps the data marked stale while down, and loses no event', async function () {
    allow(this, 20_000);
    const { wsUrl, starts } = await gatewayInfo();
    const channel = uniqueChannel('restart');
    // Short backoff windows keep the test fast; a high breaker threshold keeps the quick failed
    // attempts while the gateway is down from opening the circuit (30 s) — both are options
    // every page may pass. The manager is made before the elements, so they share it.
    const manager = getManager(wsUrl, { backoff: { baseMs: 100, maxMs: 400 }, breaker: { failureThreshold: 1_000 } });

    const root = await fixture<HTMLDivElement>(html`<div>
      <rt-connection-status gateway=${wsUrl} locale="en-US"></rt-connection-status>
      <rt-animated-number channel=${channel} field="price" gateway=${wsUrl} locale="en-US"></rt-animated-number>
      <rt-price-chart channel=${channel} gateway=${wsUrl} window="100" locale="en-US"></rt-price-chart>
    </div>`);
    const status = root.querySelector<RtConnectionStatus>('rt-connection-status')!;
    const number = root.querySelector<RtAnimatedNumber>('rt-animated-number')!;
    const chart = root.querySelector<RtPriceChart>('rt-price-chart')!;

    // Every state the element shows, and its label, as they happen.
    const states: string[] = [status.getAttribute('state')!];
    const labels: string[] = [];
    const observer = new MutationObserver(() => {
      const state = status.getAttribute('state')!;
      if (state !== states.at(-1)) {
        states.push(state);
        void status.updateComplete.then(() => labels.push(statusLabel(status)));
      }
    });
    observer.observe(status, { attributes: true, attributeFilter: ['state'] });

    try {
      const ids: string[] = [];
      const historyIds = () => manager.history(channel).map((point) => point.id);
      const chartPrices = () => chart.points.map((point) => point.y);

      // Before: 1…5, with hints (the bus paints first, the log refines).
      await waitFor(() => status.getAttribute('state'), (state) => state === 'open', 'the status to say live');
      ids.push(...await publish({ channel, data: { price: 1 }, count: 5, hint: true }));
      await waitFor(historyIds, (seen) => seen.length === 5, 'the first five events');
      await waitFor(() => valueText(number), (text) => text === '5', 'the number to show 5');
      expect(number.hasAttribute('stale')).to.equal(false);

      // Down: 1012 to every client; the data stays, marked stale.
      const stopped = await stopGateway();
      expect(stopped.running).to.equal(false);
      await waitFor(() => status.getAttribute('state'), (state) => state !== 'open', 'the status to leave live');
      await waitFor(() => number.hasAttribute('stale') && chart.hasAttribute('stale'), (stale) => stale, 'the data to be marked stale');
      // Published while the gateway is down: only the log (and a bus nobody listens to) has them.
      ids.push(...await publish({ channel, data: { price: 6 }, count: 5, hint: true }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(valueText(number)).to.equal('5');
      expect(number.hasAttribute('stale')).to.equal(true);
      expect(historyIds()).to.deep.equal(ids.slice(0, 5));
      expect(['reconnecting', 'connecting']).to.include(status.getAttribute('state'));

      // Up again, same port, same log: the manager resumes from its last id.
      const restarted = await startGateway();
      expect(restarted.starts).to.equal(starts + 1);
      await waitFor(() => status.getAttribute('state'), (state) => state === 'open', 'the status to say live again', { timeoutMs: 5_000 });
      await waitFor(historyIds, (seen) => seen.length === 10, 'the five events published while down');
      await waitFor(() => number.hasAttribute('stale') || chart.hasAttribute('stale'), (stale) => !stale, 'the stale marks to clear');
      // (The number tweens from 5 to 10.)
      await waitFor(() => valueText(number), (text) => text === '10', 'the number to show 10');

      // After: 11…15.
      ids.push(...await publish({ channel, data: { price: 11 }, count: 5, hint: true }));
      await waitFor(historyIds, (seen) => seen.length >= 15, 'the five events published after the restart');
      await waitFor(() => valueText(number), (text) => text === '15', 'the number to show 15');

      // Every event exactly once, in order, in the manager and on the chart.
      expect(new Set(ids).size).to.equal(15);
      expect(historyIds()).to.deep.equal(ids);
      await waitFor(chartPrices, (prices) => prices.length >= 15, 'the chart to hold 15 points');
      expect(chartPrices()).to.deep.equal(Array.from({ length: 15 }, (_, i) => i + 1));

      // One socket before the stop; new ones only for the reconnect attempts, one of them live now.
      const info = await gatewayInfo();
      expect(info.connections).to.equal(1);
      expect(info.subscriptions).to.deep.equal({ [channel]: 1 });
      expect(sockets.urls.length).to.be.greaterThan(1);
      expect(new Set(sockets.urls)).to.deep.equal(new Set([wsUrl]));

      // The walk: live, then reconnecting (attempts may go through connecting), then live — never closed.
      expect(states[0]).to.be.oneOf(['idle', 'connecting', 'open']);
      const firstOpen = states.indexOf('open');
      const reconnecting = states.indexOf('reconnecting', firstOpen);
      const liveAgain = states.indexOf('open', reconnecting);
      expect(firstOpen, states.join(' → ')).to.be.greaterThan(-1);
      expect(reconnecting, states.join(' → ')).to.be.greaterThan(firstOpen);
      expect(liveAgain, states.join(' → ')).to.be.greaterThan(reconnecting);
      expect(liveAgain, states.join(' → ')).to.equal(states.length - 1);
      expect(states, states.join(' → ')).to.not.include('closed');
      expect(states.filter((s) => s !== 'open' && s !== 'reconnecting' && s !== 'connecting' && s !== 'idle'), states.join(' → ')).to.deep.equal([]);
      await status.updateComplete;
      expect(labels.some((label) => label.startsWith('Reconnecting')), labels.join(' | ')).to.equal(true);
      expect(statusLabel(status)).to.match(/^Live/);
    } finally {
      observer.disconnect();
    }
  });
});
