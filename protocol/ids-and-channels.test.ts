/**
 * Event ids (parse, order), channel names (rules, permission patterns, Redis names) and the
 * channel-to-partition function both logs share.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  channelFromRedis, channelMatches, isValidChannel, redisChannelFor, validateChannel, REDIS_CHANNEL_PREFIX,
} from './channels.ts';
import { CloseCode, ERROR_CODES, FINAL_CLOSE_CODES, type ErrorCode } from './codes.ts';
import { compareIds, formatId, isNewer, isValidId, parseId } from './ids.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import { partitionFor } from './log.ts';
import type { Parsed } from './validation.ts';

function expectProblem(result: Parsed<unknown>, expected: { field: string; code: ErrorCode; rule?: string }): void {
  assert.equal(result.ok, false, `expected a problem, got ${JSON.stringify(result)}`);
  if (result.ok) return;
  const { problem } = result;
  assert.equal(problem.field, expected.field);
  assert.equal(problem.code, expected.code);
  assert.ok(ERROR_CODES.includes(problem.code));
  assert.ok(typeof problem.rule === 'string' && problem.rule.length > 0, 'rule is non-empty');
  if (expected.rule !== undefined) assert.equal(problem.rule, expected.rule);
  assert.ok(typeof problem.message === 'string' && problem.message.length > 0, 'message is non-empty');
}

describe('parseId', () => {
  test('valid ids', () => {
    const cases: Array<[string, number, number]> = [
      ['0-0', 0, 0], ['0-42', 0, 42], ['7-1234', 7, 1234], ['999999999-1', 999999999, 1],
      ['0-9007199254740991', 0, Number.MAX_SAFE_INTEGER],
    ];
    for (const [id, partition, offset] of cases) {
      assert.deepEqual(parseId(id), { ok: true, value: { partition, offset } }, id);
      assert.equal(isValidId(id), true);
    }
  });

  test('a missing id is bad_id required', () => {
    expectProblem(parseId(undefined), { field: 'id', code: 'bad_id', rule: 'required' });
  });

  test('non-string ids are bad_id type:string', () => {
    for (const id of [null, 0, 42, true, ['0-1'], { partition: 0, offset: 1 }, 1n]) {
      expectProblem(parseId(id), { field: 'id', code: 'bad_id', rule: 'type:string' });
      assert.equal(isValidId(id), false);
    }
  });

  test('malformed ids are bad_id event-id', () => {
    const bad = [
      '', 'abc', '-1-2', '01-2', '0-01', '00-1', '0-', '-0', '0', '42', '0-1-2', '0--1', '+1-2', '1-+2', '0-1.0',
      '0-1e3', '0x1-2', ' 0-1', '0-1 ', '0-1\n', '\n0-1', '0_1', '0:1', '٠-١' /* Arabic-Indic digits */,
      '1234567890-1', '0-12345678901234567',
      '0-9007199254740992', // first unsafe integer: 16 digits, passes the pattern, fails the safe check
      '0-9999999999999999',
    ];
    for (const id of bad) {
      expectProblem(parseId(id), { field: 'id', code: 'bad_id', rule: 'event-id' });
      assert.equal(isValidId(id), false, JSON.stringify(id));
    }
  });

  test('the field name is used and a long id is truncated in the message', () => {
    const result = parseId('x'.repeat(1000), 'positions.a');
    expectProblem(result, { field: 'positions.a', code: 'bad_id', rule: 'event-id' });
    assert.ok(!result.ok && result.problem.message.length < 200);
  });

  test('formatId and parseId round-trip', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.maxSafeNat(), (partition, offset) => {
      assert.deepEqual(parseId(formatId(partition, offset)), { ok: true, value: { partition, offset } });
    }));
    assert.equal(formatId(3, 10n), '3-10');
    assert.equal(formatId(3, '10'), '3-10');
  });
});

