/**
 * Events on their way: validateEventInput (publisher input), noticeFor / parseNotice (Redis),
 * parseLogRecord (Kafka value), and the wire shapes built from them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_CODES, type ErrorCode } from './codes.ts';
import {
  jsonSize, noticeFor, parseLogRecord, parseNotice, toWireEvent, validateEventInput, wireEventFromNotice,
  type LoggedEvent, type LogRecord, type Notice,
} from './events.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import { byteLength, parseJsonText, type Parsed } from './validation.ts';

interface Expected {
  field: string;
  code: ErrorCode;
  rule?: string | RegExp;
}

function expectProblem(result: Parsed<unknown>, expected: Expected): void {
  assert.equal(result.ok, false, `expected a problem, got ${JSON.stringify(result)?.slice(0, 300)}`);
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
  assert.equal(result.ok, true, `expected ok, got ${JSON.stringify(result)?.slice(0, 300)}`);
  if (result.ok) assert.deepEqual(result.value, expected);
}

/** Never throws: wraps a call so an exception fails with a clear message. */
function noThrow<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    assert.fail(`threw instead of returning a problem: ${(error as Error).message}`);
  }
}

const MAX_PAYLOAD = DEFAULT_LIMITS.maxPayloadBytes;

describe('validateEventInput: valid', () => {
  test('channel and data', () => {
    expectValue(validateEventInput({ channel: 'prices.BTC-USD', data: { price: 1 } }), { channel: 'prices.BTC-USD', data: { price: 1 } });
  });

  test('with ts and hint', () => {
    const input = { channel: 'metrics.web-1', data: { cpu: 0.5, mem: 0.7 }, ts: 1700000000000, hint: { cpu: 0.5 } };
    expectValue(validateEventInput(input), input);
  });

  test('any JSON value is data, including null, false, 0 and ""', () => {
    for (const data of [null, false, 0, '', [], {}, 'text', [1, [2, { a: null }]]]) {
      expectValue(validateEventInput({ channel: 'a', data }), { channel: 'a', data });
    }
  });

  test('a payload of exactly maxPayloadBytes is accepted', () => {
    const data = 'x'.repeat(MAX_PAYLOAD - 2); // plus two quotes
    assert.equal(byteLength(JSON.stringify(data)), MAX_PAYLOAD);
    assert.equal(validateEventInput({ channel: 'a', data }).ok, true);
  });
});

