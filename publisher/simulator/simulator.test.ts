import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateEventInput, type EventInput } from '../../protocol/index.ts';
import { Simulator } from './simulator.ts';

describe('Simulator', () => {
  it('emits each symbol and host at its configured rate on prices.<SYMBOL> and metrics.<host>', () => {
    const simulator = new Simulator({ publishBatch: async () => [] }, { symbols: ['AAA', 'BBB'], marketRate: 5, hosts: ['h1'], metricsRate: 1, tickMs: 50, seed: 7 });
    const events: EventInput[] = [];
    for (let i = 0; i < 20; i++) events.push(...simulator.nextBatch()); // one simulated second
    const count = (channel: string) => events.filter((event) => event.channel === channel).length;
    assert.equal(count('prices.AAA'), 5);
    assert.equal(count('prices.BBB'), 5);
    assert.equal(count('metrics.h1'), 1);
    for (const event of events) assert.ok(validateEventInput(event).ok, JSON.stringify(event));
    const price = events.find((event) => event.channel === 'prices.AAA')!;
    assert.equal(typeof (price.data as { price: number }).price, 'number');
    assert.deepEqual(Object.keys(price.hint as object), ['price']);
    const metric = events.find((event) => event.channel === 'metrics.h1')!.data as Record<string, number>;
    for (const key of ['cpu', 'mem', 'rps', 'p99']) assert.equal(typeof metric[key], 'number', key);
  });

  it('keeps prices positive over a long random walk', () => {
    const simulator = new Simulator({ publishBatch: async () => [] }, { symbols: ['X'], marketRate: 20, hosts: [], seed: 1 });
    for (let i = 0; i < 20_000; i++) {
      for (const event of simulator.nextBatch()) assert.ok((event.data as { price: number }).price > 0);
    }
  });

  it('publishes in batches while running and finishes the batch in flight on stop', async () => {
    const batches: EventInput[][] = [];
    const simulator = new Simulator({ publishBatch: async (events) => { batches.push(events); return []; } }, { symbols: ['A'], hosts: ['h'], marketRate: 40, tickMs: 10, seed: 3 });
    simulator.start();
    await new Promise((resolve) => setTimeout(resolve, 120));
    await simulator.stop();
    const count = batches.length;
    assert.ok(count >= 3, `${count} batches`);
    assert.deepEqual(batches[0].map((event) => event.channel), ['prices.A', 'metrics.h']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(batches.length, count, 'no batch after stop');
  });
});
