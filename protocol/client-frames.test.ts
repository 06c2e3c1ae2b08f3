/**
 * Client frames (subscribe, unsubscribe, resume, ping): valid frames parse to the expected
 * value; every invalid frame yields a Problem naming the field, rule and a stable code, and
 * never throws.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CLIENT_FRAME_TYPES, encodeClientFrame, parseClientFrame, validateClientFrame,
  type ClientFrame,
} from './client-frames.ts';
import { ERROR_CODES, type ErrorCode } from './codes.ts';
import { formatId } from './ids.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import type { Parsed } from './validation.ts';

interface Expected {
  field: string;
  code: ErrorCode;
  /** Exact rule, or a pattern it must match; any non-empty rule when omitted. */
  rule?: string | RegExp;
}

function expectProblem(result: Parsed<unknown>, expected: Expected): void {
  assert.equal(result.ok, false, `expected a problem, got ${JSON.stringify(result)}`);
  if (result.ok) return;
  const { problem } = result;
  assert.equal(problem.field, expected.field, `field (message: ${problem.message})`);
  assert.equal(problem.code, expected.code, `code (message: ${problem.message})`);
  assert.ok(ERROR_CODES.includes(problem.code), `code ${problem.code} is a known error code`);
  assert.equal(typeof problem.rule, 'string');
  assert.ok(problem.rule.length > 0, 'rule is non-empty');
  if (typeof expected.rule === 'string') assert.equal(problem.rule, expected.rule);
  else if (expected.rule) assert.match(problem.rule, expected.rule);
  assert.equal(typeof problem.message, 'string');
  assert.ok(problem.message.length > 0, 'message is non-empty');
}

function expectValue(result: Parsed<unknown>, expected: unknown): void {
  assert.equal(result.ok, true, `expected ok, got ${JSON.stringify(result)}`);
  if (result.ok) assert.deepEqual(result.value, expected);
}

const parse = (frame: unknown) => parseClientFrame(JSON.stringify(frame));
const MAX = DEFAULT_LIMITS.maxClientFrameBytes;
const TYPE_RULE = `one-of:${CLIENT_FRAME_TYPES.join('|')}`;