describe('validateEventInput: invalid', () => {
  test('not an object', () => {
    for (const value of [null, undefined, 'x', 1, [], [{ channel: 'a', data: 1 }]]) {
      expectProblem(validateEventInput(value), { field: '(event)', code: 'bad_frame', rule: 'type:object' });
    }
    expectProblem(validateEventInput(null, MAX_PAYLOAD, 'events[3]'), { field: 'events[3]', code: 'bad_frame', rule: 'type:object' });
  });

  test('missing channel', () => {
    expectProblem(validateEventInput({ data: 1 }), { field: 'channel', code: 'bad_frame', rule: 'required' });
  });

  test('bad channel', () => {
    const cases: Array<[unknown, string]> = [
      ['', 'non-empty'], ['a b', 'channel-name'], ['prices.*', 'channel-name'], ['metrics.>', 'channel-name'],
      ['.a', 'channel-name'], ['a.', 'channel-name'], ['a..b', 'channel-name'], ['x'.repeat(129), 'max-length:128'],
      [1, 'type:string'], [null, 'type:string'], [['a'], 'type:string'],
    ];
    for (const [channel, rule] of cases) {
      expectProblem(validateEventInput({ channel, data: 1 }), { field: 'channel', code: 'bad_channel', rule });
    }
  });

  test('data missing', () => {
    expectProblem(validateEventInput({ channel: 'a' }), { field: 'data', code: 'bad_frame', rule: 'required' });
    expectProblem(validateEventInput({ channel: 'a', data: undefined }), { field: 'data', code: 'bad_frame', rule: 'required' });
  });

  test('data with a cycle', () => {
    const data: Record<string, unknown> = { a: 1 };
    data.self = data;
    expectProblem(noThrow(() => validateEventInput({ channel: 'a', data })), { field: 'data', code: 'bad_frame', rule: 'json-serialisable' });
  });

  test('data with a BigInt, top-level and nested', () => {
    expectProblem(noThrow(() => validateEventInput({ channel: 'a', data: 10n })), { field: 'data', code: 'bad_frame', rule: 'json-serialisable' });
    expectProblem(noThrow(() => validateEventInput({ channel: 'a', data: { n: [1, 2n] } })), { field: 'data', code: 'bad_frame', rule: 'json-serialisable' });
  });

  test('data that JSON cannot represent at all (function, symbol)', () => {
    expectProblem(validateEventInput({ channel: 'a', data: () => 1 }), { field: 'data', code: 'bad_frame', rule: 'json-serialisable' });
    expectProblem(validateEventInput({ channel: 'a', data: Symbol('x') }), { field: 'data', code: 'bad_frame', rule: 'json-serialisable' });
  });

  test('data whose toJSON throws', () => {
    const data = { toJSON() { throw new Error('boom'); } };
    expectProblem(noThrow(() => validateEventInput({ channel: 'a', data })), { field: 'data', code: 'bad_frame', rule: 'json-serialisable' });
  });

  test('payload over the limit', () => {
    const data = 'x'.repeat(MAX_PAYLOAD - 1); // 65537 bytes with quotes
    expectProblem(validateEventInput({ channel: 'a', data }), { field: 'data', code: 'too_large', rule: `max-bytes:${MAX_PAYLOAD}` });
  });

  test('payload over the limit in UTF-8 bytes but not in characters', () => {
    const data = { text: 'é'.repeat(40000) };
    assert.ok(JSON.stringify(data).length < MAX_PAYLOAD);
    expectProblem(validateEventInput({ channel: 'a', data }), { field: 'data', code: 'too_large', rule: `max-bytes:${MAX_PAYLOAD}` });
  });

  test('the maxPayloadBytes argument is honoured', () => {
    assert.equal(validateEventInput({ channel: 'a', data: [1, 2, 3] }, 7).ok, true); // "[1,2,3]" is 7 bytes
    expectProblem(validateEventInput({ channel: 'a', data: [1, 2, 3] }, 6), { field: 'data', code: 'too_large', rule: 'max-bytes:6' });
  });

  test('unknown field', () => {
    expectProblem(validateEventInput({ channel: 'a', data: 1, id: '0-1' }), { field: 'id', code: 'bad_frame', rule: 'unknown-field' });
    expectProblem(validateEventInput({ channel: 'a', data: 1, partial: true }), { field: 'partial', code: 'bad_frame', rule: 'unknown-field' });
    expectProblem(validateEventInput({ channel: 'a', payload: 1 }), { field: 'payload', code: 'bad_frame', rule: 'unknown-field' });
  });

  test('bad ts', () => {
    for (const ts of ['1700000000000', null, true, Number.NaN, Infinity, -Infinity, 1n, new Date()]) {
      expectProblem(validateEventInput({ channel: 'a', data: 1, ts }), { field: 'ts', code: 'bad_frame', rule: 'type:number' });
    }
  });

  test('hint that cannot be serialised', () => {
    const hint: Record<string, unknown> = {};
    hint.self = hint;
    expectProblem(noThrow(() => validateEventInput({ channel: 'a', data: 1, hint })), { field: 'hint', code: 'bad_frame', rule: 'json-serialisable' });
    expectProblem(noThrow(() => validateEventInput({ channel: 'a', data: 1, hint: 5n })), { field: 'hint', code: 'bad_frame', rule: 'json-serialisable' });
  });

  test('the path prefixes every field', () => {
    const at = 'events[2]';
    expectProblem(validateEventInput({ data: 1 }, MAX_PAYLOAD, at), { field: 'events[2].channel', code: 'bad_frame', rule: 'required' });
    expectProblem(validateEventInput({ channel: '*', data: 1 }, MAX_PAYLOAD, at), { field: 'events[2].channel', code: 'bad_channel', rule: 'channel-name' });
    expectProblem(validateEventInput({ channel: 'a' }, MAX_PAYLOAD, at), { field: 'events[2].data', code: 'bad_frame', rule: 'required' });
    expectProblem(validateEventInput({ channel: 'a', data: 1, ts: 'x' }, MAX_PAYLOAD, at), { field: 'events[2].ts', code: 'bad_frame', rule: 'type:number' });
    expectProblem(validateEventInput({ channel: 'a', data: 1, x: 1 }, MAX_PAYLOAD, at), { field: 'events[2].x', code: 'bad_frame', rule: 'unknown-field' });
    expectProblem(validateEventInput({ channel: 'a', data: 'x'.repeat(10) }, 5, at), { field: 'events[2].data', code: 'too_large', rule: 'max-bytes:5' });
  });
});

