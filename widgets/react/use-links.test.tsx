/**
 * useWebSocket, useSSE and useConnectionStatus against a real gateway: they ride the page's
 * shared manager (one socket with the elements), hear every frame, send pings, give up after
 * their reconnect limit, and useSSE streams over /api/stream.
 */
import { expect } from '@open-wc/testing';
import type { ServerFrame } from '../../protocol/index.ts';
import { closeAllManagers } from '../connection/manager-registry.ts';
import { allow, cleanGateway, countWebSockets, gatewayInfo, publish, startGateway, stopGateway, uniqueChannel, waitFor } from '../e2e/gateway-control.ts';
import { afterEach, beforeEach, describe, it } from '../test-support/mocha.ts';
import { mount, unmountAll } from '../test-support/react-root.tsx';
import { useConnectionStatus } from './use-connection-status.ts';
import { useSSE, type SSEResult } from './use-sse.ts';
import { useWebSocket, type WebSocketResult } from './use-websocket.ts';
import { RtAnimatedNumber } from './wrappers.ts';

describe('useWebSocket, useSSE, useConnectionStatus', () => {
  let sockets: ReturnType<typeof countWebSockets>;
  beforeEach(async () => {
    await cleanGateway();
    sockets = countWebSockets();
  });
  afterEach(async () => {
    unmountAll();
    sockets.restore();
    closeAllManagers();
    await startGateway();
  });

  it('useWebSocket shares the socket with elements and useConnectionStatus, hears every frame, sends a ping', async function () {
    allow(this, 10_000);
    const { wsUrl } = await gatewayInfo();
    const channel = uniqueChannel('ws-hook');
    await publish({ channel, data: { price: 5 } });
    const frames: ServerFrame[] = [];
    let socket: WebSocketResult | undefined;
    let statusName = '';
    function Page() {
      socket = useWebSocket({ url: wsUrl, channels: [channel], onMessage: (frame) => frames.push(frame) });
      statusName = useConnectionStatus({ gateway: wsUrl }).state.name;
      return <RtAnimatedNumber channel={channel} field="price" gateway={wsUrl} />;
    }
    mount(<Page />);
    await waitFor(() => socket?.isConnected && statusName, (name) => name === 'open', 'open, as seen by both hooks');
    await publish({ channel, data: { price: 6 }, count: 3 });
    await waitFor(() => frames.flatMap((f) => f.type === 'event' ? [f] : f.type === 'batch' ? f.events : []).map((e) => (e.data as { price: number }).price),
      (prices) => [6, 7, 8].every((p) => prices.includes(p)), 'onMessage with every event');
    await waitFor(() => socket?.lastMessage?.type, (type) => type === 'event' || type === 'batch', 'lastMessage');
    expect(socket!.send({ type: 'ping', ts: 42 })).to.equal(true);
    await waitFor(() => frames.some((f) => f.type === 'pong' && f.ts === 42), (seen) => seen, 'the pong of our ping');
    const info = await gatewayInfo();
    expect(sockets.urls).to.deep.equal([wsUrl]);
    expect(info.subscriptions).to.deep.equal({ [channel]: 1 });
  });

  it('useWebSocket gives up after reconnectAttempts and lets go of its channels', async function () {
    allow(this, 15_000);
    const { wsUrl } = await gatewayInfo();
    const channel = uniqueChannel('ws-give-up');
    let socket: WebSocketResult | undefined;
    const stops: number[] = [];
    function Page() {
      socket = useWebSocket({ url: wsUrl, channels: [channel], share: false, reconnectAttempts: 2, reconnectInterval: 50, onReconnectStop: (n) => stops.push(n) });
      return null;
    }
    mount(<Page />);
    await waitFor(() => socket?.status, (status) => status === 'open', 'open');
    await stopGateway();
    await waitFor(() => socket?.status, (status) => status === 'closed', 'closed after two failed attempts');
    expect(stops).to.deep.equal([2]);
    expect(sockets.urls.length).to.equal(3); // the first link and two attempts
  });

  it('useWebSocket share: false in StrictMode: one socket of its own, send() subscribes, closed after unmount', async function () {
    allow(this, 15_000);
    const { wsUrl } = await gatewayInfo();
    const [a, b] = [uniqueChannel('own-a'), uniqueChannel('own-b')];
    let socket: WebSocketResult | undefined;
    function Page() {
      socket = useWebSocket({ url: wsUrl, channels: [a], share: false });
      return null;
    }
    const view = mount(<Page />, { strict: true });
    await waitFor(() => socket?.status, (status) => status === 'open', 'open');
    expect(socket!.send({ type: 'subscribe', channels: [b] })).to.equal(true);
    const info = await waitFor(gatewayInfo, (i) => i.subscriptions[a] === 1 && i.subscriptions[b] === 1, 'a and b on the wire');
    expect(info.connections).to.equal(1);
    expect(sockets.urls).to.deep.equal([wsUrl]);
    view.unmount();
    await waitFor(gatewayInfo, (i) => i.connections === 0, 'its own connection closed after the unmount', { timeoutMs: 5_000 });
  });

  it('useSSE streams the channel over /api/stream; close() lets go', async function () {
    allow(this, 10_000);
    const { wsUrl } = await gatewayInfo();
    const channel = uniqueChannel('sse-hook');
    await publish({ channel, data: { price: 1 } });
    let sse: SSEResult<{ price: number }> | undefined;
    function Page() {
      sse = useSSE<{ price: number }>({ url: wsUrl, channels: [channel] });
      return <p>{sse.data?.price}</p>;
    }
    mount(<Page />);
    await waitFor(() => sse?.data?.price, (price) => price === 1, 'the snapshot over SSE');
    expect(sse?.isConnected).to.equal(true);
    await publish({ channel, data: { price: 2 } });
    await waitFor(() => sse?.data?.price, (price) => price === 2, 'a live event over SSE');
    expect(sockets.urls).to.deep.equal([]); // no WebSocket at all
    await waitFor(gatewayInfo, (i) => i.subscriptions[channel] === 1, 'one stream subscribed');
    sse!.close();
    await waitFor(() => sse?.status, (status) => status === 'closed', 'closed');
    await waitFor(gatewayInfo, (i) => !(channel in i.subscriptions), 'the stream gone after close()', { timeoutMs: 5_000 });
  });
});
