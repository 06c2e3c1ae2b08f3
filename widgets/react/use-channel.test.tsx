/**
 * useChannel against a real gateway (test/support/wtr-gateway-plugin.mjs): consumers share
 * the page's one socket and one wire subscription per channel, StrictMode's double effects
 * cost nothing, and a burst re-renders each consumer at most once per animation frame.
 */
import { expect } from '@open-wc/testing';
import { closeAllManagers } from '../connection/manager-registry.ts';
import { allow, cleanGateway, countWebSockets, gatewayInfo, publish, uniqueChannel, waitFor } from '../e2e/gateway-control.ts';
import { afterEach, beforeEach, describe, it } from '../test-support/mocha.ts';
import { mount, unmountAll } from '../test-support/react-root.tsx';
import { useChannel } from './use-channel.ts';

interface Price { price: number }

function Price({ channel, gateway, onRender }: { channel: string; gateway: string; onRender?: (price: number | undefined) => void }) {
  const { value, stale } = useChannel<Price, number>(channel, { gateway, select: (data) => data.price });
  onRender?.(value);
  return <span data-channel={channel} data-stale={String(stale)}>{value ?? '–'}</span>;
}

describe('useChannel', () => {
  let sockets: ReturnType<typeof countWebSockets>;

  beforeEach(async () => {
    await cleanGateway();
    sockets = countWebSockets();
  });

  afterEach(() => {
    unmountAll();
    sockets.restore();
    closeAllManagers();
  });

  it('50 consumers on 5 channels open one socket and 5 wire subscriptions; unmounting all releases every one', async function () {
    allow(this, 15_000);
    const { wsUrl } = await gatewayInfo();
    const channels = Array.from({ length: 5 }, (_, i) => uniqueChannel(`fifty-${i}`));
    for (const [i, channel] of channels.entries()) await publish({ channel, data: { price: 100 + i } });
    const view = mount(<div>{Array.from({ length: 50 }, (_, i) => <Price key={i} channel={channels[i % 5]} gateway={wsUrl} />)}</div>);

    const shown = () => [...view.container.querySelectorAll('span')].map((span) => span.textContent);
    await waitFor(shown, (texts) => texts.length === 50 && texts.every((text, i) => text === String(100 + (i % 5))), 'every consumer to show its snapshot');
    const info = await waitFor(gatewayInfo, (i) => Object.keys(i.subscriptions).length === 5, 'five wire subscriptions');
    expect(sockets.urls).to.deep.equal([wsUrl]);
    expect(info.connections).to.equal(1);
    expect(info.subscriptions).to.deep.equal(Object.fromEntries(channels.map((channel) => [channel, 1])));

    await publish({ channel: channels[2], data: { price: 222 } });
    await waitFor(shown, (texts) => texts.filter((text) => text === '222').length === 10, 'the ten consumers of one channel to update');

    view.unmount();
    const after = await waitFor(gatewayInfo, (i) => Object.keys(i.subscriptions).length === 0, 'every wire subscription released after the linger', { timeoutMs: 5_000 });
    expect(after.hubChannels).to.be.at.most(channels.length); // the hub lingers briefly on its own
    expect(sockets.urls).to.have.length(1);
  });

  it('StrictMode: mount, unmount and mount again leaves exactly one socket and the right subscription counts', async function () {
    allow(this, 15_000);
    const { wsUrl } = await gatewayInfo();
    const [a, b] = [uniqueChannel('strict-a'), uniqueChannel('strict-b')];
    await publish({ channel: a, data: { price: 1 } });
    await publish({ channel: b, data: { price: 2 } });
    const tree = <div><Price channel={a} gateway={wsUrl} /><Price channel={a} gateway={wsUrl} /><Price channel={b} gateway={wsUrl} /></div>;
    const first = mount(tree, { strict: true });
    await waitFor(gatewayInfo, (i) => i.subscriptions[a] === 1 && i.subscriptions[b] === 1, 'a and b subscribed');
    first.unmount();
    const second = mount(tree, { strict: true });
    const shown = () => [...second.container.querySelectorAll('span')].map((span) => span.textContent).join(',');
    await waitFor(shown, (text) => text === '1,1,2', 'the remounted consumers to show their values');
    // Give any leaked subscription or second socket time to show up.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const info = await gatewayInfo();
    expect(sockets.urls).to.deep.equal([wsUrl]);
    expect(info.connections).to.equal(1);
    expect(info.subscriptions).to.deep.equal({ [a]: 1, [b]: 1 });
    second.unmount();
    await waitFor(gatewayInfo, (i) => !(a in i.subscriptions) && !(b in i.subscriptions), 'both released after the last unmount', { timeoutMs: 5_000 });
  });

  it('a burst of 1,000 events in one tick renders each consumer at most once per animation frame, ending on the last value', async function () {
    allow(this, 15_000);
    const { wsUrl } = await gatewayInfo();
    const channel = uniqueChannel('burst');
    await publish({ channel, data: { price: 0 } });
    const frames: number[][] = [[], [], []];
    const renderedIn = (consumer: number) => () => frames[consumer].push(Number(document.timeline.currentTime));
    const view = mount(<div>{[0, 1, 2].map((i) => <Price key={i} channel={channel} gateway={wsUrl} onRender={renderedIn(i)} />)}</div>);
    const shown = () => [...view.container.querySelectorAll('span')].map((span) => span.textContent).join(',');
    await waitFor(shown, (text) => text === '0,0,0', 'the snapshot');
    for (const list of frames) list.length = 0;

    await publish({ channel, data: { price: 1 }, count: 1_000 }); // prices 1 … 1000, one batch
    await waitFor(shown, (text) => text === '1000,1000,1000', 'the last price of the burst');
    for (const [consumer, list] of frames.entries()) {
      expect(list.length, `consumer ${consumer} renders`).to.be.greaterThan(0).and.at.most(60);
      expect(new Set(list).size, `consumer ${consumer}: one render per frame (${list.join(', ')})`).to.equal(list.length);
    }
  });
});