describe('jsonSize and byteLength', () => {
  test('byteLength counts UTF-8 bytes', () => {
    assert.equal(byteLength(''), 0);
    assert.equal(byteLength('abc'), 3);
    assert.equal(byteLength('é'), 2);
    assert.equal(byteLength('€'), 3);
    assert.equal(byteLength('😀'), 4);
    assert.equal(byteLength('a€😀'), 8);
    assert.equal(byteLength('\ud800'), 3); // a lone surrogate is encoded as U+FFFD
  });

  test('jsonSize is the UTF-8 length of the JSON text', () => {
    expectValue(jsonSize({ a: 'é' }, 'x'), Buffer.byteLength('{"a":"é"}'));
    expectValue(jsonSize(null, 'x'), 4);
    expectProblem(jsonSize(undefined, 'x'), { field: 'x', code: 'bad_frame', rule: 'json-serialisable' });
  });

  test('parseJsonText names the field it was given', () => {
    expectProblem(parseJsonText('{', 10, '(thing)'), { field: '(thing)', code: 'bad_json', rule: 'json' });
    expectProblem(parseJsonText('[1,2,3]', 2, '(thing)'), { field: '(thing)', code: 'too_large', rule: 'max-bytes:2' });
  });
});

const logged: LoggedEvent = { channel: 'prices.BTC-USD', id: '0-42', ts: 1700000000000, data: { price: 64000, book: [1, 2, 3] }, hint: { price: 64000 } };

describe('noticeFor', () => {
  test('keeps a small hint and never carries data', () => {
    assert.deepEqual(noticeFor(logged), { channel: 'prices.BTC-USD', id: '0-42', ts: 1700000000000, hint: { price: 64000 } });
  });

  test('without a hint there is no hint key', () => {
    const { hint: _h, ...noHint } = logged;
    const notice = noticeFor(noHint);
    assert.deepEqual(notice, { channel: 'prices.BTC-USD', id: '0-42', ts: 1700000000000 });
    assert.ok(!('hint' in notice));
  });

  test('drops a hint over maxHintBytes', () => {
    const hint = 'x'.repeat(DEFAULT_LIMITS.maxHintBytes); // 514 bytes with quotes
    const notice = noticeFor({ ...logged, hint });
    assert.deepEqual(notice, { channel: logged.channel, id: logged.id, ts: logged.ts });
    assert.ok(!('hint' in notice));
  });

  test('keeps a hint of exactly maxHintBytes', () => {
    const hint = 'x'.repeat(DEFAULT_LIMITS.maxHintBytes - 2);
    assert.equal(noticeFor({ ...logged, hint }).hint, hint);
  });

  test('measures the hint in UTF-8 bytes', () => {
    const hint = 'é'.repeat(300); // 302 characters of JSON, 602 bytes
    assert.equal(noticeFor({ ...logged, hint }).hint, undefined);
    assert.equal(noticeFor({ ...logged, hint: 'é'.repeat(255) }).hint, 'é'.repeat(255)); // 512 bytes
  });

  test('honours the maxHintBytes argument', () => {
    assert.deepEqual(noticeFor({ ...logged, hint: [1, 2] }, 5).hint, [1, 2]); // "[1,2]" is 5 bytes
    assert.equal(noticeFor({ ...logged, hint: [1, 2] }, 4).hint, undefined);
  });

  test('drops an unserialisable hint instead of throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(noThrow(() => noticeFor({ ...logged, hint: 5n as never })).hint, undefined);
    assert.equal(noThrow(() => noticeFor({ ...logged, hint: cyclic as never })).hint, undefined);
  });
});

