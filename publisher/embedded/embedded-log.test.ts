import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseId, partitionFor } from '../../protocol/index.ts';
import { EmbeddedLog } from './embedded-log.ts';

const record = (channel: string, n: number) => ({ channel, ts: 1_700_000_000_000 + n, data: { n } });

describe('EmbeddedLog', () => {
  it('hands out Kafka-form ids that grow per channel and reads a channel back in order', async () => {
    const log = new EmbeddedLog({ partitions: 3 });
    const appended = await log.append(Array.from({ length: 30 }, (_, n) => record(`c.${n % 3}`, n)));
    for (const event of appended) {
      const id = parseId(event.id);
      assert.ok(id.ok, event.id);
      assert.equal(id.value.partition, partitionFor(event.channel, 3));
    }
    const { events, more } = await log.read('c.1', undefined, 100);
    assert.equal(more, false);
    assert.deepEqual(events.map((event) => (event.data as { n: number }).n), [1, 4, 7, 10, 13, 16, 19, 22, 25, 28]);
    assert.deepEqual(events.map((event) => event.id), appended.filter((event) => event.channel === 'c.1').map((event) => event.id));
  });

  it('reads strictly after an id, page by page', async () => {
    const log = new EmbeddedLog();
    const appended = await log.append(Array.from({ length: 10 }, (_, n) => record('a', n)));
    const page = await log.read('a', appended[2].id, 4);
    assert.deepEqual(page.events.map((event) => event.id), appended.slice(3, 7).map((event) => event.id));
    assert.equal(page.more, true);
    const rest = await log.read('a', page.events[3].id, 4);
    assert.deepEqual(rest.events.map((event) => event.id), appended.slice(7).map((event) => event.id));
    assert.equal(rest.more, false);
  });

  it('answers a position it cannot serve with an explicit reset, never a silent gap', async () => {
    const log = new EmbeddedLog({ retainPerPartition: 10 });
    const appended = await log.append(Array.from({ length: 25 }, (_, n) => record('a', n)));
    assert.deepEqual(await log.read('a', appended[0].id, 10), { events: [], reset: 'too-old', more: false });
    assert.deepEqual(await log.read('a', '0-999', 10), { events: [], reset: 'log-reset', more: false });
    assert.deepEqual(await log.read('a', '7-1', 10), { events: [], reset: 'log-reset', more: false });
    const kept = await log.read('a', appended[20].id, 10);
    assert.deepEqual(kept.events.map((event) => event.id), appended.slice(21).map((event) => event.id));
  });

  it('keeps memory bounded by its retention', async () => {
    const log = new EmbeddedLog({ retainPerPartition: 100 });
    for (let i = 0; i < 50; i++) await log.append(Array.from({ length: 100 }, (_, n) => record(`ch.${n % 7}`, n)));
    const all = await Promise.all(Array.from({ length: 7 }, (_, n) => log.read(`ch.${n}`, undefined, 1000)));
    const held = all.reduce((sum, result) => sum + result.events.length, 0);
    assert.ok(held <= 100, `held ${held}`);
  });

  it('gives the latest event and tails new appends', async () => {
    const log = new EmbeddedLog();
    await log.append([record('a', 1), record('b', 2)]);
    assert.deepEqual((await log.latest('a'))?.data, { n: 1 });
    assert.equal(await log.latest('nothing.here'), undefined);
    const seen: string[] = [];
    const stop = await log.tail((event) => seen.push(event.id));
    const appended = await log.append([record('a', 3), record('a', 4)]);
    await stop();
    await log.append([record('a', 5)]);
    assert.deepEqual(seen, appended.map((event) => event.id));
  });
});