describe('compareIds and isNewer', () => {
  test('orders by offset within a partition, numerically not lexically', () => {
    assert.ok(compareIds('0-1', '0-2') < 0);
    assert.ok(compareIds('0-2', '0-1') > 0);
    assert.equal(compareIds('0-5', '0-5'), 0);
    assert.ok(compareIds('0-10', '0-9') > 0, '10 is after 9');
    assert.ok(compareIds('3-100', '3-99') > 0);
    assert.ok(compareIds('0-9007199254740991', '0-9007199254740990') > 0);
    assert.ok(compareIds('0-0', '0-9007199254740991') < 0);
  });

  test('ids of different partitions cannot be ordered: NaN', () => {
    assert.ok(Number.isNaN(compareIds('0-1', '1-1')));
    assert.ok(Number.isNaN(compareIds('1-5', '0-500')));
    assert.ok(Number.isNaN(compareIds('2-0', '10-0')));
  });

  test('malformed ids yield NaN', () => {
    assert.ok(Number.isNaN(compareIds('abc', '0-1')));
    assert.ok(Number.isNaN(compareIds('0-1', '01-2')));
    assert.ok(Number.isNaN(compareIds('0-9007199254740992', '0-1')));
  });

  test('compareIds reads ids by the same rules as parseId, on any string (property)', () => {
    const reference = (a: string, b: string) => {
      const pa = parseId(a);
      const pb = parseId(b);
      if (!pa.ok || !pb.ok || pa.value.partition !== pb.value.partition) return Number.NaN;
      return pa.value.offset - pb.value.offset;
    };
    const idLike = fc.oneof(
      fc.string({ unit: fc.constantFrom('0', '1', '9', '-', 'a', ' ', '+', '.'), maxLength: 20 }),
      fc.tuple(fc.nat(20), fc.maxSafeNat()).map(([p, o]) => formatId(p, o)),
      fc.constantFrom('0-9007199254740992', '1234567890-1', '123456789-0', '0-00', '00-0', '-1', '0-', '0--1'),
    );
    fc.assert(fc.property(idLike, idLike, (a, b) => {
      assert.ok(Object.is(compareIds(a, b), reference(a, b)), `${a} vs ${b}`);
    }), { numRuns: 5000 });
  });

  test('compareIds is antisymmetric and consistent with the offsets (property)', () => {
    fc.assert(fc.property(fc.nat(20), fc.maxSafeNat(), fc.maxSafeNat(), (p, a, b) => {
      const c = compareIds(formatId(p, a), formatId(p, b));
      assert.equal(Math.sign(c), Math.sign(a - b));
      assert.equal(Math.sign(compareIds(formatId(p, b), formatId(p, a))), -Math.sign(a - b) || 0);
    }));
  });

  test('isNewer', () => {
    assert.equal(isNewer('0-1', undefined), true, 'anything is newer than nothing');
    assert.equal(isNewer('0-2', '0-1'), true);
    assert.equal(isNewer('0-10', '0-9'), true);
    assert.equal(isNewer('0-1', '0-1'), false, 'not strictly newer');
    assert.equal(isNewer('0-1', '0-2'), false);
    assert.equal(isNewer('1-5', '0-1'), false, 'across partitions is not newer');
    assert.equal(isNewer('0-5', '1-1'), false);
    assert.equal(isNewer('garbage', '0-1'), false);
    assert.equal(isNewer('0-1', 'garbage'), false);
  });
});

