/**
 * Server frames (event, batch, snapshot, reset, error, heartbeat, pong, subscribed) as a client
 * validates them: valid frames parse to the expected value; invalid ones yield a Problem naming
 * the field, rule and a stable code, and never throw.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ERROR_CODES, type ErrorCode } from './codes.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import {
  RESET_REASONS, SERVER_FRAME_TYPES, encodeServerFrame, parseServerFrame, validateServerFrame,
  type ServerFrame,
} from './server-frames.ts';
import type { WireEvent } from './events.ts';
import type { Parsed } from './validation.ts';

interface Expected {
  field: string;
  code: ErrorCode;
  rule?: string | RegExp;
}

function expectProblem(result: Parsed<unknown>, expected: Expected): void {
  assert.equal(result.ok, false, `expected a problem, got ${JSON.stringify(result).slice(0, 300)}`);
  if (result.ok) return;
  const { problem } = result;
  assert.equal(problem.field, expected.field, `field (message: ${problem.message})`);
  assert.equal(problem.code, expected.code, `code (message: ${problem.message})`);
  assert.ok(ERROR_CODES.includes(problem.code));
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

const parse = (frame: unknown) => parseServerFrame(JSON.stringify(frame));
const MAX = DEFAULT_LIMITS.maxServerFrameBytes;
const TYPE_RULE = `one-of:${SERVER_FRAME_TYPES.join('|')}`;

const event: WireEvent = { channel: 'prices.BTC-USD', id: '0-42', ts: 1700000000000, data: { price: 64123.5 } };
const event2: WireEvent = { channel: 'metrics.web-1', id: '2-7', ts: 1700000000001, data: [1, 2, 3] };

const valid: Record<(typeof SERVER_FRAME_TYPES)[number], ServerFrame[]> = {
  event: [
    { type: 'event', ...event },
    { type: 'event', ...event, partial: true },
    { type: 'event', ...event, data: null },
    { type: 'event', ...event, data: 'text' },
  ],
  batch: [
    { type: 'batch', events: [event, event2, { ...event, id: '0-43', partial: true }] },
    { type: 'batch', events: [] },
  ],
  snapshot: [
    { type: 'snapshot', channel: 'prices.BTC-USD', event },
    { type: 'snapshot', channel: 'prices.BTC-USD', event: null },
  ],
  reset: RESET_REASONS.map((reason) => ({ type: 'reset' as const, channel: 'prices.BTC-USD', reason })),
  error: [
    { type: 'error', code: 'bad_channel', message: 'channels[0] is not a valid channel name' },
    { type: 'error', code: 'bad_frame', message: 'ref must be a number', field: 'ref', rule: 'type:number', channel: 'prices.BTC-USD', ref: 4 },
    ...ERROR_CODES.map((code) => ({ type: 'error' as const, code, message: code })),
  ],
  heartbeat: [{ type: 'heartbeat', ts: 1700000000000, interval: 15000 }],
  pong: [{ type: 'pong', ts: 1700000000000 }, { type: 'pong' }],
  subscribed: [
    { type: 'subscribed', channel: 'prices.BTC-USD', recovered: true, ref: 1 },
    { type: 'subscribed', channel: 'metrics.web-1', recovered: false },
  ],
};

describe('server frames: valid', () => {
  for (const type of SERVER_FRAME_TYPES) {
    test(`${type} parses to the expected value`, () => {
      assert.ok(valid[type].length > 0);
      for (const frame of valid[type]) {
        expectValue(parseServerFrame(JSON.stringify(frame)), frame);
        expectValue(parseServerFrame(encodeServerFrame(frame)), frame);
        expectValue(validateServerFrame(structuredClone(frame)), frame);
      }
    });
  }

  test('a frame of exactly maxServerFrameBytes is accepted', () => {
    const head = '{"type":"pong"';
    const text = head + ' '.repeat(MAX - head.length - 1) + '}';
    assert.equal(Buffer.byteLength(text), MAX);
    expectValue(parseServerFrame(text), { type: 'pong' });
  });

  test('a large replay batch under the limit is accepted', () => {
    const events = Array.from({ length: 5000 }, (_, i) => ({ ...event, id: `0-${i}`, data: { i, pad: 'x'.repeat(100) } }));
    const result = parse({ type: 'batch', events });
    assert.equal(result.ok, true);
    if (result.ok && result.value.type === 'batch') assert.equal(result.value.events.length, 5000);
  });
});

describe('server frames: size and JSON', () => {
  test('oversized ASCII frame is too_large', () => {
    const text = '{"type":"pong"' + ' '.repeat(MAX - 14) + '}';
    assert.equal(Buffer.byteLength(text), MAX + 1);
    expectProblem(parseServerFrame(text), { field: '(frame)', code: 'too_large', rule: `max-bytes:${MAX}` });
  });

  test('size is measured in UTF-8 bytes (multi-byte payload)', () => {
    const text = JSON.stringify({ type: 'event', ...event, data: 'é'.repeat(MAX / 2 + 1) });
    assert.ok(text.length < MAX, 'under the limit in characters');
    assert.ok(Buffer.byteLength(text) > MAX, 'over the limit in bytes');
    expectProblem(parseServerFrame(text), { field: '(frame)', code: 'too_large', rule: `max-bytes:${MAX}` });
  });

  test('the maxBytes argument is honoured, in bytes', () => {
    const frame = JSON.stringify({ type: 'event', ...event, data: '€€€' });
    const bytes = Buffer.byteLength(frame);
    assert.ok(bytes > frame.length);
    expectValue(parseServerFrame(frame, bytes), JSON.parse(frame));
    expectProblem(parseServerFrame(frame, bytes - 1), { field: '(frame)', code: 'too_large', rule: `max-bytes:${bytes - 1}` });
    expectProblem(parseServerFrame(frame, frame.length), { field: '(frame)', code: 'too_large', rule: `max-bytes:${frame.length}` });
  });

  for (const text of ['', '{', 'nope', '{"type":"pong",}', "{'type':'pong'}", '{"type":"pong"}}']) {
    test(`invalid JSON ${JSON.stringify(text)} is bad_json`, () => {
      expectProblem(parseServerFrame(text), { field: '(frame)', code: 'bad_json', rule: 'json' });
    });
  }

  for (const text of ['[]', '[{"type":"pong"}]', '"pong"', 'null', '0', 'false']) {
    test(`non-object JSON ${text} is bad_frame on (frame)`, () => {
      expectProblem(parseServerFrame(text), { field: '(frame)', code: 'bad_frame', rule: 'type:object' });
    });
  }

  test('non-string input is reported, not thrown', () => {
    for (const input of [undefined, null, 1, {}, new Uint8Array([123, 125])]) {
      expectProblem(parseServerFrame(input as unknown as string), { field: '(frame)', code: 'bad_frame', rule: 'type:text' });
    }
  });
});

describe('server frames: type', () => {
  test('missing type', () => {
    expectProblem(parse({ channel: 'a', recovered: true }), { field: 'type', code: 'bad_frame', rule: 'required' });
  });

  for (const type of ['subscribe', 'ping', 'Event', 'events', '', 7, null, false, ['event'], {}]) {
    test(`unknown type ${JSON.stringify(type)}`, () => {
      expectProblem(parse({ type }), { field: 'type', code: 'unknown_type', rule: TYPE_RULE });
    });
  }
});

type Case = [name: string, frame: unknown, expected: Expected];

function cases(title: string, list: Case[]): void {
  describe(title, () => {
    for (const [name, frame, expected] of list) test(name, () => expectProblem(parse(frame), expected));
  });
}

const { channel: _c, ...noChannel } = event;
const { id: _i, ...noId } = event;
const { ts: _t, ...noTs } = event;
const { data: _d, ...noData } = event;

cases('server frames: invalid event', [
  ['missing channel', { type: 'event', ...noChannel }, { field: 'channel', code: 'bad_frame', rule: 'required' }],
  ['channel not a string', { type: 'event', ...event, channel: 5 }, { field: 'channel', code: 'bad_channel', rule: 'type:string' }],
  ['empty channel', { type: 'event', ...event, channel: '' }, { field: 'channel', code: 'bad_channel', rule: 'non-empty' }],
  ['wildcard channel', { type: 'event', ...event, channel: 'prices.*' }, { field: 'channel', code: 'bad_channel', rule: 'channel-name' }],
  ['double-dot channel', { type: 'event', ...event, channel: 'a..b' }, { field: 'channel', code: 'bad_channel', rule: 'channel-name' }],
  ['too-long channel', { type: 'event', ...event, channel: 'x'.repeat(129) }, { field: 'channel', code: 'bad_channel', rule: 'max-length:128' }],
  ['missing id', { type: 'event', ...noId }, { field: 'id', code: 'bad_id' }],
  ['id not a string', { type: 'event', ...event, id: 42 }, { field: 'id', code: 'bad_id', rule: 'type:string' }],
  ['id abc', { type: 'event', ...event, id: 'abc' }, { field: 'id', code: 'bad_id', rule: 'event-id' }],
  ['id -1-2', { type: 'event', ...event, id: '-1-2' }, { field: 'id', code: 'bad_id', rule: 'event-id' }],
  ['id 01-2', { type: 'event', ...event, id: '01-2' }, { field: 'id', code: 'bad_id', rule: 'event-id' }],
  ['id without offset', { type: 'event', ...event, id: '3' }, { field: 'id', code: 'bad_id', rule: 'event-id' }],
  ['id with unsafe offset', { type: 'event', ...event, id: '0-9007199254740993' }, { field: 'id', code: 'bad_id', rule: 'event-id' }],
  ['missing ts', { type: 'event', ...noTs }, { field: 'ts', code: 'bad_frame', rule: 'required' }],
  ['ts string', { type: 'event', ...event, ts: '2024-01-01' }, { field: 'ts', code: 'bad_frame', rule: 'type:number' }],
  ['ts null', { type: 'event', ...event, ts: null }, { field: 'ts', code: 'bad_frame', rule: 'type:number' }],
  ['missing data', { type: 'event', ...noData }, { field: 'data', code: 'bad_frame', rule: 'required' }],
  ['partial false', { type: 'event', ...event, partial: false }, { field: 'partial', code: 'bad_frame', rule: 'literal:true' }],
  ['partial string', { type: 'event', ...event, partial: 'true' }, { field: 'partial', code: 'bad_frame', rule: 'literal:true' }],
  ['unknown field', { type: 'event', ...event, hint: { price: 1 } }, { field: 'hint', code: 'bad_frame', rule: 'unknown-field' }],
  ['unknown field events', { type: 'event', ...event, events: [] }, { field: 'events', code: 'bad_frame', rule: 'unknown-field' }],
]);

cases('server frames: invalid batch', [
  ['missing events', { type: 'batch' }, { field: 'events', code: 'bad_frame' }],
  ['events object', { type: 'batch', events: { 0: event } }, { field: 'events', code: 'bad_frame', rule: 'type:array' }],
  ['events null', { type: 'batch', events: null }, { field: 'events', code: 'bad_frame', rule: 'type:array' }],
  ['events string', { type: 'batch', events: 'x' }, { field: 'events', code: 'bad_frame', rule: 'type:array' }],
  ['event not an object', { type: 'batch', events: [event, 'x'] }, { field: 'events[1]', code: 'bad_frame', rule: 'type:object' }],
  ['event null', { type: 'batch', events: [null] }, { field: 'events[0]', code: 'bad_frame', rule: 'type:object' }],
  ['event array', { type: 'batch', events: [[event]] }, { field: 'events[0]', code: 'bad_frame', rule: 'type:object' }],
  ['event with type', { type: 'batch', events: [{ type: 'event', ...event }] }, { field: 'events[0].type', code: 'bad_frame', rule: 'unknown-field' }],
  ['event missing channel', { type: 'batch', events: [event, noChannel] }, { field: 'events[1].channel', code: 'bad_frame', rule: 'required' }],
  ['event bad channel', { type: 'batch', events: [{ ...event, channel: 'a b' }] }, { field: 'events[0].channel', code: 'bad_channel', rule: 'channel-name' }],
  ['event bad id', { type: 'batch', events: [event, event2, { ...event, id: 'abc' }] }, { field: 'events[2].id', code: 'bad_id', rule: 'event-id' }],
  ['event missing id', { type: 'batch', events: [noId] }, { field: 'events[0].id', code: 'bad_id' }],
  ['event missing ts', { type: 'batch', events: [noTs] }, { field: 'events[0].ts', code: 'bad_frame', rule: 'required' }],
  ['event ts wrong type', { type: 'batch', events: [{ ...event, ts: true }] }, { field: 'events[0].ts', code: 'bad_frame', rule: 'type:number' }],
  ['event missing data', { type: 'batch', events: [noData] }, { field: 'events[0].data', code: 'bad_frame', rule: 'required' }],
  ['event partial false', { type: 'batch', events: [{ ...event, partial: false }] }, { field: 'events[0].partial', code: 'bad_frame', rule: 'literal:true' }],
  ['unknown field', { type: 'batch', events: [], channel: 'a' }, { field: 'channel', code: 'bad_frame', rule: 'unknown-field' }],
]);

cases('server frames: invalid snapshot', [
  ['missing channel', { type: 'snapshot', event: null }, { field: 'channel', code: 'bad_frame', rule: 'required' }],
  ['channel number', { type: 'snapshot', channel: 1, event: null }, { field: 'channel', code: 'bad_channel', rule: 'type:string' }],
  ['channel with >', { type: 'snapshot', channel: 'metrics.>', event: null }, { field: 'channel', code: 'bad_channel', rule: 'channel-name' }],
  ['channel trailing dot', { type: 'snapshot', channel: 'metrics.', event: null }, { field: 'channel', code: 'bad_channel', rule: 'channel-name' }],
  ['missing event', { type: 'snapshot', channel: 'a' }, { field: 'event', code: 'bad_frame', rule: 'required' }],
  ['event string', { type: 'snapshot', channel: 'a', event: 'x' }, { field: 'event', code: 'bad_frame', rule: 'type:object' }],
  ['event array', { type: 'snapshot', channel: 'a', event: [] }, { field: 'event', code: 'bad_frame', rule: 'type:object' }],
  ['event bad id', { type: 'snapshot', channel: 'a', event: { ...event, id: '0-01' } }, { field: 'event.id', code: 'bad_id', rule: 'event-id' }],
  ['event missing data', { type: 'snapshot', channel: 'a', event: noData }, { field: 'event.data', code: 'bad_frame', rule: 'required' }],
  ['event unknown field', { type: 'snapshot', channel: 'a', event: { ...event, x: 1 } }, { field: 'event.x', code: 'bad_frame', rule: 'unknown-field' }],
  ['unknown field', { type: 'snapshot', channel: 'a', event: null, ref: 1 }, { field: 'ref', code: 'bad_frame', rule: 'unknown-field' }],
]);

const REASON_RULE = `one-of:${RESET_REASONS.join('|')}`;
cases('server frames: invalid reset', [
  ['missing channel', { type: 'reset', reason: 'too-old' }, { field: 'channel', code: 'bad_frame', rule: 'required' }],
  ['bad channel', { type: 'reset', channel: '*', reason: 'too-old' }, { field: 'channel', code: 'bad_channel', rule: 'channel-name' }],
  ['channel array', { type: 'reset', channel: ['a'], reason: 'too-old' }, { field: 'channel', code: 'bad_channel', rule: 'type:string' }],
  ['missing reason', { type: 'reset', channel: 'a' }, { field: 'reason', code: 'bad_frame' }],
  ['unknown reason', { type: 'reset', channel: 'a', reason: 'expired' }, { field: 'reason', code: 'bad_frame', rule: REASON_RULE }],
  ['reason wrong type', { type: 'reset', channel: 'a', reason: 1 }, { field: 'reason', code: 'bad_frame', rule: REASON_RULE }],
  ['unknown field', { type: 'reset', channel: 'a', reason: 'too-old', id: '0-1' }, { field: 'id', code: 'bad_frame', rule: 'unknown-field' }],
]);

cases('server frames: invalid error', [
  ['missing code', { type: 'error', message: 'x' }, { field: 'code', code: 'bad_frame' }],
  ['unknown code', { type: 'error', code: 'teapot', message: 'x' }, { field: 'code', code: 'bad_frame', rule: 'error-code' }],
  ['code wrong type', { type: 'error', code: 500, message: 'x' }, { field: 'code', code: 'bad_frame', rule: 'error-code' }],
  ['missing message', { type: 'error', code: 'internal' }, { field: 'message', code: 'bad_frame', rule: 'required' }],
  ['message wrong type', { type: 'error', code: 'internal', message: 42 }, { field: 'message', code: 'bad_frame', rule: 'type:string' }],
  ['field wrong type', { type: 'error', code: 'bad_frame', message: 'x', field: 1 }, { field: 'field', code: 'bad_frame', rule: 'type:string' }],
  ['rule wrong type', { type: 'error', code: 'bad_frame', message: 'x', rule: null }, { field: 'rule', code: 'bad_frame', rule: 'type:string' }],
  ['channel wrong type', { type: 'error', code: 'forbidden', message: 'x', channel: ['a'] }, { field: 'channel', code: 'bad_channel', rule: 'type:string' }],
  ['ref wrong type', { type: 'error', code: 'forbidden', message: 'x', ref: '1' }, { field: 'ref', code: 'bad_frame', rule: 'type:number' }],
  ['unknown field', { type: 'error', code: 'internal', message: 'x', detail: 'y' }, { field: 'detail', code: 'bad_frame', rule: 'unknown-field' }],
]);

cases('server frames: invalid heartbeat', [
  ['missing ts', { type: 'heartbeat', interval: 15000 }, { field: 'ts', code: 'bad_frame', rule: 'required' }],
  ['missing interval', { type: 'heartbeat', ts: 1 }, { field: 'interval', code: 'bad_frame', rule: 'required' }],
  ['ts wrong type', { type: 'heartbeat', ts: '1', interval: 15000 }, { field: 'ts', code: 'bad_frame', rule: 'type:number' }],
  ['interval wrong type', { type: 'heartbeat', ts: 1, interval: null }, { field: 'interval', code: 'bad_frame', rule: 'type:number' }],
  ['unknown field', { type: 'heartbeat', ts: 1, interval: 15000, seq: 1 }, { field: 'seq', code: 'bad_frame', rule: 'unknown-field' }],
]);

cases('server frames: invalid pong', [
  ['ts wrong type', { type: 'pong', ts: 'x' }, { field: 'ts', code: 'bad_frame', rule: 'type:number' }],
  ['ts null', { type: 'pong', ts: null }, { field: 'ts', code: 'bad_frame', rule: 'type:number' }],
  ['unknown field', { type: 'pong', ts: 1, ref: 1 }, { field: 'ref', code: 'bad_frame', rule: 'unknown-field' }],
]);

cases('server frames: invalid subscribed', [
  ['missing channel', { type: 'subscribed', recovered: true }, { field: 'channel', code: 'bad_frame', rule: 'required' }],
  ['bad channel', { type: 'subscribed', channel: 'a b', recovered: true }, { field: 'channel', code: 'bad_channel', rule: 'channel-name' }],
  ['leading-dot channel', { type: 'subscribed', channel: '.a', recovered: true }, { field: 'channel', code: 'bad_channel', rule: 'channel-name' }],
  ['missing recovered', { type: 'subscribed', channel: 'a' }, { field: 'recovered', code: 'bad_frame' }],
  ['recovered string', { type: 'subscribed', channel: 'a', recovered: 'yes' }, { field: 'recovered', code: 'bad_frame', rule: 'type:boolean' }],
  ['recovered number', { type: 'subscribed', channel: 'a', recovered: 1 }, { field: 'recovered', code: 'bad_frame', rule: 'type:boolean' }],
  ['ref wrong type', { type: 'subscribed', channel: 'a', recovered: true, ref: {} }, { field: 'ref', code: 'bad_frame', rule: 'type:number' }],
  ['unknown field', { type: 'subscribed', channel: 'a', recovered: true, channels: ['a'] }, { field: 'channels', code: 'bad_frame', rule: 'unknown-field' }],
]);

describe('server frames: properties', () => {
  const wellFormed = (result: Parsed<unknown>) => {
    assert.equal(typeof result.ok, 'boolean');
    if (!result.ok) {
      assert.ok(ERROR_CODES.includes(result.problem.code));
      assert.ok(result.problem.field.length > 0 && result.problem.rule.length > 0 && result.problem.message.length > 0);
    }
  };

  test('parseServerFrame never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (text) => wellFormed(parseServerFrame(text))), { numRuns: 300 });
  });

  test('parseServerFrame never throws on frame-like JSON', () => {
    const frameLike = fc.record({
      type: fc.oneof(fc.constantFrom<unknown>(...SERVER_FRAME_TYPES), fc.jsonValue()),
      channel: fc.oneof(fc.constant('a.b'), fc.jsonValue()),
      id: fc.oneof(fc.constant('0-1'), fc.jsonValue()),
      ts: fc.jsonValue(),
      data: fc.jsonValue(),
      events: fc.oneof(fc.array(fc.oneof(fc.constant(event), fc.jsonValue())), fc.jsonValue()),
      event: fc.oneof(fc.constant(event), fc.jsonValue()),
      code: fc.oneof(fc.constantFrom<unknown>(...ERROR_CODES), fc.jsonValue()),
      message: fc.jsonValue(),
      reason: fc.oneof(fc.constantFrom<unknown>(...RESET_REASONS), fc.jsonValue()),
      recovered: fc.jsonValue(),
      interval: fc.jsonValue(),
      partial: fc.jsonValue(),
    }, { requiredKeys: [] });
    fc.assert(fc.property(fc.oneof(frameLike, fc.jsonValue()), (value) => {
      wellFormed(validateServerFrame(value));
      wellFormed(parseServerFrame(JSON.stringify(value) ?? 'null'));
    }), { numRuns: 1000 });
  });

  test('validateServerFrame never throws on non-JSON values either', () => {
    fc.assert(fc.property(fc.anything({ withBigInt: true }), (value) => {
      wellFormed(validateServerFrame({ type: value }));
      wellFormed(validateServerFrame({ type: 'error', code: value, message: 'x' }));
    }));
  });
});
