import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { Signal, SignalWatcher } from '@lit-labs/signals';
import { LitElement, html } from 'lit';
import { ConnectionManager } from './connection-manager.ts';
import { channelSignal, type ChannelSnapshot } from './signals.ts';
import { FakeClock } from '../test-support/fake-clock.ts';
import { FakeNetwork, FakeTransportFactory, flushMicrotasks } from '../test-support/fake-transport.ts';
import { afterEach, describe, it } from '../test-support/mocha.ts';

let current: ConnectionManager | undefined;

function setup() {
  const clock = new FakeClock();
  const factory = new FakeTransportFactory();
  const manager = new ConnectionManager('ws://gateway.test/ws', { clock, network: new FakeNetwork(), transport: factory.create });
  current = manager;
  return { manager, clock, factory };
}

const event = (id: string, data: number) => ({ type: 'event', channel: 'prices.AAPL', id, ts: 1, data }) as const;

/** Watches signals the way SignalWatcher does, without an element. */
function watch(...signals: Signal.Computed<unknown>[]) {
  const watcher = new Signal.subtle.Watcher(() => {});
  watcher.watch(...signals);
  return () => watcher.unwatch(...signals);
}

class PriceProbe extends SignalWatcher(LitElement) {
  price = channelSignal(current!, 'prices.AAPL');
  override render() {
    return html`${this.price.data.get() ?? '—'}${this.price.stale.get() ? ' stale' : ''}`;
  }
}
customElements.define('rt-test-price-probe', PriceProbe);

describe('channelSignal', () => {
  afterEach(() => {
    current?.close();
    current = undefined;
  });

  it('subscribes on the first watcher and follows value, id and stale', async () => {
    const { manager, factory } = setup();
    const price = channelSignal(manager, 'prices.AAPL');
    expect(price.subscribed).to.equal(false);
    expect(factory.made).to.have.length(0);
    const unwatch = watch(price.data as Signal.Computed<unknown>, price.stale as Signal.Computed<unknown>);
    price.data.get();
    expect(price.subscribed).to.equal(true);
    factory.latest.open();
    factory.latest.receive(event('0-1', 10));
    expect([price.data.get(), price.id.get(), price.stale.get()]).to.deep.equal([10, '0-1', false]);
    factory.latest.drop(1006);
    expect([price.data.get(), price.stale.get()]).to.deep.equal([10, true]);
    expect(price.value.get()).to.include({ channel: 'prices.AAPL', data: 10, stale: true });
    unwatch();
    expect(price.subscribed).to.equal(false);
    await flushMicrotasks();
  });

  it('releases the channel when the last watcher leaves, and for good on dispose', () => {
    const { manager, clock, factory } = setup();
    const price = channelSignal(manager, 'prices.AAPL');
    const unwatch = watch(price.data as Signal.Computed<unknown>);
    price.data.get();
    factory.latest.open();
    price.dispose();
    expect(price.subscribed).to.equal(false);
    clock.advance(1_000);
    expect(factory.latest.framesOfType('unsubscribe')).to.deep.equal([{ type: 'unsubscribe', channels: ['prices.AAPL'] }]);
    expect(manager.state.name).to.equal('idle');
    // A watcher that is still around (forgotten, or leaked by the signal library) cannot revive it.
    price.data.get();
    expect(price.subscribed).to.equal(false);
    unwatch();
    const again = watch(price.stale as Signal.Computed<unknown>);
    price.stale.get();
    expect(price.subscribed).to.equal(false);
    again();
  });

  it('offers a listener API with the same lifetime for code without signals', () => {
    const { manager, factory } = setup();
    const price = channelSignal(manager, 'prices.AAPL');
    const seen: ChannelSnapshot[] = [];
    const off = price.subscribe((snapshot) => seen.push(snapshot));
    expect(price.subscribed).to.equal(true);
    factory.latest.open();
    factory.latest.receive(event('0-1', 1));
    factory.latest.receive(event('0-2', 2));
    expect(seen.map((s) => s.data)).to.deep.equal([undefined, 1, 2]);
    expect(price.get().data).to.equal(2);
    off();
    off();
    expect(price.subscribed).to.equal(false);
  });

  it('catches up with what the manager already held when it starts watching', async () => {
    const { manager, factory } = setup();
    const off = manager.subscribe('prices.AAPL', () => {});
    factory.latest.open();
    const price = channelSignal(manager, 'prices.AAPL');
    factory.latest.receive(event('0-5', 5));
    expect(price.get().data).to.equal(5); // an untracked read refreshes
    factory.latest.receive(event('0-6', 6));
    const unwatch = watch(price.data as Signal.Computed<unknown>);
    price.data.get();
    await flushMicrotasks();
    expect(price.data.get()).to.equal(6);
    unwatch();
    off();
  });

  it('drives a SignalWatcher element, which lets go when removed and for good when disposed', async () => {
    const { factory } = setup();
    const probe = await fixture<PriceProbe>(testHtml`<rt-test-price-probe></rt-test-price-probe>`);
    expect(probe.price.subscribed).to.equal(true);
    factory.latest.open();
    factory.latest.receive(event('0-1', 42));
    await probe.updateComplete;
    await flushMicrotasks();
    expect(probe.shadowRoot!.textContent).to.include('42');
    factory.latest.drop(1006);
    await flushMicrotasks();
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.include('42 stale');
    probe.remove();
    await flushMicrotasks();
    expect(probe.price.subscribed).to.equal(false); // SignalWatcher unwatched on disconnect
    document.body.append(probe);
    await probe.updateComplete;
    expect(probe.price.subscribed).to.equal(true);
    probe.price.dispose();
    expect(probe.price.subscribed).to.equal(false);
    probe.remove();
  });
});
