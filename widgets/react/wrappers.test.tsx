/**
 * Every React wrapper against a real gateway: its props land as element properties (not
 * attributes turned to strings) and its onX props hear the element's events.
 */
import { expect } from '@open-wc/testing';
import type { ConnectionState } from '../connection/connection-state.ts';
import { closeAllManagers } from '../connection/manager-registry.ts';
import { allow, cleanGateway, gatewayInfo, publish, uniqueChannel, waitFor } from '../e2e/gateway-control.ts';
import type { ValueEventDetail } from '../shared/element-events.ts';
import { afterEach, beforeEach, describe, it } from '../test-support/mocha.ts';
import { mount, unmountAll } from '../test-support/react-root.tsx';
import { RtAnimatedNumber, RtConnectionStatus, RtFlashingValue, RtPriceChart, RtSparkline, RtStatCard } from './wrappers.ts';

const DATA_WRAPPERS = [
  { name: 'RtAnimatedNumber', Component: RtAnimatedNumber, tag: 'rt-animated-number', extra: { decimals: 3, format: 'currency', currency: 'EUR' } },
  { name: 'RtFlashingValue', Component: RtFlashingValue, tag: 'rt-flashing-value', extra: { decimals: 1, locale: 'de-DE' } },
  { name: 'RtPriceChart', Component: RtPriceChart, tag: 'rt-price-chart', extra: { window: 42, label: 'Chart' } },
  { name: 'RtSparkline', Component: RtSparkline, tag: 'rt-sparkline', extra: { points: 17, label: 'Spark' } },
  { name: 'RtStatCard', Component: RtStatCard, tag: 'rt-stat-card', extra: { points: 9, label: 'Card', changeField: 'pct' } },
] as const;

describe('React wrappers', () => {
  beforeEach(async () => { await cleanGateway(); });
  afterEach(() => {
    unmountAll();
    closeAllManagers();
  });

  for (const { name, Component, tag, extra } of DATA_WRAPPERS) {
    it(`${name}: props become properties; onValue and onStaleChange fire`, async function () {
      allow(this, 10_000);
      const { wsUrl } = await gatewayInfo();
      const channel = uniqueChannel(name.toLowerCase());
      await publish({ channel, data: { price: 10, pct: 1 } });
      const values: ValueEventDetail[] = [];
      const stale: boolean[] = [];
      // The props object is typed by the wrapper: a wrong prop name or type fails the type check.
      const Any = Component as unknown as (props: Record<string, unknown>) => null;
      const view = mount(<Any channel={channel} field="price" gateway={wsUrl} staleAfter={300} {...extra}
        onValue={(event: CustomEvent<ValueEventDetail>) => values.push(event.detail)}
        onStaleChange={(event: CustomEvent<{ stale: boolean }>) => stale.push(event.detail.stale)} />);
      const element = await waitFor(() => view.container.querySelector(tag), (el) => el !== null, `<${tag}> in the DOM`);
      const props = element as unknown as Record<string, unknown>;
      expect(props.channel).to.equal(channel);
      expect(props.staleAfter).to.equal(300); // a number, not the string an attribute would give
      for (const [key, value] of Object.entries(extra)) expect(props[key], key).to.equal(value);

      await waitFor(() => values.map((v) => (v.data as { price: number }).price), (prices) => prices.includes(10), 'onValue with the snapshot');
      await publish({ channel, data: { price: 11, pct: 2 } });
      await waitFor(() => values.map((v) => (v.data as { price: number }).price), (prices) => prices.includes(11), 'onValue with the live event');
      expect(values.every((v) => v.channel === channel && typeof v.id === 'string')).to.equal(true);
      await waitFor(() => stale, (list) => list.includes(true), 'onStaleChange after 300 ms of silence');
      await publish({ channel, data: { price: 12, pct: 3 } });
      await waitFor(() => stale.at(-1), (last) => last === false, 'onStaleChange back to fresh on the next event');
    });
  }

  it('RtConnectionStatus: props become properties; onStateChange follows the connection', async function () {
    allow(this, 10_000);
    const { wsUrl } = await gatewayInfo();
    const states: ConnectionState['name'][] = [];
    const view = mount(<div>
      <RtConnectionStatus gateway={wsUrl} compact locale="en-GB" onStateChange={(event) => states.push(event.detail.name)} />
      <RtSparkline channel={uniqueChannel('status')} gateway={wsUrl} />
    </div>);
    const element = await waitFor(() => view.container.querySelector('rt-connection-status'), (el) => el !== null, 'the element');
    expect(element!.compact).to.equal(true);
    expect(element!.locale).to.equal('en-GB');
    await waitFor(() => states, (list) => list.includes('open'), 'onStateChange to reach open');
    expect(states.indexOf('connecting')).to.be.lessThan(states.indexOf('open'));
  });
});
