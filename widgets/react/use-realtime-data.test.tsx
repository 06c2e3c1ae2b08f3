/**
 * useRealtimeData against a real gateway: the first paint comes from the REST snapshot (fetched
 * through the dev server, /__gateway/api/…) before the socket connects, live events merge into
 * it, every event of a burst is merged, and a failed fetch keeps the data.
 */
import { expect } from '@open-wc/testing';
import type { WireEvent } from '../../protocol/index.ts';
import { ConnectionManager } from '../connection/connection-manager.ts';
import { closeAllManagers, registerManager } from '../connection/manager-registry.ts';
import type { Transport } from '../connection/transport.ts';
import { WebSocketTransport } from '../connection/websocket-transport.ts';
import { allow, cleanGateway, gatewayInfo, publish, uniqueChannel, waitFor } from '../e2e/gateway-control.ts';
import { afterEach, beforeEach, describe, it } from '../test-support/mocha.ts';
import { mount, unmountAll } from '../test-support/react-root.tsx';
import { useRealtimeData, type RealtimeResult } from './use-realtime-data.ts';
import type { LiveEvent } from './realtime-store.ts';

interface Tick { n: number }
type Ticks = { ids: string[]; ns: number[] };

async function fetchSnapshot(channel: string): Promise<Ticks> {
  const response = await fetch(`/__gateway/api/channels/${encodeURIComponent(channel)}/snapshot`);
  if (!response.ok) throw new Error(`snapshot → ${response.status}`);
  const { event } = await response.json() as { event: WireEvent | null };
  return event ? { ids: [event.id], ns: [(event.data as unknown as Tick).n] } : { ids: [], ns: [] };
}

const appendTick = (list: Ticks | undefined, event: LiveEvent<Tick>): Ticks =>
  ({ ids: [...(list?.ids ?? []), event.id], ns: [...(list?.ns ?? []), event.data.n] });

/** Real WebSocket transports whose connect waits until open() is called. */
function gatedTransports() {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => { release = resolve; });
  const factory = (): Transport => {
    const real = new WebSocketTransport();
    const gated: Transport = {
      kind: real.kind,
      onOpen: undefined, onMessage: undefined, onClose: undefined,
      connect(url) {
        real.onOpen = () => gated.onOpen?.();
        real.onMessage = (text) => gated.onMessage?.(text);
        real.onClose = (info) => gated.onClose?.(info);
        void gate.then(() => real.connect(url));
      },
      send: (text) => real.send(text),
      close: (code, reason) => real.close(code, reason),
    };
    return gated;
  };
  return { factory, open: () => release() };
}

describe('useRealtimeData', () => {
  beforeEach(async () => { await cleanGateway(); });
  afterEach(() => {
    unmountAll();
    closeAllManagers();
  });

  it('shows the fetched snapshot before the socket connects, merges live events, keeps its data when a later fetch fails', async function () {
    allow(this, 15_000);
    const { wsUrl } = await gatewayInfo();
    const channel = uniqueChannel('swr');
    const [snapshotId] = await publish({ channel, data: { n: 1 } });
    const gate = gatedTransports();
    const manager = new ConnectionManager(wsUrl, { transport: gate.factory });
    registerManager(manager);
    let failNext = false;
    let result: RealtimeResult<Ticks> | undefined;
    const loading: boolean[] = [];
    function Ticker() {
      result = useRealtimeData<Ticks, Tick>(['ticks', channel], async () => {
        if (failNext) throw new Error('snapshot endpoint down');
        return fetchSnapshot(channel);
      }, { channel, gateway: wsUrl, merge: appendTick, fetchedId: (ticks) => ticks.ids.at(-1) });
      loading.push(result.isLoading);
      return <p>{result.isLoading ? 'loading' : result.data?.ns.join(',')}</p>;
    }
    mount(<Ticker />);
    await waitFor(() => result?.data?.ns.join(','), (text) => text === '1', 'the fetched snapshot');
    expect(loading[0]).to.equal(true);
    expect(loading.at(-1)).to.equal(false);
    expect(manager.state.name).to.equal('connecting'); // painted from the fetch alone
    expect(result?.isLive).to.equal(false);
    expect(result?.data?.ids).to.deep.equal([snapshotId]);

    gate.open();
    await waitFor(() => result?.isLive, (live) => live === true, 'the socket to open');
    await publish({ channel, data: { n: 2 } });
    await publish({ channel, data: { n: 3 } });
    // The subscription's own snapshot (n = 1) is not merged twice.
    await waitFor(() => result?.data?.ns.join(','), (text) => text === '1,2,3', 'live events merged after the snapshot');

    failNext = true;
    await result!.refresh();
    await waitFor(() => result?.error, (error) => error instanceof Error, 'the failed fetch to show as an error');
    expect(result?.data?.ns).to.deep.equal([1, 2, 3]);
    await publish({ channel, data: { n: 4 } });
    await waitFor(() => result?.data?.ns.join(','), (text) => text === '1,2,3,4', 'live events still merged after the failure');
  });

  it('merges every event of a burst of 1,000 in one tick, rendering at most once per animation frame', async function () {
    allow(this, 15_000);
    const { wsUrl } = await gatewayInfo();
    const channel = uniqueChannel('swr-burst');
    await publish({ channel, data: { n: 0 } });
    const frames: number[] = [];
    let result: RealtimeResult<Ticks> | undefined;
    function Ticker() {
      result = useRealtimeData<Ticks, Tick>(['burst', channel], () => fetchSnapshot(channel),
        { channel, gateway: wsUrl, merge: appendTick, fetchedId: (ticks) => ticks.ids.at(-1) });
      frames.push(Number(document.timeline.currentTime));
      return <p>{result.data?.ns.length}</p>;
    }
    mount(<Ticker />);
    await waitFor(() => result?.isLive && result.data?.ns.join(','), (text) => text === '0', 'the snapshot, live');
    frames.length = 0;

    const ids = await publish({ channel, data: { n: 1 }, count: 1_000 });
    await waitFor(() => result?.data?.ns.length, (length) => length === 1_001, 'all 1,000 events merged');
    expect(result?.data?.ns).to.deep.equal(Array.from({ length: 1_001 }, (_, i) => i));
    expect(result?.data?.ids.slice(1)).to.deep.equal(ids);
    expect(frames.length).to.be.greaterThan(0).and.at.most(60);
    expect(new Set(frames).size, `one render per frame (${frames.join(', ')})`).to.equal(frames.length);
  });
});
