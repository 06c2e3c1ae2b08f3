import { expect, fixture, html } from '@open-wc/testing';
import { ConnectionManager } from '../../connection/connection-manager.ts';
import { closeAllManagers, registerManager } from '../../connection/manager-registry.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import { FakeNetwork, FakeTransportFactory, flushMicrotasks } from '../../test-support/fake-transport.ts';
import { afterEach, beforeEach, describe, it } from '../../test-support/mocha.ts';
import { RtAnimatedNumber } from '../animated-number/animated-number.ts';
import type { RtSparkline } from '../sparkline/sparkline.ts';
import { RtStatCard, formatChange } from './stat-card.ts';

const GATEWAY = 'ws://gateway.test/ws';
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const part = (el: RtStatCard, name: string) => el.shadowRoot!.querySelector(`[part="${name}"]`)!;
const realReducedMotion = RtAnimatedNumber.prefersReducedMotion;

async function settle(el: RtStatCard): Promise<void> {
  await nextFrame();
  await el.updateComplete;
  const number = part(el, 'value') as RtAnimatedNumber;
  const spark = part(el, 'sparkline') as RtSparkline;
  await Promise.all([number.updateComplete, spark.updateComplete]);
}

describe('<rt-stat-card>', () => {
  let factory: FakeTransportFactory;

  beforeEach(() => {
    RtAnimatedNumber.prefersReducedMotion = () => true;
    factory = new FakeTransportFactory();
    registerManager(new ConnectionManager(GATEWAY, { clock: new FakeClock(), network: new FakeNetwork(), transport: factory.create }));
  });

  afterEach(() => {
    RtAnimatedNumber.prefersReducedMotion = realReducedMotion;
    closeAllManagers();
  });

  const event = (i: number, data: unknown) => ({ type: 'event', channel: 'prices.AAPL', id: `0-${i}`, ts: i * 1_000, data });

  it('is defined, and a second copy of the registration script is tolerated', async () => {
    expect(customElements.get('rt-stat-card')).to.equal(RtStatCard);
    await import(/* @vite-ignore */ new URL('./stat-card.ts?copy=2', import.meta.url).href);
    expect(customElements.get('rt-stat-card')).to.equal(RtStatCard);
  });

  it('formats the change with a sign, never by colour alone', () => {
    expect(formatChange(0.0123)).to.equal('+1.23%');
    expect(formatChange(-0.005)).to.equal('−0.50%');
    expect(formatChange(0.00001)).to.equal('0.00%');
  });

  it('shows label, value, change since the first point and a sparkline', async () => {
    const el = await fixture<RtStatCard>(html`<rt-stat-card gateway=${GATEWAY} channel="prices.AAPL" label="Apple" format="currency" currency="USD" decimals="2" locale="en-US"></rt-stat-card>`);
    factory.latest.open();
    await flushMicrotasks();
    factory.latest.receive(event(1, { price: 200 }));
    factory.latest.receive(event(2, { price: 205 }));
    factory.latest.receive(event(3, { price: 210 }));
    await settle(el);
    expect(part(el, 'label').textContent).to.equal('Apple');
    const number = part(el, 'value') as RtAnimatedNumber;
    expect(number.shadowRoot!.querySelector('[part="value"]')!.textContent).to.equal('$210.00');
    expect(part(el, 'change').textContent).to.equal('▲ +5.00%');
    expect(part(el, 'change').getAttribute('aria-label')).to.equal('up 5.00% since the first point');
    expect(el.getAttribute('direction')).to.equal('up');
    const spark = part(el, 'sparkline') as RtSparkline;
    expect(spark.values).to.deep.equal([200, 205, 210]);
    expect(spark.getAttribute('trend')).to.equal('up');
    expect(factory.latest.framesOfType('subscribe')).to.have.length(1);

    factory.latest.receive(event(4, { price: 190 }));
    await settle(el);
    expect(part(el, 'change').textContent).to.equal('▼ −5.00%');
    expect(el.getAttribute('direction')).to.equal('down');
    expect(getComputedStyle(part(el, 'change')).color).to.not.equal(getComputedStyle(part(el, 'label')).color);
  });

  it('reads the change from `change-field` when the channel carries it', async () => {
    const el = await fixture<RtStatCard>(html`<rt-stat-card gateway=${GATEWAY} channel="prices.AAPL" change-field="changePct"></rt-stat-card>`);
    factory.latest.open();
    factory.latest.receive(event(1, { price: 10, changePct: -2.5 }));
    await settle(el);
    expect(part(el, 'label').textContent).to.equal('prices.AAPL');
    expect(part(el, 'change').textContent).to.equal('▼ −2.50%');
  });

  it('starts the session at the oldest point the page already holds', async () => {
    const manager = (await import('../../connection/manager-registry.ts')).getManager(GATEWAY);
    const release = manager.subscribe('prices.AAPL', () => {});
    factory.latest.open();
    factory.latest.receive(event(1, { price: 100 }));
    factory.latest.receive(event(2, { price: 110 }));
    const el = await fixture<RtStatCard>(html`<rt-stat-card gateway=${GATEWAY} channel="prices.AAPL"></rt-stat-card>`);
    await settle(el);
    expect(part(el, 'change').textContent).to.equal('▲ +10.00%');
    expect((part(el, 'sparkline') as RtSparkline).values).to.deep.equal([100, 110]);
    release();
  });

  it('dims when stale', async () => {
    const el = await fixture<RtStatCard>(html`<rt-stat-card gateway=${GATEWAY} channel="prices.AAPL"></rt-stat-card>`);
    factory.latest.open();
    factory.latest.receive(event(1, { price: 1 }));
    factory.latest.drop(1006);
    await el.updateComplete;
    expect(el.hasAttribute('stale')).to.equal(true);
  });
});
