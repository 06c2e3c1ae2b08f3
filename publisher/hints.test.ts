import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HintProjector } from './hints.ts';
import type { Json } from '../protocol/index.ts';

const field = (name: string) => (data: Json) => (data as Record<string, Json>)[name];

describe('HintProjector', () => {
  it('projects by exact channel first, then by the first matching pattern in the order given', () => {
    const hints = new HintProjector({
      'prices.*': (data) => ({ price: (data as { price: number }).price }),
      'prices.BTC-USD': (data) => ({ btc: (data as { price: number }).price }),
      'metrics.>': field('cpu'),
      '*': () => 'any single segment',
    });
    const price = { price: 1.5, depth: [1, 2, 3] };
    assert.deepEqual(hints.project('prices.ETH-USD', price), { hint: { price: 1.5 }, bytes: 13 });
    assert.deepEqual(hints.project('prices.BTC-USD', price), { hint: { btc: 1.5 }, bytes: 11 });
    assert.deepEqual(hints.project('metrics.web-1.eu', { cpu: 0.5 }), { hint: 0.5, bytes: 3 });
    assert.deepEqual(hints.project('orders', {}), { hint: 'any single segment', bytes: 20 });
    assert.deepEqual(hints.project('orders.eu', {}), { hint: undefined, bytes: 0 }, 'no rule matches');
    assert.deepEqual(hints.project('prices.ETH-USD', price), { hint: { price: 1.5 }, bytes: 13 }, 'same answer from the cache');
  });

  it('reports a projection that throws or returns what JSON cannot carry, naming its pattern', () => {
    const hints = new HintProjector({
      'a.*': () => { throw new Error('boom'); },
      'b.*': () => ({ big: 10n } as unknown as Json),
    });
    const thrown = hints.project('a.x', 1);
    assert.ok('error' in thrown && thrown.error.message === 'boom' && thrown.pattern === 'a.*');
    const bad = hints.project('b.x', 1);
    assert.ok('error' in bad && /cannot be serialised as JSON/.test(bad.error.message) && bad.pattern === 'b.*');
  });

  it('refuses keys that are not channel patterns and values that are not functions', () => {
    assert.throws(() => new HintProjector({ 'prices.>.x': field('p') }), /not a channel pattern/);
    assert.throws(() => new HintProjector({ 'bad name': field('p') }), /not a channel pattern/);
    assert.throws(() => new HintProjector({ 'a': 'price' as never }), /must be a function/);
    assert.equal(new HintProjector().empty, true);
  });
});