describe('parseNotice', () => {
  test('a notice from noticeFor round-trips', () => {
    const notice = noticeFor(logged);
    expectValue(parseNotice(JSON.stringify(notice)), notice);
    const { hint: _h, ...noHint } = logged;
    expectValue(parseNotice(JSON.stringify(noticeFor(noHint))), { channel: logged.channel, id: logged.id, ts: logged.ts });
  });

  test('the largest notice noticeFor can build fits the default limit', () => {
    const notice = noticeFor({
      channel: 'c'.repeat(DEFAULT_LIMITS.maxChannelLength),
      id: '999999999-9007199254740991',
      ts: -Number.MAX_VALUE,
      data: null,
      hint: 'é'.repeat((DEFAULT_LIMITS.maxHintBytes - 2) / 2),
    });
    assert.ok(notice.hint !== undefined);
    expectValue(parseNotice(JSON.stringify(notice)), notice);
  });

  const ok: Notice = { channel: 'a.b', id: '1-2', ts: 5 };
  const { channel: _c, ...noChannel } = ok;
  const { id: _i, ...noId } = ok;
  const { ts: _t, ...noTs } = ok;
  const cases: Array<[string, string, Expected]> = [
    ['bad JSON', '{"channel":', { field: '(notice)', code: 'bad_json', rule: 'json' }],
    ['empty text', '', { field: '(notice)', code: 'bad_json', rule: 'json' }],
    ['array', '[]', { field: '(notice)', code: 'bad_frame', rule: 'type:object' }],
    ['string', '"a"', { field: '(notice)', code: 'bad_frame', rule: 'type:object' }],
    ['null', 'null', { field: '(notice)', code: 'bad_frame', rule: 'type:object' }],
    ['too large', JSON.stringify({ ...ok, hint: 'x'.repeat(2000) }), { field: '(notice)', code: 'too_large', rule: `max-bytes:${DEFAULT_LIMITS.maxHintBytes + 512}` }],
    ['missing channel', JSON.stringify(noChannel), { field: 'channel', code: 'bad_frame', rule: 'required' }],
    ['bad channel', JSON.stringify({ ...ok, channel: 'a.*' }), { field: 'channel', code: 'bad_channel', rule: 'channel-name' }],
    ['missing id', JSON.stringify(noId), { field: 'id', code: 'bad_id', rule: 'required' }],
    ['bad id', JSON.stringify({ ...ok, id: '01-2' }), { field: 'id', code: 'bad_id', rule: 'event-id' }],
    ['missing ts', JSON.stringify(noTs), { field: 'ts', code: 'bad_frame', rule: 'required' }],
    ['ts wrong type', JSON.stringify({ ...ok, ts: '5' }), { field: 'ts', code: 'bad_frame', rule: 'type:number' }],
    ['unknown field (data never rides on a notice)', JSON.stringify({ ...ok, data: 1 }), { field: 'data', code: 'bad_frame', rule: 'unknown-field' }],
  ];
  for (const [name, text, expected] of cases) test(name, () => expectProblem(parseNotice(text), expected));

  test('the maxBytes argument is honoured', () => {
    const text = JSON.stringify(ok);
    expectValue(parseNotice(text, byteLength(text)), ok);
    expectProblem(parseNotice(text, byteLength(text) - 1), { field: '(notice)', code: 'too_large' });
  });
});

