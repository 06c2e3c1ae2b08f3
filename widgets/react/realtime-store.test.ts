/**
 * RealtimeStore's merge rules, driven through a manager on a fake transport: events that land
 * during a fetch are replayed on its result, what the fetch holds is not merged twice, full
 * events behind an overtaking hint are not lost, and errors keep the data.
 */
import { expect } from '@open-wc/testing';
import type { WireEvent } from '../../protocol/index.ts';
import { ConnectionManager } from '../connection/connection-manager.ts';
import { closeAllManagers, registerManager } from '../connection/manager-registry.ts';
import { FakeNetwork, FakeTransportFactory, flushMicrotasks } from '../test-support/fake-transport.ts';
import { afterEach, describe, it } from '../test-support/mocha.ts';
import { nextFrame } from '../test-support/react-root.tsx';
import { RealtimeStore, type LiveEvent, type RealtimeOptions } from './realtime-store.ts';

const URL = 'ws://realtime.test/ws';
const CHANNEL = 'prices.X';
const event = (offset: number, n: number, partial = false): WireEvent & { type: 'event' } =>
  ({ type: 'event', channel: CHANNEL, id: `0-${offset}`, ts: offset, data: { n }, ...(partial ? { partial: true as const } : {}) });
const append = (list: number[] | undefined, e: LiveEvent<{ n: number }>) => [...(list ?? []), e.data.n];

async function setup(fetcher: () => Promise<number[]>, options: Partial<RealtimeOptions<number[], { n: number }>> = {}) {
  const factory = new FakeTransportFactory();
  registerManager(new ConnectionManager(URL, { transport: factory.create, network: new FakeNetwork() }));
  const store = new RealtimeStore<number[], { n: number }>(() => fetcher, () => ({ channel: CHANNEL, gateway: URL, merge: append, ...options }));
  let renders = 0;
  const unsubscribe = store.subscribe(() => { renders++; });
  factory.latest.open();
  await flushMicrotasks();
  return { store, wire: factory.latest, unsubscribe, renders: () => renders };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

describe('RealtimeStore', () => {
  afterEach(() => closeAllManagers());

  it('replays events that arrived during the fetch on its result, skipping those it already holds', async () => {
    const fetch = deferred<number[]>();
    const { store, wire } = await setup(() => fetch.promise, { fetchedId: () => '0-2' });
    for (const [offset, n] of [[1, 10], [2, 20], [3, 30], [4, 40]]) wire.receive(event(offset, n));
    await nextFrame();
    expect(store.getSnapshot().data).to.deep.equal([10, 20, 30, 40]); // live before the fetch lands
    expect(store.getSnapshot().isLoading).to.equal(false);
    fetch.resolve([1, 2]); // the snapshot: everything up to 0-2
    await fetch.promise;
    await nextFrame();
    expect(store.getSnapshot().data).to.deep.equal([1, 2, 30, 40]);
    wire.receive(event(2, 20)); // a duplicate of what the fetch held
    wire.receive(event(5, 50));
    await nextFrame();
    expect(store.getSnapshot().data).to.deep.equal([1, 2, 30, 40, 50]);
  });

  it('merges the full events behind a hint that overtook them', async () => {
    const { store, wire } = await setup(async () => []);
    await nextFrame();
    wire.receive(event(1, 1));
    wire.receive(event(3, 3, true)); // hint of 0-3 arrives before the full 0-2
    wire.receive(event(2, 2));
    wire.receive(event(3, 3)); // the full 0-3 refines the hint
    await nextFrame();
    expect(store.getSnapshot().data).to.deep.equal([1, 2, 3]);
  });

  it('keeps the data when a later fetch or a merge fails, and batches a burst into one notification', async () => {
    let fail = false;
    const { store, wire, renders } = await setup(async () => {
      if (fail) throw new Error('down');
      return [0];
    });
    await nextFrame();
    await nextFrame();
    const before = renders();
    for (let i = 1; i <= 1_000; i++) wire.receive(event(i, i));
    await nextFrame();
    expect(renders() - before).to.equal(1);
    expect(store.getSnapshot().data).to.have.length(1_001);
    fail = true;
    await store.refresh();
    await nextFrame();
    expect((store.getSnapshot().error as Error).message).to.equal('down');
    expect(store.getSnapshot().data).to.have.length(1_001);
  });
});
