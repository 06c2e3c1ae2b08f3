import { expect, fixture, html, waitUntil, aTimeout } from '@open-wc/testing';
import { ConnectionManager } from '../../connection/connection-manager.ts';
import { closeAllManagers, registerManager } from '../../connection/manager-registry.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import { FakeNetwork, FakeTransportFactory, flushMicrotasks } from '../../test-support/fake-transport.ts';
import { afterEach, beforeEach, describe, it } from '../../test-support/mocha.ts';
import { RtAnimatedNumber } from './animated-number.ts';

const GATEWAY = 'ws://gateway.test/ws';
const realReducedMotion = RtAnimatedNumber.prefersReducedMotion;
const realHidden = RtAnimatedNumber.isDocumentHidden;

const part = (el: RtAnimatedNumber, name: string) => el.shadowRoot!.querySelector(`[part="${name}"]`);
const text = (el: RtAnimatedNumber) => part(el, 'value')?.textContent ?? '';
const liveRegion = (el: RtAnimatedNumber) => el.shadowRoot!.querySelector('[role="status"]')!;

async function setValue(el: RtAnimatedNumber, value: number | null): Promise<void> {
  el.value = value;
  await el.updateComplete;
}

describe('<rt-animated-number>', () => {
  beforeEach(() => {
    // Deterministic by default; the tween tests switch motion back on.
    RtAnimatedNumber.prefersReducedMotion = () => true;
    RtAnimatedNumber.isDocumentHidden = () => false;
    // Tweens on every frame the tests wait for, however loaded the machine running them is.
    RtAnimatedNumber.adaptTweenRedraws = false;
  });

  afterEach(() => {
    RtAnimatedNumber.prefersReducedMotion = realReducedMotion;
    RtAnimatedNumber.isDocumentHidden = realHidden;
    RtAnimatedNumber.adaptTweenRedraws = true;
    closeAllManagers();
  });

  it('is defined, and a second copy of the registration script is tolerated', async () => {
    expect(customElements.get('rt-animated-number')).to.equal(RtAnimatedNumber);
    const copy = new URL('./animated-number.ts?copy=2', import.meta.url).href;
    await import(/* @vite-ignore */ copy);
    expect(customElements.get('rt-animated-number')).to.equal(RtAnimatedNumber);
    expect(document.createElement('rt-animated-number')).to.be.instanceOf(RtAnimatedNumber);
  });

  it('shows an initial value at once, without a tween, flash or arrow', async () => {
    RtAnimatedNumber.prefersReducedMotion = () => false;
    const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number value="42" locale="en-US"></rt-animated-number>`);
    expect(text(el)).to.equal('42');
    expect(el.hasAttribute('flash')).to.equal(false);
    expect(part(el, 'arrow')!.textContent).to.equal('');
  });

  it('shows a dash before it has a value', async () => {
    const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number></rt-animated-number>`);
    expect(text(el)).to.equal('—');
  });

  it('formats decimals, currency, percent, compact and locale through Intl', async () => {
    const cases: [ReturnType<typeof html>, string][] = [
      [html`<rt-animated-number value="1234.5" decimals="2" locale="en-US"></rt-animated-number>`, '1,234.50'],
      [html`<rt-animated-number value="1234.5" decimals="0" locale="en-US"></rt-animated-number>`, '1,235'],
      [html`<rt-animated-number value="1234.5" format="currency" currency="USD" locale="en-US"></rt-animated-number>`, '$1,234.50'],
      [html`<rt-animated-number value="1234.5" format="currency" locale="en-US"></rt-animated-number>`, '$1,234.50'],
      [html`<rt-animated-number value="0.256" format="percent" locale="en-US"></rt-animated-number>`, '26%'],
      [html`<rt-animated-number value="0.256" format="percent" decimals="1" locale="en-US"></rt-animated-number>`, '25.6%'],
      [html`<rt-animated-number value="1234567" format="compact" locale="en-US"></rt-animated-number>`, '1.2M'],
      [html`<rt-animated-number value="1234.5" decimals="2" locale="de-DE"></rt-animated-number>`, '1.234,50'],
      [html`<rt-animated-number value="1234.5" format="currency" currency="EUR" locale="de-DE"></rt-animated-number>`,
        new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(1234.5)],
    ];
    for (const [template, expected] of cases) {
      const el = await fixture<RtAnimatedNumber>(template);
      expect(text(el)).to.equal(expected);
    }
  });

  it('follows the nearest lang attribute when no locale is given', async () => {
    const wrapper = await fixture(html`<div lang="de-DE"><rt-animated-number value="1234.5" decimals="1"></rt-animated-number></div>`);
    const el = wrapper.querySelector('rt-animated-number')!;
    await el.updateComplete;
    expect(text(el)).to.equal('1.234,5');
  });

  it('falls back to plain decimals on a bad currency code instead of breaking', async () => {
    const warn = console.warn;
    console.warn = () => {};
    try {
      const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number value="5" format="currency" currency="NOT-A-CODE" locale="en-US"></rt-animated-number>`);
      expect(text(el)).to.equal('5');
    } finally {
      console.warn = warn;
    }
  });

  it('reformats when a format attribute changes', async () => {
    const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number value="1500" locale="en-US"></rt-animated-number>`);
    expect(text(el)).to.equal('1,500');
    el.format = 'compact';
    await el.updateComplete;
    expect(text(el)).to.equal('1.5K');
    expect(el.hasAttribute('flash')).to.equal(false);
  });

  it('shows before/after text in their parts, and exposes value and arrow parts', async () => {
    const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number value="7" before="≈ " after=" rps" locale="en-US"></rt-animated-number>`);
    expect(part(el, 'before')!.textContent).to.equal('≈ ');
    expect(part(el, 'after')!.textContent).to.equal(' rps');
    expect(part(el, 'arrow')).to.not.equal(null);
    expect(typeof el.before).to.equal('function'); // Element.before() is left alone
  });

  it('shows ▲ for a rise and ▼ for a fall, with the flash, and not for an unchanged value', async () => {
    const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number value="10" locale="en-US"></rt-animated-number>`);
    await setValue(el, 12);
    expect(part(el, 'arrow')!.textContent).to.equal('▲');
    expect(el.getAttribute('direction')).to.equal('up');
    expect(el.getAttribute('flash')).to.equal('up');
    await setValue(el, 11);
    expect(part(el, 'arrow')!.textContent).to.equal('▼');
    expect(el.getAttribute('direction')).to.equal('down');
    expect(el.getAttribute('flash')).to.equal('down');
    await waitUntil(() => !el.hasAttribute('flash'), 'flash should end', { timeout: 2_000 });
    await setValue(el, 11);
    expect(el.hasAttribute('flash')).to.equal(false);
    expect(part(el, 'arrow')!.textContent).to.equal('▼');
  });

  it('colours the flash with the theme: up and down differ', async () => {
    const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number value="10"></rt-animated-number>`);
    await setValue(el, 11);
    const up = getComputedStyle(part(el, 'value')!).color;
    await setValue(el, 9);
    const down = getComputedStyle(part(el, 'value')!).color;
    const probe = document.createElement('span');
    document.body.append(probe);
    probe.style.color = 'hsl(154 80% 60%)';
    const positive = getComputedStyle(probe).color;
    probe.style.color = 'hsl(346 80% 62%)';
    const negative = getComputedStyle(probe).color;
    probe.remove();
    expect(up).to.equal(positive);
    expect(down).to.equal(negative);
  });

  it('flashes the text before and after with the number', async () => {
    const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number value="10" before="≈ " after="%"></rt-animated-number>`);
    await setValue(el, 11);
    const colour = (name: string) => getComputedStyle(part(el, name)!).color;
    expect(colour('before')).to.equal(colour('value'));
    expect(colour('after')).to.equal(colour('value'));
    await setValue(el, 9);
    expect(colour('after')).to.equal(colour('value'));
    expect(colour('after')).to.not.equal(getComputedStyle(el).color);
  });

  it('jumps straight to the value under prefers-reduced-motion', async () => {
    RtAnimatedNumber.prefersReducedMotion = () => true;
    const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number value="100" locale="en-US"></rt-animated-number>`);
    await setValue(el, 200);
    expect(text(el)).to.equal('200');
  });

  it('skips the tween while the document is hidden', async () => {
    RtAnimatedNumber.prefersReducedMotion = () => false;
    RtAnimatedNumber.isDocumentHidden = () => true;
    const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number value="100" locale="en-US"></rt-animated-number>`);
    await setValue(el, 200);
    expect(text(el)).to.equal('200');
  });

  it('tweens over about 500 ms and lands exactly on the final value', async () => {
    RtAnimatedNumber.prefersReducedMotion = () => false;
    const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number value="100" decimals="2" locale="en-US"></rt-animated-number>`);
    const started = performance.now();
    await setValue(el, 200);
    expect(text(el)).to.equal('100.00');
    const seen = new Set<string>();
    await waitUntil(() => {
      seen.add(text(el));
      return text(el) === '200.00';
    }, 'tween should reach the final value', { timeout: 2_000, interval: 16 });
    const took = performance.now() - started;
    expect(took).to.be.within(350, 1_500);
    expect([...seen].some((t) => t !== '100.00' && t !== '200.00')).to.equal(true);
  });

  it('keeps the width steady during a tween when no decimals are set', async () => {
    RtAnimatedNumber.prefersReducedMotion = () => false;
    const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number value="100" locale="en-US"></rt-animated-number>`);
    await setValue(el, 200);
    const seen = new Set<string>();
    await waitUntil(() => {
      seen.add(text(el));
      return text(el) === '200';
    }, 'tween should end', { timeout: 2_000, interval: 16 });
    for (const t of seen) expect(t).to.match(/^\d{3}$/);
  });

  it('announces politely and at most every 2 s, ending on the latest value', async () => {
    const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number value="1" format="currency" currency="USD" locale="en-US"></rt-animated-number>`);
    const region = liveRegion(el);
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(region.textContent).to.equal('$1.00');
    expect(part(el, 'base')!.getAttribute('aria-hidden')).to.equal('true');
    await setValue(el, 2);
    await setValue(el, 3);
    await aTimeout(100);
    expect(region.textContent).to.equal('$1.00');
    await waitUntil(() => region.textContent === '$3.00, up', 'throttled announcement', { timeout: 3_000 });
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

    it('subscribes when connected, shows the field, marks stale on disconnect, gives the channel back on removal', async () => {
      const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number gateway=${GATEWAY} channel="prices.AAPL" field="price" format="currency" currency="USD" locale="en-US"></rt-animated-number>`);
      expect(factory.made).to.have.length(1);
      const wire = factory.latest;
      wire.open();
      await flushMicrotasks();
      expect(wire.framesOfType('subscribe')).to.deep.equal([{ type: 'subscribe', channels: ['prices.AAPL'] }]);

      wire.receive(event('0-1', { price: 101.25 }));
      await el.updateComplete;
      expect(text(el)).to.equal('$101.25');

      wire.receive(event('0-2', { price: 102 }));
      await el.updateComplete;
      expect(text(el)).to.equal('$102.00');
      expect(el.getAttribute('direction')).to.equal('up');

      wire.drop(1006);
      await el.updateComplete;
      expect(el.hasAttribute('stale')).to.equal(true);
      expect(text(el)).to.equal('$102.00');

      clock.advance(10_000);
      factory.latest.open();
      factory.latest.receive({ type: 'subscribed', channel: 'prices.AAPL', recovered: true });
      await el.updateComplete;
      expect(el.hasAttribute('stale')).to.equal(false);
      expect(factory.latest.framesOfType('resume')).to.deep.equal([{ type: 'resume', positions: { 'prices.AAPL': '0-2' } }]);

      el.remove();
      clock.advance(1_000);
      expect(factory.latest.framesOfType('unsubscribe')).to.deep.equal([{ type: 'unsubscribe', channels: ['prices.AAPL'] }]);
    });

    it('goes stale after stale-after ms without an event, keeping the value, with a "(stale)" text', async () => {
      const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number gateway=${GATEWAY} channel="prices.AAPL" field="price" stale-after="100" locale="en-US"></rt-animated-number>`);
      factory.latest.open();
      factory.latest.receive(event('0-1', { price: 7 }));
      await el.updateComplete;
      expect(el.hasAttribute('stale')).to.equal(false);
      expect(el.shadowRoot!.querySelector('.stale-mark')).to.equal(null);
      await waitUntil(() => el.hasAttribute('stale'), 'quiet channel goes stale', { timeout: 1_000 });
      await el.updateComplete;
      expect(text(el)).to.equal('7');
      expect(el.shadowRoot!.querySelector('.stale-mark')!.textContent!.trim()).to.equal('(stale)');
      factory.latest.receive(event('0-2', { price: 8 }));
      await el.updateComplete;
      expect(el.hasAttribute('stale')).to.equal(false);
      expect(text(el)).to.equal('8');
    });

    it('defaults to 30 s before a quiet channel counts as stale; stale-after="0" never', async () => {
      const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number gateway=${GATEWAY} channel="prices.AAPL" field="price"></rt-animated-number>`);
      expect(el.staleAfter).to.equal(30_000);
      el.staleAfter = 0;
      factory.latest.open();
      factory.latest.receive(event('0-1', { price: 7 }));
      await aTimeout(50);
      expect(el.hasAttribute('stale')).to.equal(false);
    });

    it('two elements on one channel share one wire subscription', async () => {
      const wrapper = await fixture(html`<div>
        <rt-animated-number gateway=${GATEWAY} channel="prices.AAPL" field="price"></rt-animated-number>
        <rt-animated-number gateway=${GATEWAY} channel="prices.AAPL" field="price"></rt-animated-number>
      </div>`);
      factory.latest.open();
      await flushMicrotasks();
      expect(factory.made).to.have.length(1);
      expect(factory.latest.framesOfType('subscribe')).to.have.length(1);
      factory.latest.receive(event('0-1', { price: 5 }));
      const elements = [...wrapper.querySelectorAll('rt-animated-number')];
      await Promise.all(elements.map((el) => el.updateComplete));
      expect(elements.map(text)).to.deep.equal(['5', '5']);
    });

    it('keeps the last value when a partial hint lacks the field', async () => {
      const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number gateway=${GATEWAY} channel="prices.AAPL" field="quote.bid"></rt-animated-number>`);
      factory.latest.open();
      factory.latest.receive(event('0-1', { quote: { bid: 9.5 } }));
      factory.latest.receive(event('0-2', { last: 10 }, true));
      await el.updateComplete;
      expect(text(el)).to.equal('9.5');
      factory.latest.receive(event('0-2', { quote: { bid: 9.75 } }));
      await el.updateComplete;
      expect(text(el)).to.equal('9.75');
    });

    it('switching channel starts over without a flash', async () => {
      const el = await fixture<RtAnimatedNumber>(html`<rt-animated-number gateway=${GATEWAY} channel="prices.AAPL" field="price"></rt-animated-number>`);
      factory.latest.open();
      factory.latest.receive(event('0-1', { price: 5 }));
      await el.updateComplete;
      el.channel = 'prices.MSFT';
      await el.updateComplete;
      expect(text(el)).to.equal('—');
      factory.latest.receive({ type: 'event', channel: 'prices.MSFT', id: '0-1', ts: 1, data: { price: 300 } });
      await el.updateComplete;
      expect(text(el)).to.equal('300');
      expect(el.hasAttribute('flash')).to.equal(false);
    });
  });
});