describe('client frames: valid', () => {
  test('subscribe with ref', () => {
    expectValue(parseClientFrame('{"type":"subscribe","channels":["prices.BTC-USD","metrics.web-1"],"ref":7}'),
      { type: 'subscribe', channels: ['prices.BTC-USD', 'metrics.web-1'], ref: 7 });
  });

  test('subscribe without ref has no ref key', () => {
    const result = parseClientFrame('{"type":"subscribe","channels":["prices.BTC-USD"]}');
    expectValue(result, { type: 'subscribe', channels: ['prices.BTC-USD'] });
    assert.ok(result.ok && !('ref' in result.value));
  });

  test('unsubscribe', () => {
    expectValue(parseClientFrame('{"type":"unsubscribe","channels":["metrics.web-1"],"ref":2}'),
      { type: 'unsubscribe', channels: ['metrics.web-1'], ref: 2 });
    expectValue(parseClientFrame('{"type":"unsubscribe","channels":["a"]}'), { type: 'unsubscribe', channels: ['a'] });
  });

  test('resume', () => {
    expectValue(parseClientFrame('{"type":"resume","positions":{"prices.BTC-USD":"0-42","metrics.web_1":"2-0"},"ref":3}'),
      { type: 'resume', positions: { 'prices.BTC-USD': '0-42', 'metrics.web_1': '2-0' }, ref: 3 });
    expectValue(parseClientFrame('{"type":"resume","positions":{"a":"0-9007199254740991"}}'),
      { type: 'resume', positions: { a: '0-9007199254740991' } });
  });

  test('resume with channel names that collide with Object.prototype members', () => {
    const result = parseClientFrame('{"type":"resume","positions":{"__proto__":"0-1","constructor":"0-2"}}');
    assert.equal(result.ok, true);
    if (!result.ok || result.value.type !== 'resume') return;
    assert.deepEqual(Object.entries(result.value.positions), [['__proto__', '0-1'], ['constructor', '0-2']]);
  });

  test('ping with and without ts', () => {
    expectValue(parseClientFrame('{"type":"ping","ts":1700000000000}'), { type: 'ping', ts: 1700000000000 });
    expectValue(parseClientFrame('{"type":"ping"}'), { type: 'ping' });
  });

  test('fractional and negative numbers are accepted for ref and ts', () => {
    expectValue(parse({ type: 'ping', ts: -1.5 }), { type: 'ping', ts: -1.5 });
    expectValue(parse({ type: 'subscribe', channels: ['a'], ref: 0.5 }), { type: 'subscribe', channels: ['a'], ref: 0.5 });
  });

  test('duplicate channels are de-duplicated, first occurrence order kept', () => {
    expectValue(parse({ type: 'subscribe', channels: ['b', 'a', 'b', 'a', 'c'] }), { type: 'subscribe', channels: ['b', 'a', 'c'] });
    expectValue(parse({ type: 'unsubscribe', channels: ['x.y', 'x.y'] }), { type: 'unsubscribe', channels: ['x.y'] });
  });

  test('a channel of exactly maxChannelLength characters is accepted', () => {
    const channel = 'a'.repeat(DEFAULT_LIMITS.maxChannelLength);
    expectValue(parse({ type: 'subscribe', channels: [channel] }), { type: 'subscribe', channels: [channel] });
  });

  test('exactly maxChannelsPerFrame channels are accepted', () => {
    const channels = Array.from({ length: DEFAULT_LIMITS.maxChannelsPerFrame }, (_, i) => `c.${i}`);
    expectValue(parse({ type: 'subscribe', channels }), { type: 'subscribe', channels });
    const positions = Object.fromEntries(channels.map((c, i) => [c, `0-${i}`]));
    expectValue(parse({ type: 'resume', positions }), { type: 'resume', positions });
  });

  test('a frame of exactly maxClientFrameBytes is accepted', () => {
    const head = '{"type":"ping"';
    const text = head + ' '.repeat(MAX - head.length - 1) + '}';
    assert.equal(Buffer.byteLength(text), MAX);
    expectValue(parseClientFrame(text), { type: 'ping' });
  });

  test('the limits argument is honoured', () => {
    const limits = { maxClientFrameBytes: 64, maxChannelsPerFrame: 2 };
    expectValue(parseClientFrame('{"type":"subscribe","channels":["a","b"]}', limits), { type: 'subscribe', channels: ['a', 'b'] });
    expectProblem(parseClientFrame('{"type":"subscribe","channels":["a","b","c"]}', limits),
      { field: 'channels', code: 'too_large', rule: 'max-items:2' });
    expectProblem(parseClientFrame(`{"type":"ping","ts":${'1'.repeat(60)}}`, limits),
      { field: '(frame)', code: 'too_large', rule: 'max-bytes:64' });
  });

  test('validateClientFrame accepts an already-parsed value', () => {
    expectValue(validateClientFrame({ type: 'ping', ts: 1 }), { type: 'ping', ts: 1 });
  });
});

describe('client frames: size and JSON', () => {
  test('oversized ASCII frame is too_large before anything else', () => {
    const text = '{"type":"ping"' + ' '.repeat(MAX - 14) + '}';
    assert.equal(Buffer.byteLength(text), MAX + 1);
    expectProblem(parseClientFrame(text), { field: '(frame)', code: 'too_large', rule: `max-bytes:${MAX}` });
    // Oversized garbage is too_large, not bad_json: size is checked before parsing.
    expectProblem(parseClientFrame('x'.repeat(MAX + 1)), { field: '(frame)', code: 'too_large', rule: `max-bytes:${MAX}` });
  });

  test('size is measured in UTF-8 bytes, not UTF-16 code units (2-byte characters)', () => {
    const text = `{"type":"ping","x":"${'é'.repeat(9000)}"}`;
    assert.ok(text.length <= MAX, 'under the limit in characters');
    assert.ok(Buffer.byteLength(text) > MAX, 'over the limit in bytes');
    expectProblem(parseClientFrame(text), { field: '(frame)', code: 'too_large', rule: `max-bytes:${MAX}` });
  });

  test('size is measured in UTF-8 bytes (4-byte characters, surrogate pairs)', () => {
    const text = `{"type":"subscribe","channels":["${'😀'.repeat(4500)}"]}`;
    assert.ok(text.length <= MAX);
    assert.ok(Buffer.byteLength(text) > MAX);
    expectProblem(parseClientFrame(text), { field: '(frame)', code: 'too_large', rule: `max-bytes:${MAX}` });
  });

  test('a multi-byte frame under the byte limit is not too_large', () => {
    // 3-byte characters: 5000 of them is 15000 bytes, under 16384.
    const result = parseClientFrame(`{"type":"ping","x":"${'€'.repeat(5000)}"}`);
    expectProblem(result, { field: 'x', code: 'bad_frame', rule: 'unknown-field' });
  });

  for (const text of ['', '{', 'not json', "{'type':'ping'}", '{"type":"ping",}', '{"type":"ping"} x', 'undefined', 'NaN', '{"type":"ping","ts":01}']) {
    test(`invalid JSON ${JSON.stringify(text)} is bad_json`, () => {
      expectProblem(parseClientFrame(text), { field: '(frame)', code: 'bad_json', rule: 'json' });
    });
  }

  for (const text of ['[]', '[{"type":"ping"}]', '"ping"', 'null', '42', 'true']) {
    test(`non-object JSON ${text} is bad_frame on (frame)`, () => {
      expectProblem(parseClientFrame(text), { field: '(frame)', code: 'bad_frame', rule: 'type:object' });
    });
  }

  test('non-string input is reported, not thrown', () => {
    for (const input of [undefined, null, 42, {}, Buffer.from('{"type":"ping"}')]) {
      expectProblem(parseClientFrame(input as unknown as string), { field: '(frame)', code: 'bad_frame', rule: 'type:text' });
    }
  });
});

