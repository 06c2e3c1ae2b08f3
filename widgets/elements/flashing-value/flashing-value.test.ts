import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ConnectionManager } from '../../connection/connection-manager.ts';
import { closeAllManagers, registerManager } from '../../connection/manager-registry.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import { FakeNetwork, FakeTransportFactory, flushMicrotasks } from '../../test-support/fake-transport.ts';
import { afterEach, beforeEach, describe, it } from '../../test-support/mocha.ts';
import { RtFlashingValue, type FlashingValueContent } from './flashing-value.ts';

const GATEWAY = 'ws://gateway.test/ws';
const realReducedMotion = RtFlashingValue.prefersReducedMotion;

const part = (el: RtFlashingValue, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);
const text = (el: RtFlashingValue) => part(el, 'value')?.textContent ?? '';
const arrow = (el: RtFlashingValue) => part(el, 'arrow')?.textContent ?? '';
const staleText = (el: RtFlashingValue) => el.shadowRoot!.querySelector('.stale-mark')?.textContent?.trim();

async function setValue(el: RtFlashingValue, value: FlashingValueContent): Promise<void> {
  el.value = value;
  await el.updateComplete;
}

function cssColor(value: string): string {
  const probe = document.createElement('span');
  document.body.append(probe);
  probe.style.color = value;
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}