describe('parseLogRecord', () => {
  const record: LogRecord = { channel: 'metrics.web-1', ts: 1700000000000, data: { cpu: 0.4 }, hint: { cpu: 0.4 } };

  test('valid records, with and without hint', () => {
    expectValue(parseLogRecord(JSON.stringify(record)), record);
    const { hint: _h, ...noHint } = record;
    expectValue(parseLogRecord(JSON.stringify(noHint)), noHint);
    expectValue(parseLogRecord(JSON.stringify({ ...noHint, data: null })), { ...noHint, data: null });
  });

  test('a record with maximal data and an equally large hint is readable', () => {
    const data = 'é'.repeat((MAX_PAYLOAD - 2) / 2);
    const input = { channel: 'c'.repeat(DEFAULT_LIMITS.maxChannelLength), data, hint: data, ts: 1700000000000 };
    assert.equal(validateEventInput(input).ok, true);
    expectValue(parseLogRecord(JSON.stringify(input)), input);
  });

  const { channel: _c, ...noChannel } = record;
  const { ts: _t, ...noTs } = record;
  const { data: _d, ...noData } = record;
  const cases: Array<[string, string, Expected]> = [
    ['bad JSON', '{channel: "a"}', { field: '(record)', code: 'bad_json', rule: 'json' }],
    ['array', '[1]', { field: '(record)', code: 'bad_frame', rule: 'type:object' }],
    ['number', '1', { field: '(record)', code: 'bad_frame', rule: 'type:object' }],
    ['null', 'null', { field: '(record)', code: 'bad_frame', rule: 'type:object' }],
    ['too large', JSON.stringify({ ...record, data: 'x'.repeat(MAX_PAYLOAD * 2 + 1024) }), { field: '(record)', code: 'too_large', rule: `max-bytes:${MAX_PAYLOAD * 2 + 1024}` }],
    ['missing channel', JSON.stringify(noChannel), { field: 'channel', code: 'bad_frame', rule: 'required' }],
    ['bad channel', JSON.stringify({ ...record, channel: 'a b' }), { field: 'channel', code: 'bad_channel', rule: 'channel-name' }],
    ['missing ts', JSON.stringify(noTs), { field: 'ts', code: 'bad_frame', rule: 'required' }],
    ['ts wrong type', JSON.stringify({ ...record, ts: [] }), { field: 'ts', code: 'bad_frame', rule: 'type:number' }],
    ['missing data', JSON.stringify(noData), { field: 'data', code: 'bad_frame', rule: 'required' }],
    ['unknown field id', JSON.stringify({ ...record, id: '0-1' }), { field: 'id', code: 'bad_frame', rule: 'unknown-field' }],
  ];
  for (const [name, text, expected] of cases) test(name, () => expectProblem(parseLogRecord(text), expected));

  test('a hint too large for a readable log record is refused up front', () => {
    const input = { channel: 'a', data: 'x'.repeat(MAX_PAYLOAD - 2), hint: 'x'.repeat(MAX_PAYLOAD * 2), ts: 1 };
    expectProblem(validateEventInput(input), { field: 'hint', code: 'too_large', rule: `max-bytes:${MAX_PAYLOAD}` });
  });

  test('the largest record an accepted EventInput can build is readable back', () => {
    const input = { channel: 'a', data: 'x'.repeat(MAX_PAYLOAD - 2), hint: 'y'.repeat(MAX_PAYLOAD - 2), ts: 1 };
    assert.equal(validateEventInput(input).ok, true);
    expectValue(parseLogRecord(JSON.stringify(input)), input);
  });
});

describe('wire shapes', () => {
  test('toWireEvent keeps channel, id, ts and data, never the hint', () => {
    assert.deepEqual(toWireEvent(logged), { channel: logged.channel, id: logged.id, ts: logged.ts, data: logged.data });
  });

  test('wireEventFromNotice marks a hint as partial; no hint, no event', () => {
    const notice = noticeFor(logged);
    assert.deepEqual(wireEventFromNotice(notice), { channel: logged.channel, id: logged.id, ts: logged.ts, data: logged.hint, partial: true });
    assert.equal(wireEventFromNotice({ channel: 'a', id: '0-1', ts: 1 }), undefined);
    assert.deepEqual(wireEventFromNotice({ channel: 'a', id: '0-1', ts: 1, hint: null }), { channel: 'a', id: '0-1', ts: 1, data: null, partial: true });
  });
});
