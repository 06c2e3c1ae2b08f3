/**
 * ChannelStore's render rules, through a manager on a fake transport: React hears about a
 * change only when the selected value or the staleness changed, once per animation frame.
 */
import { expect } from '@open-wc/testing';
import type { WireEvent } from '../../protocol/index.ts';
import { ConnectionManager } from '../connection/connection-manager.ts';
import { closeAllManagers, registerManager } from '../connection/manager-registry.ts';
import { FakeNetwork, FakeTransportFactory, flushMicrotasks } from '../test-support/fake-transport.ts';
import { afterEach, describe, it } from '../test-support/mocha.ts';
import { nextFrame } from '../test-support/react-root.tsx';
import { ChannelStore, type ChannelSelection } from './channel-store.ts';

const URL = 'ws://channel-store.test/ws';
const CHANNEL = 'prices.Y';
interface Quote { price: number; volume: number }
const event = (offset: number, data: Quote, partial = false): WireEvent & { type: 'event' } =>
  ({ type: 'event', channel: CHANNEL, id: `0-${offset}`, ts: offset, data: { ...data }, ...(partial ? { partial: true as const } : {}) });

async function setup<S>(selection: ChannelSelection<Quote, S>) {
  const factory = new FakeTransportFactory();
  registerManager(new ConnectionManager(URL, { transport: factory.create, network: new FakeNetwork() }));
  const store = new ChannelStore<Quote, S>(CHANNEL, URL, () => selection);
  let notified = 0;
  const unsubscribe = store.subscribe(() => { notified++; });
  factory.latest.open();
  await flushMicrotasks();
  return { store, wire: factory.latest, unsubscribe, notified: () => notified };
}

describe('ChannelStore', () => {
  afterEach(() => closeAllManagers());

  it('notifies only when the selected value changes, once per frame, keeping the id of the event that changed it', async () => {
    const { store, wire, notified } = await setup<number>({ select: (quote) => quote.price });
    wire.receive(event(1, { price: 10, volume: 1 }));
    wire.receive(event(2, { price: 10, volume: 2 })); // same price: nothing to render
    await nextFrame();
    expect(notified()).to.equal(1);
    expect(store.getSnapshot()).to.include({ value: 10, id: '0-1', stale: false });
    wire.receive(event(3, { price: 11, volume: 3 }, true)); // hint
    wire.receive(event(3, { price: 11, volume: 3 })); // its refinement, same price
    wire.receive(event(4, { price: 12, volume: 4 }));
    await nextFrame();
    expect(notified()).to.equal(2);
    expect(store.getSnapshot()).to.include({ value: 12, id: '0-4', partial: false });
    await nextFrame();
    expect(notified()).to.equal(2);
  });

  it('notifies when the data turns stale (the link dropped) even though the value stayed', async () => {
    const { store, wire, notified } = await setup<number>({ select: (quote) => quote.price });
    wire.receive(event(1, { price: 10, volume: 1 }));
    await nextFrame();
    wire.drop(1006);
    await nextFrame();
    expect(notified()).to.equal(2);
    expect(store.getSnapshot()).to.include({ value: 10, stale: true });
  });

  it('compares selected objects with isEqual', async () => {
    const { store, wire, notified } = await setup<{ price: number }>({
      select: (quote) => ({ price: quote.price }),
      isEqual: (a, b) => a.price === b.price,
    });
    wire.receive(event(1, { price: 10, volume: 1 }));
    await nextFrame();
    const first = store.getSnapshot().value;
    wire.receive(event(2, { price: 10, volume: 9 }));
    await nextFrame();
    expect(notified()).to.equal(1);
    expect(store.getSnapshot().value).to.equal(first);
  });
});