describe('<rt-flashing-value>', () => {
  beforeEach(() => {
    RtFlashingValue.prefersReducedMotion = () => false;
  });

  afterEach(() => {
    RtFlashingValue.prefersReducedMotion = realReducedMotion;
    closeAllManagers();
  });

  it('is defined, and a second copy of the registration script is tolerated', async () => {
    expect(customElements.get('rt-flashing-value')).to.equal(RtFlashingValue);
    const copy = new URL('./flashing-value.ts?copy=2', import.meta.url).href;
    await import(/* @vite-ignore */ copy);
    expect(customElements.get('rt-flashing-value')).to.equal(RtFlashingValue);
  });

  it('paints the first value without a flash or an arrow, and a dash before any value', async () => {
    const empty = await fixture<RtFlashingValue>(html`<rt-flashing-value></rt-flashing-value>`);
    expect(text(empty)).to.equal('—');
    const el = await fixture<RtFlashingValue>(html`<rt-flashing-value value="42.5" locale="en-US"></rt-flashing-value>`);
    expect(text(el)).to.equal('42.5');
    expect(el.hasAttribute('flash')).to.equal(false);
    expect(el.hasAttribute('direction')).to.equal(false);
    expect(arrow(el)).to.equal('');
  });

  it('formats numbers like rt-animated-number, and shows text as it is', async () => {
    const price = await fixture<RtFlashingValue>(html`<rt-flashing-value value="1234.5" format="currency" currency="USD" locale="en-US"></rt-flashing-value>`);
    expect(text(price)).to.equal('$1,234.50');
    const compact = await fixture<RtFlashingValue>(html`<rt-flashing-value value="1234567" format="compact" locale="en-US"></rt-flashing-value>`);
    expect(text(compact)).to.equal('1.2M');
    const word = await fixture<RtFlashingValue>(html`<rt-flashing-value value="halted" locale="en-US"></rt-flashing-value>`);
    expect(text(word)).to.equal('halted');
    word.value = '1234.5';
    await word.updateComplete;
    expect(text(word)).to.equal('1234.5'); // a string property stays as it is
  });

  it('shows the same value in the new format when decimals or locale change, without a flash', async () => {
    const el = await fixture<RtFlashingValue>(html`<rt-flashing-value value="1234.5" locale="en-US"></rt-flashing-value>`);
    expect(text(el)).to.equal('1,234.5');
    el.decimals = 0;
    await el.updateComplete;
    expect(text(el)).to.equal('1,235');
    el.locale = 'de-DE';
    await el.updateComplete;
    expect(text(el)).to.equal('1.235');
    expect(el.hasAttribute('flash')).to.equal(false);
  });

  it('flashes up with ▲ and down with ▼ on a real change, in the theme colours, for about 600 ms', async () => {
    const el = await fixture<RtFlashingValue>(html`<rt-flashing-value value="10" locale="en-US"></rt-flashing-value>`);
    await setValue(el, 12);
    expect(el.getAttribute('flash')).to.equal('up');
    expect(el.getAttribute('direction')).to.equal('up');
    expect(arrow(el)).to.equal('▲');
    expect(getComputedStyle(part(el, 'value')!).color).to.equal(cssColor('hsl(154 80% 60%)'));
    const started = performance.now();
    await setValue(el, 11);
    expect(el.getAttribute('flash')).to.equal('down');
    expect(arrow(el)).to.equal('▼');
    expect(getComputedStyle(part(el, 'value')!).color).to.equal(cssColor('hsl(346 80% 62%)'));
    await waitUntil(() => !el.hasAttribute('flash'), 'flash should end', { timeout: 2_000, interval: 10 });
    expect(performance.now() - started).to.be.within(500, 1_200);
    expect(arrow(el)).to.equal('▼'); // the direction stays after the flash
  });

  it('does not flash when the same value is set again', async () => {
    const el = await fixture<RtFlashingValue>(html`<rt-flashing-value value="10" locale="en-US"></rt-flashing-value>`);
    await setValue(el, 10);
    expect(el.hasAttribute('flash')).to.equal(false);
    expect(arrow(el)).to.equal('');
  });

  it('a changed text flashes without an arrow', async () => {
    const el = await fixture<RtFlashingValue>(html`<rt-flashing-value value="open"></rt-flashing-value>`);
    await setValue(el, 'halted');
    expect(text(el)).to.equal('halted');
    expect(el.getAttribute('flash')).to.equal('change');
    expect(arrow(el)).to.equal('');
  });

  it('under prefers-reduced-motion: no flash, but the arrow still shows', async () => {
    RtFlashingValue.prefersReducedMotion = () => true;
    const el = await fixture<RtFlashingValue>(html`<rt-flashing-value value="10" locale="en-US"></rt-flashing-value>`);
    await setValue(el, 9);
    expect(text(el)).to.equal('9');
    expect(el.hasAttribute('flash')).to.equal(false);
    expect(el.getAttribute('direction')).to.equal('down');
    expect(arrow(el)).to.equal('▼');
  });

  it('announces politely, not for every tick', async () => {
    const el = await fixture<RtFlashingValue>(html`<rt-flashing-value value="1" locale="en-US"></rt-flashing-value>`);
    const region = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(region.textContent).to.equal('1');
    expect(part(el, 'base')!.getAttribute('aria-hidden')).to.equal('true');
    await setValue(el, 2);
    await setValue(el, 3);
    await aTimeout(50);
    expect(region.textContent).to.equal('1');
    await waitUntil(() => region.textContent === '3, up', 'throttled announcement', { timeout: 3_000 });
  });

  describe('bound to a channel', () => {
    let clock: FakeClock;
    let factory: FakeTransportFactory;
    let manager: ConnectionManager;

    beforeEach(() => {
      clock = new FakeClock();
      factory = new FakeTransportFactory();
      manager = new ConnectionManager(GATEWAY, { clock, network: new FakeNetwork(), transport: factory.create });
      registerManager(manager);
    });

    const event = (id: string, data: unknown, partial = false) =>
      ({ type: 'event', channel: 'prices.AAPL', id, ts: 1, data, ...(partial ? { partial: true } : {}) });

    it('shows the field, flashes on a real change, not on a refinement with the same value', async () => {
      const el = await fixture<RtFlashingValue>(html`<rt-flashing-value gateway=${GATEWAY} channel="prices.AAPL" field="price" locale="en-US"></rt-flashing-value>`);
      const wire = factory.latest;
      wire.open();
      await flushMicrotasks();
      expect(wire.framesOfType('subscribe')).to.deep.equal([{ type: 'subscribe', channels: ['prices.AAPL'] }]);
      wire.receive(event('0-1', { price: 100 }));
      await el.updateComplete;
      expect(text(el)).to.equal('100');
      expect(el.hasAttribute('flash')).to.equal(false);

      wire.receive(event('0-2', { price: 101 }, true));
      await el.updateComplete;
      expect(el.getAttribute('flash')).to.equal('up');
      await waitUntil(() => !el.hasAttribute('flash'), 'flash should end', { timeout: 2_000 });

      // The full event refines the hint with the same value: nothing to flash.
      wire.receive(event('0-2', { price: 101, volume: 5 }));
      await el.updateComplete;
      expect(text(el)).to.equal('101');
      expect(el.hasAttribute('flash')).to.equal(false);

      // A refinement that corrects the value is a real change.
      wire.receive(event('0-3', { price: 102 }, true));
      await el.updateComplete;
      wire.receive(event('0-3', { price: 99.5 }));
      await el.updateComplete;
      expect(text(el)).to.equal('99.5');
      expect(el.getAttribute('flash')).to.equal('down');
    });

    it('marks the value stale on disconnect and keeps it, fresh again on recovery', async () => {
      const el = await fixture<RtFlashingValue>(html`<rt-flashing-value gateway=${GATEWAY} channel="prices.AAPL" field="price" stale-after="0" locale="en-US"></rt-flashing-value>`);
      factory.latest.open();
      factory.latest.receive(event('0-1', { price: 100 }));
      await el.updateComplete;
      expect(el.hasAttribute('stale')).to.equal(false);
      expect(staleText(el)).to.equal(undefined);

      factory.latest.drop(1006);
      await el.updateComplete;
      expect(el.hasAttribute('stale')).to.equal(true);
      expect(text(el)).to.equal('100');
      expect(staleText(el)).to.equal('(stale)');
      expect(Number(getComputedStyle(el).opacity)).to.be.lessThan(1);

      clock.advance(10_000);
      factory.latest.open();
      factory.latest.receive({ type: 'subscribed', channel: 'prices.AAPL', recovered: true });
      await el.updateComplete;
      expect(el.hasAttribute('stale')).to.equal(false);
      expect(staleText(el)).to.equal(undefined);
    });

    it('marks the value stale after stale-after ms without an event, keeps it, and clears on the next event', async () => {
      const el = await fixture<RtFlashingValue>(html`<rt-flashing-value gateway=${GATEWAY} channel="prices.AAPL" field="price" stale-after="150" locale="en-US"></rt-flashing-value>`);
      factory.latest.open();
      factory.latest.receive(event('0-1', { price: 100 }));
      await el.updateComplete;
      expect(el.stale).to.equal(false);
      await aTimeout(60);
      factory.latest.receive(event('0-2', { price: 100 }));
      await aTimeout(100);
      expect(el.stale).to.equal(false); // the second event restarted the wait
      await waitUntil(() => el.stale, 'quiet channel goes stale', { timeout: 1_000 });
      await el.updateComplete;
      expect(el.hasAttribute('stale')).to.equal(true);
      expect(text(el)).to.equal('100');
      expect(staleText(el)).to.equal('(stale)');

      factory.latest.receive(event('0-3', { price: 100 }));
      await el.updateComplete;
      expect(el.hasAttribute('stale')).to.equal(false);
      expect(el.hasAttribute('flash')).to.equal(false);
    });

    it('stale-after="0" never marks a quiet channel stale', async () => {
      const el = await fixture<RtFlashingValue>(html`<rt-flashing-value gateway=${GATEWAY} channel="prices.AAPL" field="price" stale-after="0"></rt-flashing-value>`);
      factory.latest.open();
      factory.latest.receive(event('0-1', { price: 100 }));
      await aTimeout(100);
      expect(el.stale).to.equal(false);
      el.staleAfter = 50;
      await el.updateComplete;
      // Counted from the last event, which was already more than 50 ms ago.
      expect(el.stale).to.equal(true);
    });
  });
});
