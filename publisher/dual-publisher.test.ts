import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Notice, NoticeBus } from '../protocol/index.ts';
import { DualPublisher, PublishError } from './dual-publisher.ts';
import { EmbeddedBus } from './embedded/embedded-bus.ts';
import { EmbeddedLog } from './embedded/embedded-log.ts';

function listen(bus: NoticeBus, channel: string): Notice[] {
  const notices: Notice[] = [];
  void bus.subscribe(channel);
  bus.onNotice((notice) => notices.push(notice));
  return notices;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('DualPublisher on the embedded log and bus', () => {
  it('writes the full event to the log, then announces a notice with only the hint', async () => {
    const log = new EmbeddedLog();
    const bus = new EmbeddedBus();
    const notices = listen(bus, 'prices.AAPL');
    const publisher = new DualPublisher({ log, bus });
    const event = await publisher.publish({ channel: 'prices.AAPL', data: { price: 10, depth: [1, 2, 3] }, hint: { price: 10 } });
    await tick();
    assert.deepEqual((await log.latest('prices.AAPL'))?.data, { price: 10, depth: [1, 2, 3] });
    assert.deepEqual(notices, [{ channel: 'prices.AAPL', id: event.id, ts: event.ts, hint: { price: 10 } }]);
  });

  it('leaves out a hint over the cap instead of sending a large notice', async () => {
    const log = new EmbeddedLog();
    const bus = new EmbeddedBus();
    const notices = listen(bus, 'a');
    const publisher = new DualPublisher({ log, bus, maxHintBytes: 16 });
    await publisher.publish({ channel: 'a', data: 1, hint: { text: 'x'.repeat(50) } });
    await tick();
    assert.equal(notices.length, 1);
    assert.equal('hint' in notices[0], false);
  });

  it('rejects bad input with a clear error and publishes nothing', async () => {
    const log = new EmbeddedLog();
    const publisher = new DualPublisher({ log, bus: new EmbeddedBus(), maxPayloadBytes: 100, maxBatchSize: 3 });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const cases: [unknown, RegExp][] = [
      [{ data: 1 }, /channel is required/],
      [{ channel: 'bad name', data: 1 }, /not a valid channel name/],
      [{ channel: 'a' }, /data is required/],
      [{ channel: 'a', data: cyclic }, /cannot be serialised as JSON/],
      [{ channel: 'a', data: 'x'.repeat(200) }, /over the limit of 100/],
    ];
    for (const [input, message] of cases) {
      await assert.rejects(publisher.publish(input as never), (error: Error) => error instanceof PublishError && message.test(error.message));
    }
    await assert.rejects(publisher.publishBatch(Array.from({ length: 4 }, () => ({ channel: 'a', data: 1 }))), /over the limit of 3/);
    await assert.rejects(publisher.publishBatch([{ channel: 'a', data: 1 }, { channel: 'a b', data: 1 }]), /events\[1\]\.channel/);
    assert.equal(await log.latest('a'), undefined);
  });

  it('still resolves when the bus fails, and counts the dropped notices', async () => {
    const failingBus: NoticeBus = {
      publish: async () => { throw new Error('bus down'); },
      subscribe: async () => {}, unsubscribe: async () => {}, onNotice: () => () => {}, close: async () => {},
    };
    const errors: unknown[] = [];
    const publisher = new DualPublisher({ log: new EmbeddedLog(), bus: failingBus, onBusError: (error) => errors.push(error) });
    const events = await publisher.publishBatch([{ channel: 'a', data: 1 }, { channel: 'b', data: 2 }]);
    await tick();
    assert.equal(events.length, 2);
    assert.equal(publisher.stats.noticesDropped, 2);
    assert.equal(errors.length, 1);
  });

  it('does not announce an event the log refused', async () => {
    const bus = new EmbeddedBus();
    const notices = listen(bus, 'a');
    const log = new EmbeddedLog();
    await log.close();
    const publisher = new DualPublisher({ log, bus });
    await assert.rejects(publisher.publish({ channel: 'a', data: 1 }), /event log refused the write/);
    await tick();
    assert.deepEqual(notices, []);
    assert.equal(publisher.stats.failed, 1);
  });
});