describe('validateChannel', () => {
  test('valid names', () => {
    for (const name of ['a', 'Z', '9', '_', '-', 'prices.BTC-USD', 'metrics.web-1', 'a.b.c', 'x_y.z-w.0', 'c'.repeat(DEFAULT_LIMITS.maxChannelLength)]) {
      assert.deepEqual(validateChannel(name), { ok: true, value: name });
      assert.equal(isValidChannel(name), true);
    }
  });

  test('invalid names', () => {
    const cases: Array<[unknown, string]> = [
      ['', 'non-empty'],
      ['c'.repeat(DEFAULT_LIMITS.maxChannelLength + 1), `max-length:${DEFAULT_LIMITS.maxChannelLength}`],
      ['a b', 'channel-name'], [' a', 'channel-name'], ['a\t', 'channel-name'],
      ['*', 'channel-name'], ['prices.*', 'channel-name'], ['a*', 'channel-name'],
      ['>', 'channel-name'], ['metrics.>', 'channel-name'],
      ['.a', 'channel-name'], ['a.', 'channel-name'], ['a..b', 'channel-name'], ['.', 'channel-name'], ['..', 'channel-name'],
      ['é', 'channel-name'], ['a:b', 'channel-name'], ['a/b', 'channel-name'], ['a\u0000', 'channel-name'],
      [1, 'type:string'], [null, 'type:string'], [true, 'type:string'], [['a'], 'type:string'], [{}, 'type:string'],
    ];
    for (const [name, rule] of cases) {
      expectProblem(validateChannel(name), { field: 'channel', code: 'bad_channel', rule });
      assert.equal(isValidChannel(name), false);
    }
  });

  test('a missing channel is required (bad_frame)', () => {
    expectProblem(validateChannel(undefined), { field: 'channel', code: 'bad_frame', rule: 'required' });
  });

  test('field and maxLength arguments', () => {
    expectProblem(validateChannel('abcd', 'x.channel', 3), { field: 'x.channel', code: 'bad_channel', rule: 'max-length:3' });
    assert.equal(validateChannel('abc', 'x.channel', 3).ok, true);
  });

  test('anything matching the documented grammar is valid (property)', () => {
    const seg = fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/);
    fc.assert(fc.property(fc.array(seg, { minLength: 1, maxLength: 8 }), (segments) => {
      const name = segments.join('.');
      assert.equal(isValidChannel(name), name.length <= DEFAULT_LIMITS.maxChannelLength);
    }));
  });

  test('never throws on arbitrary values', () => {
    fc.assert(fc.property(fc.anything(), (value) => {
      assert.equal(typeof validateChannel(value).ok, 'boolean');
    }));
  });
});

describe('Redis channel names', () => {
  test('prefix and strip', () => {
    assert.equal(redisChannelFor('prices.BTC-USD'), 'rtdash:prices.BTC-USD');
    assert.equal(channelFromRedis('rtdash:prices.BTC-USD'), 'prices.BTC-USD');
    assert.equal(channelFromRedis('other:prices'), undefined);
    assert.equal(channelFromRedis('prices'), undefined);
    assert.equal(channelFromRedis(redisChannelFor('a.b')), 'a.b');
    assert.equal(REDIS_CHANNEL_PREFIX, 'rtdash:');
  });
});

describe('channelMatches', () => {
  const cases: Array<[pattern: string, channel: string, expected: boolean]> = [
    // exact
    ['prices.BTC-USD', 'prices.BTC-USD', true],
    ['prices.BTC-USD', 'prices.ETH-USD', false],
    ['prices', 'prices.BTC-USD', false],
    ['prices.BTC-USD', 'prices', false],
    ['prices.BTC-USD', 'prices.BTC-USD.x', false],
    // * matches exactly one segment
    ['prices.*', 'prices.BTC-USD', true],
    ['prices.*', 'prices.ETH', true],
    ['prices.*', 'prices', false],
    ['prices.*', 'prices.BTC.spot', false],
    ['prices.*', 'metrics.BTC', false],
    ['*.BTC', 'prices.BTC', true],
    ['*.BTC', 'prices.ETH', false],
    ['a.*.c', 'a.b.c', true],
    ['a.*.c', 'a.b.d', false],
    ['a.*.c', 'a.c', false],
    // a lone * is one segment
    ['*', 'prices', true],
    ['*', 'prices.BTC', false],
    // > matches one or more remaining segments
    ['metrics.>', 'metrics.web-1', true],
    ['metrics.>', 'metrics.web-1.cpu', true],
    ['metrics.>', 'metrics', false],
    ['metrics.>', 'prices.web-1', false],
    ['>', 'a', true],
    ['>', 'a.b.c', true],
    ['*.>', 'a.b', true],
    ['*.>', 'a', false],
    // > only counts at the end
    ['metrics.>.cpu', 'metrics.web-1.cpu', false],
  ];
  for (const [pattern, channel, expected] of cases) {
    test(`${pattern} ${expected ? 'matches' : 'does not match'} ${channel}`, () => {
      assert.equal(channelMatches(pattern, channel), expected);
    });
  }

  test('every valid channel matches itself and ">" (property)', () => {
    const seg = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);
    fc.assert(fc.property(fc.array(seg, { minLength: 1, maxLength: 6 }), (segments) => {
      const channel = segments.join('.');
      assert.equal(channelMatches(channel, channel), true);
      assert.equal(channelMatches('>', channel), true);
      assert.equal(channelMatches(segments.map(() => '*').join('.'), channel), true);
      assert.equal(channelMatches(`${segments[0]}.>`, channel), segments.length > 1);
    }));
  });
});