describe('client frames: type', () => {
  test('missing type', () => {
    expectProblem(parse({ channels: ['a'] }), { field: 'type', code: 'bad_frame', rule: 'required' });
    expectProblem(parse({}), { field: 'type', code: 'bad_frame', rule: 'required' });
  });

  for (const type of ['publish', 'SUBSCRIBE', '', 'event', 'pong', 42, null, true, ['ping'], { t: 'ping' }]) {
    test(`unknown type ${JSON.stringify(type)}`, () => {
      expectProblem(parse({ type, channels: ['a'] }), { field: 'type', code: 'unknown_type', rule: TYPE_RULE });
    });
  }
});

describe('client frames: wrong field types', () => {
  const cases: Array<[string, unknown, Expected]> = [
    ['subscribe channels string', { type: 'subscribe', channels: 'a' }, { field: 'channels', code: 'bad_frame', rule: 'type:array' }],
    ['subscribe channels object', { type: 'subscribe', channels: { a: 1 } }, { field: 'channels', code: 'bad_frame', rule: 'type:array' }],
    ['subscribe channels null', { type: 'subscribe', channels: null }, { field: 'channels', code: 'bad_frame', rule: 'type:array' }],
    ['unsubscribe channels number', { type: 'unsubscribe', channels: 1 }, { field: 'channels', code: 'bad_frame', rule: 'type:array' }],
    ['subscribe ref string', { type: 'subscribe', channels: ['a'], ref: '1' }, { field: 'ref', code: 'bad_frame', rule: 'type:number' }],
    ['subscribe ref null', { type: 'subscribe', channels: ['a'], ref: null }, { field: 'ref', code: 'bad_frame', rule: 'type:number' }],
    ['unsubscribe ref boolean', { type: 'unsubscribe', channels: ['a'], ref: true }, { field: 'ref', code: 'bad_frame', rule: 'type:number' }],
    ['resume ref array', { type: 'resume', positions: { a: '0-1' }, ref: [1] }, { field: 'ref', code: 'bad_frame', rule: 'type:number' }],
    ['resume positions array', { type: 'resume', positions: ['a'] }, { field: 'positions', code: 'bad_frame', rule: 'type:object' }],
    ['resume positions string', { type: 'resume', positions: 'a' }, { field: 'positions', code: 'bad_frame', rule: 'type:object' }],
    ['resume positions null', { type: 'resume', positions: null }, { field: 'positions', code: 'bad_frame', rule: 'type:object' }],
    ['resume position number', { type: 'resume', positions: { a: 1 } }, { field: 'positions.a', code: 'bad_id', rule: 'type:string' }],
    ['resume position null', { type: 'resume', positions: { 'prices.x': null } }, { field: 'positions.prices.x', code: 'bad_id', rule: 'type:string' }],
    ['resume position object', { type: 'resume', positions: { a: { partition: 0, offset: 1 } } }, { field: 'positions.a', code: 'bad_id', rule: 'type:string' }],
    ['ping ts string', { type: 'ping', ts: 'now' }, { field: 'ts', code: 'bad_frame', rule: 'type:number' }],
    ['ping ts null', { type: 'ping', ts: null }, { field: 'ts', code: 'bad_frame', rule: 'type:number' }],
    ['ping ts boolean', { type: 'ping', ts: false }, { field: 'ts', code: 'bad_frame', rule: 'type:number' }],
  ];
  for (const [name, frame, expected] of cases) test(name, () => expectProblem(parse(frame), expected));

  test('non-finite numbers (only reachable through validateClientFrame) are rejected', () => {
    expectProblem(validateClientFrame({ type: 'ping', ts: Number.NaN }), { field: 'ts', code: 'bad_frame', rule: 'type:number' });
    expectProblem(validateClientFrame({ type: 'subscribe', channels: ['a'], ref: Infinity }), { field: 'ref', code: 'bad_frame', rule: 'type:number' });
  });
});

