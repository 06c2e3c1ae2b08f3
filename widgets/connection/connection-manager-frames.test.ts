/** The manager's raw-frame surface (onFrame, send), used by rtdash/react's useWebSocket. */
import { expect } from '@open-wc/testing';
import type { ServerFrame } from '../../protocol/index.ts';
import { ConnectionManager } from './connection-manager.ts';
import { FakeClock } from '../test-support/fake-clock.ts';
import { FakeNetwork, FakeTransportFactory, flushMicrotasks } from '../test-support/fake-transport.ts';
import { describe, it } from '../test-support/mocha.ts';

function setup() {
  const factory = new FakeTransportFactory();
  const manager = new ConnectionManager('ws://gateway.test/ws', { clock: new FakeClock(), network: new FakeNetwork(), transport: factory.create });
  return { manager, factory };
}

describe('ConnectionManager raw frames', () => {
  it('onFrame hears every valid frame after the channel state took it, and stops when asked', async () => {
    const { manager, factory } = setup();
    const seen: { type: string; data: unknown }[] = [];
    const stop = manager.onFrame((frame: ServerFrame) => seen.push({ type: frame.type, data: manager.channel('prices.A')?.data }));
    manager.subscribe('prices.A', () => {});
    factory.latest.open();
    await flushMicrotasks();
    factory.latest.receive({ type: 'event', channel: 'prices.A', id: '0-1', ts: 1, data: { price: 1 } });
    factory.latest.receiveText('not json');
    factory.latest.receive({ type: 'heartbeat', ts: 1, interval: 25_000 });
    expect(seen).to.deep.equal([{ type: 'event', data: { price: 1 } }, { type: 'heartbeat', data: { price: 1 } }]);
    stop();
    factory.latest.receive({ type: 'event', channel: 'prices.A', id: '0-2', ts: 2, data: { price: 2 } });
    expect(seen).to.have.length(2);
    manager.close();
  });

  it('a throwing frame listener does not stop the others or the manager', async () => {
    const { manager, factory } = setup();
    const seen: string[] = [];
    const original = console.error;
    console.error = () => {};
    try {
      manager.onFrame(() => { throw new Error('broken'); });
      manager.onFrame((frame) => seen.push(frame.type));
      manager.subscribe('prices.A', () => {});
      factory.latest.open();
      await flushMicrotasks();
      factory.latest.receive({ type: 'event', channel: 'prices.A', id: '0-1', ts: 1, data: 1 });
    } finally {
      console.error = original;
    }
    expect(seen).to.deep.equal(['event']);
    expect(manager.channel('prices.A')?.data).to.equal(1);
    manager.close();
  });

  it('send() delivers a ping only while open, and refuses frames the registry tracks', async () => {
    const { manager, factory } = setup();
    expect(manager.send({ type: 'ping', ts: 5 })).to.equal(false);
    manager.subscribe('prices.A', () => {});
    expect(manager.send({ type: 'ping', ts: 5 })).to.equal(false); // connecting
    factory.latest.open();
    await flushMicrotasks();
    expect(manager.send({ type: 'ping', ts: 5 })).to.equal(true);
    expect(factory.latest.framesOfType('ping').some((frame) => frame.ts === 5)).to.equal(true);
    expect(() => manager.send({ type: 'subscribe', channels: ['prices.B'] })).to.throw(TypeError, /subscribe\(\)/);
    expect(factory.latest.framesOfType('subscribe').flatMap((frame) => frame.channels)).to.deep.equal(['prices.A']);
    manager.close();
  });
});