describe('partitionFor', () => {
  test('is deterministic', () => {
    for (const name of ['prices.BTC-USD', 'metrics.web-1', 'a', '']) {
      assert.equal(partitionFor(name, 3), partitionFor(name, 3));
      assert.equal(partitionFor(name, 12), partitionFor(name, 12));
    }
  });

  test('is 32-bit FNV-1a, so other languages can reproduce it', () => {
    // Reference vectors of FNV-1a 32 (partitionCount 2^32 makes the modulo a no-op).
    assert.equal(partitionFor('', 2 ** 32), 0x811c9dc5);
    assert.equal(partitionFor('a', 2 ** 32), 0xe40c292c);
    assert.equal(partitionFor('foobar', 2 ** 32), 0xbf9cf968);
  });

  test('is within [0, partitionCount) and an integer (property)', () => {
    fc.assert(fc.property(fc.string(), fc.integer({ min: 1, max: 1000 }), (name, count) => {
      const p = partitionFor(name, count);
      assert.ok(Number.isInteger(p) && p >= 0 && p < count, `${p} for ${count}`);
    }));
    for (let i = 0; i < 1000; i++) assert.equal(partitionFor(`c.${i}`, 1), 0);
  });

  test('spreads 1,000 channel names over 3 partitions reasonably', () => {
    const families = [
      (i: number) => `metrics.host-${i}`,
      (i: number) => `prices.SYM${i}`,
      (i: number) => `c${i}`,
    ];
    for (const name of families) {
      const counts = [0, 0, 0];
      for (let i = 0; i < 1000; i++) counts[partitionFor(name(i), 3)]++;
      assert.equal(counts.reduce((a, b) => a + b), 1000);
      for (const n of counts) assert.ok(n >= 250 && n <= 420, `uneven spread ${counts} for ${name(0)}…`);
    }
  });
});

describe('codes', () => {
  test('error codes are unique and include the ones parsers use', () => {
    assert.equal(new Set(ERROR_CODES).size, ERROR_CODES.length);
    for (const code of ['bad_json', 'bad_frame', 'unknown_type', 'too_large', 'bad_channel', 'bad_id']) {
      assert.ok((ERROR_CODES as readonly string[]).includes(code), code);
    }
  });

  test('final close codes', () => {
    assert.deepEqual([...FINAL_CLOSE_CODES].sort(), [CloseCode.policyViolation, CloseCode.unauthorized, CloseCode.abuse].sort());
    assert.equal(FINAL_CLOSE_CODES.has(CloseCode.slowConsumer), false);
    assert.equal(FINAL_CLOSE_CODES.has(CloseCode.serviceRestart), false);
    for (const code of Object.values(CloseCode)) assert.ok((code >= 1000 && code <= 1015) || (code >= 4000 && code <= 4999));
  });
});