describe('client frames: missing and empty fields', () => {
  test('subscribe and unsubscribe without channels', () => {
    expectProblem(parse({ type: 'subscribe' }), { field: 'channels', code: 'bad_frame', rule: 'required' });
    expectProblem(parse({ type: 'unsubscribe', ref: 1 }), { field: 'channels', code: 'bad_frame', rule: 'required' });
  });

  test('resume without positions', () => {
    expectProblem(parse({ type: 'resume' }), { field: 'positions', code: 'bad_frame', rule: 'required' });
  });

  test('empty channel list and empty positions', () => {
    expectProblem(parse({ type: 'subscribe', channels: [] }), { field: 'channels', code: 'bad_frame', rule: 'non-empty' });
    expectProblem(parse({ type: 'unsubscribe', channels: [] }), { field: 'channels', code: 'bad_frame', rule: 'non-empty' });
    expectProblem(parse({ type: 'resume', positions: {} }), { field: 'positions', code: 'bad_frame', rule: 'non-empty' });
  });
});

describe('client frames: unknown fields', () => {
  const cases: Array<[string, unknown, string]> = [
    ['subscribe with typo "channel"', { type: 'subscribe', channel: 'a', channels: ['a'] }, 'channel'],
    ['subscribe with positions', { type: 'subscribe', channels: ['a'], positions: { a: '0-1' } }, 'positions'],
    ['unsubscribe with extra', { type: 'unsubscribe', channels: ['a'], force: true }, 'force'],
    ['resume with channels', { type: 'resume', positions: { a: '0-1' }, channels: ['a'] }, 'channels'],
    ['ping with extra', { type: 'ping', ts: 1, foo: 1 }, 'foo'],
    ['ping with channels', { type: 'ping', channels: ['a'] }, 'channels'],
    ['subscribe with __proto__ key', JSON.parse('{"type":"subscribe","channels":["a"],"__proto__":{"x":1}}'), '__proto__'],
  ];
  for (const [name, frame, field] of cases) {
    test(name, () => expectProblem(parse(frame), { field, code: 'bad_frame', rule: 'unknown-field' }));
  }
});

describe('client frames: channel names', () => {
  const long = 'a'.repeat(DEFAULT_LIMITS.maxChannelLength + 1);
  const bad: Array<[string, unknown, string | RegExp]> = [
    ['empty', '', 'non-empty'],
    ['too long', long, `max-length:${DEFAULT_LIMITS.maxChannelLength}`],
    ['too long, made of valid segments', `${'a'.repeat(64)}.${'b'.repeat(64)}`, `max-length:${DEFAULT_LIMITS.maxChannelLength}`],
    ['space inside', 'prices BTC', 'channel-name'],
    ['leading space', ' prices', 'channel-name'],
    ['trailing space', 'prices ', 'channel-name'],
    ['wildcard *', '*', 'channel-name'],
    ['wildcard segment', 'prices.*', 'channel-name'],
    ['wildcard inside a segment', 'pri*ces', 'channel-name'],
    ['tail wildcard >', '>', 'channel-name'],
    ['tail wildcard segment', 'metrics.>', 'channel-name'],
    ['leading dot', '.prices', 'channel-name'],
    ['trailing dot', 'prices.', 'channel-name'],
    ['double dot', 'prices..BTC', 'channel-name'],
    ['only a dot', '.', 'channel-name'],
    ['non-ASCII letter', 'prix.é', 'channel-name'],
    ['colon (Redis separator)', 'rtdash:prices', 'channel-name'],
    ['slash', 'prices/BTC', 'channel-name'],
    ['newline', 'prices\n', 'channel-name'],
    ['number', 42, 'type:string'],
    ['null', null, 'type:string'],
    ['array', ['a'], 'type:string'],
    ['object', { name: 'a' }, 'type:string'],
  ];

  for (const [name, channel, rule] of bad) {
    test(`subscribe rejects ${name}`, () => {
      expectProblem(parse({ type: 'subscribe', channels: [channel] }), { field: 'channels[0]', code: 'bad_channel', rule });
    });
  }

  test('unsubscribe rejects a bad name and names its index', () => {
    expectProblem(parse({ type: 'unsubscribe', channels: ['ok', 'fine.too', 'not ok'] }), { field: 'channels[2]', code: 'bad_channel', rule: 'channel-name' });
  });

  for (const [name, channel, rule] of bad.filter(([, c]) => typeof c === 'string')) {
    test(`resume rejects ${name} as a positions key`, () => {
      const key = channel as string;
      expectProblem(parse({ type: 'resume', positions: { [key]: '0-1' } }), { field: `positions.${key.slice(0, 40)}`, code: 'bad_channel', rule });
    });
  }

  test('valid names', () => {
    const good = ['a', 'A', '0', '_', '-', 'prices.BTC-USD', 'metrics.web-1', 'a.b.c.d.e', 'Under_score.dash-ed.123'];
    expectValue(parse({ type: 'subscribe', channels: good }), { type: 'subscribe', channels: good });
  });
});

describe('client frames: too many channels', () => {
  const max = DEFAULT_LIMITS.maxChannelsPerFrame;
  const names = Array.from({ length: max + 1 }, (_, i) => `c.${i}`);

  test('subscribe and unsubscribe', () => {
    for (const type of ['subscribe', 'unsubscribe']) {
      expectProblem(parse({ type, channels: names }), { field: 'channels', code: 'too_large', rule: `max-items:${max}` });
    }
  });

  test('resume', () => {
    const positions = Object.fromEntries(names.map((c) => [c, '0-1']));
    expectProblem(parse({ type: 'resume', positions }), { field: 'positions', code: 'too_large', rule: `max-items:${max}` });
  });
});

describe('client frames: bad ids in resume', () => {
  const cases: Array<[string, unknown, string]> = [
    ['number', 42, 'type:string'],
    ['boolean', true, 'type:string'],
    ['array', ['0-1'], 'type:string'],
    ['abc', 'abc', 'event-id'],
    ['empty', '', 'event-id'],
    ['negative partition', '-1-2', 'event-id'],
    ['negative offset', '0--2', 'event-id'],
    ['leading zero partition', '01-2', 'event-id'],
    ['leading zero offset', '0-02', 'event-id'],
    ['missing offset', '0-', 'event-id'],
    ['missing offset and dash', '0', 'event-id'],
    ['missing partition', '-5', 'event-id'],
    ['three parts', '0-1-2', 'event-id'],
    ['decimal offset', '0-1.5', 'event-id'],
    ['exponent offset', '0-1e3', 'event-id'],
    ['whitespace', ' 0-1', 'event-id'],
    ['trailing newline', '0-1\n', 'event-id'],
    ['unsafe integer offset', '0-9007199254740992', 'event-id'],
    ['16-digit offset above safe range', '0-9999999999999999', 'event-id'],
    ['17-digit offset', '0-12345678901234567', 'event-id'],
    ['10-digit partition', '1234567890-1', 'event-id'],
  ];
  for (const [name, id, rule] of cases) {
    test(name, () => {
      expectProblem(parse({ type: 'resume', positions: { 'prices.BTC': id } }), { field: 'positions.prices.BTC', code: 'bad_id', rule });
    });
  }

  test('the first bad entry is reported', () => {
    expectProblem(parse({ type: 'resume', positions: { a: '0-1', b: 'x', c: 'y' } }), { field: 'positions.b', code: 'bad_id', rule: 'event-id' });
  });
});

// --- properties -----------------------------------------------------------------------

function assertWellFormed(result: Parsed<unknown>): void {
  assert.equal(typeof result.ok, 'boolean');
  if (result.ok) return;
  assert.ok(ERROR_CODES.includes(result.problem.code));
  for (const key of ['field', 'rule', 'message'] as const) {
    assert.equal(typeof result.problem[key], 'string');
    assert.ok(result.problem[key].length > 0, `${key} non-empty`);
  }
}

const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const channel = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('.')).filter((c) => c.length <= DEFAULT_LIMITS.maxChannelLength);
const eventId = fc.tuple(fc.integer({ min: 0, max: 999_999_999 }), fc.maxSafeNat()).map(([p, o]) => formatId(p, o));
// JSON has no -0 (it round-trips to 0), so normalise it; everything else must survive as is.
const finite = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)));
const withOptional = <T extends object>(base: T, key: string, value: number | undefined): T => (value === undefined ? base : { ...base, [key]: value });

const validFrame: fc.Arbitrary<ClientFrame> = fc.oneof(
  fc.tuple(fc.constantFrom('subscribe' as const, 'unsubscribe' as const), fc.uniqueArray(channel, { minLength: 1, maxLength: DEFAULT_LIMITS.maxChannelsPerFrame }), fc.option(finite, { nil: undefined }))
    .map(([type, channels, ref]) => withOptional({ type, channels }, 'ref', ref)),
  fc.tuple(fc.uniqueArray(fc.tuple(channel, eventId), { minLength: 1, maxLength: DEFAULT_LIMITS.maxChannelsPerFrame, selector: ([c]) => c }), fc.option(finite, { nil: undefined }))
    .map(([entries, ref]) => withOptional({ type: 'resume' as const, positions: Object.fromEntries(entries) }, 'ref', ref)),
  fc.option(finite, { nil: undefined }).map((ts) => withOptional({ type: 'ping' as const }, 'ts', ts)),
);

/** Objects that look like frames, to reach the per-type branches with junk fields. */
const frameLike = fc.record({
  type: fc.oneof(fc.constantFrom<unknown>(...CLIENT_FRAME_TYPES), fc.jsonValue()),
  channels: fc.oneof(fc.array(fc.oneof(channel, fc.jsonValue())), fc.jsonValue()),
  positions: fc.oneof(fc.dictionary(fc.oneof(channel, fc.string()), fc.oneof(eventId, fc.jsonValue())), fc.jsonValue()),
  ref: fc.oneof(finite, fc.jsonValue()),
  ts: fc.oneof(finite, fc.jsonValue()),
  extra: fc.jsonValue(),
}, { requiredKeys: [] });

describe('client frames: properties', () => {
  test('parseClientFrame never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (text) => {
      assertWellFormed(parseClientFrame(text));
    }), { numRuns: 500 });
  });

  test('parseClientFrame and validateClientFrame never throw on arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      assertWellFormed(validateClientFrame(value));
      const text = JSON.stringify(value);
      if (text !== undefined) assertWellFormed(parseClientFrame(text));
    }), { numRuns: 500 });
  });

  test('parseClientFrame never throws on frame-like objects with junk fields', () => {
    fc.assert(fc.property(frameLike, (value) => {
      assertWellFormed(parseClientFrame(JSON.stringify(value)));
    }), { numRuns: 1000 });
  });

  test('parseClientFrame never throws with tiny limits', () => {
    fc.assert(fc.property(frameLike, fc.nat(200), fc.nat(5), (value, bytes, channels) => {
      assertWellFormed(parseClientFrame(JSON.stringify(value), { maxClientFrameBytes: bytes, maxChannelsPerFrame: channels }));
    }), { numRuns: 300 });
  });

  test('every valid frame round-trips through encodeClientFrame / parseClientFrame', () => {
    fc.assert(fc.property(validFrame, (frame) => {
      const result = parseClientFrame(encodeClientFrame(frame));
      assert.equal(result.ok, true, JSON.stringify(result));
      if (result.ok) assert.deepStrictEqual(result.value, frame);
    }), { numRuns: 500 });
  });

  test('validateClientFrame never throws on non-JSON values either', () => {
    fc.assert(fc.property(fc.anything({ withBigInt: true }), (type) => {
      assertWellFormed(validateClientFrame({ type }));
    }));
  });

  test('round-trip examples of each type', () => {
    const frames: ClientFrame[] = [
      { type: 'subscribe', channels: ['prices.BTC-USD'], ref: 1 },
      { type: 'unsubscribe', channels: ['prices.BTC-USD', 'metrics.web-1'] },
      { type: 'resume', positions: { 'prices.BTC-USD': '3-17' }, ref: 9 },
      { type: 'ping', ts: 123.25 },
      { type: 'ping' },
    ];
    for (const frame of frames) expectValue(parseClientFrame(encodeClientFrame(frame)), frame);
  });
});
