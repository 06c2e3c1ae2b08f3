import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { compareIds, type LogRecord, type LoggedEvent, type Notice, type NoticeBus } from '../protocol/index.ts';
import { DualPublisher, PublishError, type DualPublisherOptions } from './dual-publisher.ts';
import { EmbeddedBus } from './embedded/embedded-bus.ts';
import { EmbeddedLog } from './embedded/embedded-log.ts';

/** The embedded log, with every append recorded and an optional gate that holds appends back. */
class GatedLog extends EmbeddedLog {
  readonly appends: number[] = [];
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;

  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.gate = undefined;
    this.openGate?.();
  }

  override async append(records: LogRecord[]): Promise<LoggedEvent[]> {
    this.appends.push(records.length);
    if (this.gate) await this.gate;
    return super.append(records);
  }
}

/** The embedded bus, with every publish call (one Redis pipeline each) recorded. */
class RecordingBus extends EmbeddedBus {
  readonly calls: Notice[][] = [];
  failing = false;

  override async publish(notices: Notice[]): Promise<void> {
    this.calls.push(notices);
    if (this.failing) throw new Error('bus down');
    return super.publish(notices);
  }
}

function listen(bus: NoticeBus, ...channels: string[]): Notice[] {
  const notices: Notice[] = [];
  for (const channel of channels) void bus.subscribe(channel);
  bus.onNotice((notice) => notices.push(notice));
  return notices;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const quiet = { onBusError: () => {}, onBreakerChange: () => {}, onHintError: () => {} };

function setup(options: Partial<DualPublisherOptions> = {}) {
  const log = new GatedLog({ partitions: 3 });
  const bus = new RecordingBus();
  const publisher = new DualPublisher({ log, bus, ...quiet, ...options });
  return { log, bus, publisher };
}

describe('DualPublisher on the embedded log and bus', () => {
  it('writes the full event to the log, then announces a notice with only the hint', async () => {
    const { log, bus, publisher } = setup();
    const notices = listen(bus, 'prices.AAPL');
    const event = await publisher.publish({ channel: 'prices.AAPL', data: { price: 10, depth: [1, 2, 3] }, hint: { price: 10 } });
    await tick();
    assert.deepEqual((await log.latest('prices.AAPL'))?.data, { price: 10, depth: [1, 2, 3] });
    assert.deepEqual(notices, [{ channel: 'prices.AAPL', id: event.id, ts: event.ts, hint: { price: 10 } }]);
  });

  it('leaves out a hint over the cap instead of sending a large notice', async () => {
    const { bus, publisher } = setup({ maxHintBytes: 16 });
    const notices = listen(bus, 'a');
    await publisher.publish({ channel: 'a', data: 1, hint: { text: 'x'.repeat(50) } });
    await tick();
    assert.equal(notices.length, 1);
    assert.equal('hint' in notices[0], false);
    assert.equal(publisher.metrics().hintsOmitted, 1);
  });

  it('rejects bad input with a clear error and publishes nothing', async () => {
    const { log, publisher } = setup({ maxPayloadBytes: 100, maxBatchSize: 3 });
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
      await assert.rejects(publisher.publish(input as never), (error: Error) => error instanceof PublishError && error.reason === 'invalid' && message.test(error.message));
    }
    await assert.rejects(publisher.publishBatch(Array.from({ length: 4 }, () => ({ channel: 'a', data: 1 }))),
      (error: PublishError) => /over the limit of 3/.test(error.message) && error.problem?.code === 'too_large');
    await assert.rejects(publisher.publishBatch([{ channel: 'a', data: 1 }, { channel: 'a b', data: 1 }]), /events\[1\]\.channel/);
    await assert.rejects(publisher.publishBatch('nope' as never), /events must be an array/);
    assert.equal(await log.latest('a'), undefined);
    assert.deepEqual(log.appends, [], 'nothing reached the log');
    assert.equal(publisher.metrics().eventsRejected, 5 + 4 + 2 + 1);
  });

  it('still resolves when the bus fails, and counts the dropped notices', async () => {
    const errors: unknown[] = [];
    const { bus, publisher } = setup({ onBusError: (error) => errors.push(error) });
    bus.failing = true;
    const events = await publisher.publishBatch([{ channel: 'a', data: 1 }, { channel: 'b', data: 2 }]);
    await tick();
    assert.equal(events.length, 2);
    assert.equal(publisher.metrics().noticesDropped, 2);
    assert.equal(publisher.metrics().noticeDrops.busError, 2);
    assert.equal(publisher.stats.noticesDropped, 2, 'the first version\'s counters still answer');
    assert.equal(errors.length, 1);
  });

  it('does not announce an event the log refused', async () => {
    const { log, bus, publisher } = setup();
    const notices = listen(bus, 'a');
    await log.close();
    await assert.rejects(publisher.publish({ channel: 'a', data: 1 }), (error: PublishError) => error.reason === 'log-failed' && /event log refused the write: embedded log is closed/.test(error.message));
    await tick();
    assert.deepEqual(notices, []);
    assert.equal(publisher.metrics().eventsFailed, 1);
  });
});

describe('DualPublisher coalescing', () => {
  it('sends concurrent single publishes as one log request and one bus publish, each caller with its own id', async () => {
    const { log, bus, publisher } = setup();
    const events = await Promise.all(Array.from({ length: 200 }, (_, n) => publisher.publish({ channel: `c.${n % 7}`, data: { n }, hint: n })));
    assert.deepEqual(log.appends, [200]);
    assert.equal(new Set(events.map((event) => event.id)).size, 200);
    events.forEach((event, n) => assert.deepEqual(event.data, { n }));
    await tick();
    assert.equal(bus.calls.length, 1, 'one pipeline');
    assert.deepEqual(bus.calls[0].map((notice) => notice.id), events.map((event) => event.id));
    const metrics = publisher.metrics();
    assert.equal(metrics.logAppends, 1);
    assert.equal(metrics.eventsPublished, 200);
    assert.equal(metrics.ackLatency.count, 1);
  });

  it('keeps each channel in call order across requests and never splits a batch', async () => {
    const { log, publisher } = setup({ maxEventsPerAppend: 5 });
    log.hold();
    const calls: Promise<LoggedEvent[]>[] = [];
    for (let n = 0; n < 20; n++) {
      calls.push(n % 4 === 0
        ? publisher.publishBatch(Array.from({ length: 7 }, (_, i) => ({ channel: 'ordered', data: { n, i } })))
        : publisher.publish({ channel: 'ordered', data: { n, i: 0 } }).then((event) => [event]));
    }
    await sleep(5);
    log.release();
    const written = (await Promise.all(calls)).flat();
    for (let i = 1; i < written.length; i++) assert.ok(compareIds(written[i].id, written[i - 1].id) > 0, 'ids grow in call order');
    assert.ok(log.appends.includes(7), 'a batch of 7 went whole although requests hold 5');
    assert.ok(log.appends.every((size) => size <= 7));
    assert.equal(log.appends.reduce((sum, size) => sum + size, 0), 5 * 7 + 15);
  });

  it('gives every caller of a failed request its own rejection, and the next request starts clean', async () => {
    const { log, publisher } = setup();
    const failing = log.append.bind(log);
    let fail = true;
    log.append = async (records) => {
      if (fail) throw new Error('disk on fire');
      return failing(records);
    };
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, n) => publisher.publish({ channel: 'a', data: n })));
    assert.ok(results.every((result) => result.status === 'rejected' && /disk on fire/.test(String(result.reason))));
    fail = false;
    assert.equal((await publisher.publish({ channel: 'a', data: 'ok' })).data, 'ok');
    assert.equal(publisher.metrics().eventsFailed, 10);
  });
});

describe('DualPublisher backpressure and timeouts', () => {
  it('rejects a publish that finds the queue full after queueTimeoutMs, naming the limit, and holds no more than the limit', async () => {
    const { log, publisher } = setup({ maxQueuedEvents: 5, maxBatchSize: 5, queueTimeoutMs: 50 });
    log.hold();
    const accepted = [publisher.publishBatch(Array.from({ length: 3 }, (_, n) => ({ channel: 'a', data: n }))), publisher.publish({ channel: 'a', data: 3 }), publisher.publish({ channel: 'a', data: 4 })];
    const started = Date.now();
    await assert.rejects(publisher.publish({ channel: 'a', data: 5 }), (error: PublishError) =>
      error.reason === 'queue-full' && /maxQueuedEvents 5/.test(error.message));
    assert.ok(Date.now() - started >= 45, 'waited for room first');
    assert.equal(publisher.metrics().queue.heldEvents, 5);
    assert.equal(publisher.metrics().eventsRejected, 1);
    log.release();
    assert.equal((await Promise.all(accepted)).flat().length, 5);
    assert.equal(publisher.metrics().queue.heldEvents, 0);
  });

  it('lets a waiting publish in when room frees up in time', async () => {
    const { log, publisher } = setup({ maxQueuedEvents: 2, maxBatchSize: 2, queueTimeoutMs: 1000 });
    log.hold();
    const first = publisher.publishBatch([{ channel: 'a', data: 1 }, { channel: 'a', data: 2 }]);
    const waiting = publisher.publish({ channel: 'a', data: 3 });
    await sleep(10);
    assert.equal(publisher.metrics().queue.waitingEvents, 1);
    log.release();
    await first;
    assert.equal((await waiting).data, 3);
  });

  it('rejects within appendTimeoutMs when the log does not answer, and never announces a write that lands late', async () => {
    const { log, bus, publisher } = setup({ appendTimeoutMs: 60, logName: 'Kafka topic t at 127.0.0.1:1' });
    const notices = listen(bus, 'a');
    log.hold();
    const started = Date.now();
    const first = publisher.publish({ channel: 'a', data: 1 });
    await sleep(20);
    const second = publisher.publish({ channel: 'a', data: 2 });
    await assert.rejects(first, (error: PublishError) => error.reason === 'timeout' &&
      /^publish timed out: Kafka topic t at 127\.0\.0\.1:1 did not acknowledge within 60 ms \(appendTimeoutMs\)$/.test(error.message));
    assert.ok(Date.now() - started < 200, `rejected after ${Date.now() - started} ms`);
    await assert.rejects(second, /within 60 ms \(appendTimeoutMs\) \(it was still queued behind an earlier write\)/);

    log.release(); // the first write lands after its caller was told it timed out
    await sleep(20);
    assert.deepEqual(log.appends, [1], 'the second write, still queued at its deadline, was never sent');
    assert.equal((await log.latest('a'))?.data, 1);
    assert.deepEqual(notices, [], 'a write that timed out is never announced');
    const metrics = publisher.metrics();
    assert.equal(metrics.eventsFailed, 2);
    assert.equal(metrics.eventsWrittenLate, 1);
    assert.equal(metrics.queue.heldEvents, 0);
  });
});

describe('DualPublisher close()', () => {
  it('refuses new publishes, and resolves once everything accepted is written and announced', async () => {
    const { log, bus, publisher } = setup({ maxQueuedEvents: 3, maxBatchSize: 3, queueTimeoutMs: 5000 });
    const notices = listen(bus, 'a');
    log.hold();
    const accepted = [publisher.publishBatch([{ channel: 'a', data: 1 }, { channel: 'a', data: 2 }]), publisher.publish({ channel: 'a', data: 3 })];
    const waitingForRoom = publisher.publish({ channel: 'a', data: 4 });
    let closed = false;
    const closing = publisher.close().then(() => { closed = true; });
    assert.equal(publisher.close(), publisher.close(), 'idempotent');
    await assert.rejects(waitingForRoom, (error: PublishError) => error.reason === 'closing' && /publisher is closing/.test(error.message));
    await assert.rejects(publisher.publish({ channel: 'a', data: 5 }), /publisher is closing/);
    await sleep(10);
    assert.equal(closed, false, 'still writing what it accepted');
    log.release();
    await closing;
    assert.equal((await Promise.all(accepted)).flat().length, 3);
    await tick();
    assert.deepEqual(notices.map((notice) => notice.channel), ['a', 'a', 'a'], 'announced before close resolved');
    assert.equal(publisher.metrics().closing, true);
    assert.equal(publisher.metrics().eventsRejected, 2);
  });
});

describe('DualPublisher notice breaker', () => {
  it('stops trying a failing bus after repeated failures, counts what it drops, and probes its way back', async () => {
    const states: string[] = [];
    const { bus, publisher } = setup({ noticeBreaker: { failureThreshold: 2, cooldownMs: 50 }, onBreakerChange: (state) => states.push(state) });
    const notices = listen(bus, 'a');
    bus.failing = true;
    for (let n = 0; n < 5; n++) {
      await publisher.publish({ channel: 'a', data: n });
      await tick();
    }
    assert.equal(bus.calls.length, 2, 'two failures, then no more tries');
    assert.equal(publisher.metrics().breaker.state, 'open');
    assert.deepEqual(publisher.metrics().noticeDrops, { busError: 2, breakerOpen: 3, overload: 0 });

    bus.failing = false;
    await sleep(60);
    const back = await publisher.publish({ channel: 'a', data: 'back' });
    await tick();
    assert.equal(publisher.metrics().breaker.state, 'closed');
    assert.deepEqual(notices.map((notice) => notice.id), [back.id]);
    assert.deepEqual(states, ['open', 'half-open', 'closed']);
    assert.equal(publisher.metrics().noticesSent, 1);
  });

  it('drops notices past maxPendingNotices instead of piling them up behind a slow bus', async () => {
    let answer!: () => void;
    const slowBus: NoticeBus = {
      publish: () => new Promise<void>((resolve) => (answer = resolve)),
      subscribe: async () => {}, unsubscribe: async () => {}, onNotice: () => () => {}, close: async () => {},
    };
    const publisher = new DualPublisher({ log: new EmbeddedLog(), bus: slowBus, maxPendingNotices: 3, ...quiet });
    await publisher.publishBatch([{ channel: 'a', data: 1 }, { channel: 'a', data: 2 }]);
    await publisher.publishBatch([{ channel: 'a', data: 3 }, { channel: 'a', data: 4 }]);
    assert.equal(publisher.metrics().pendingNotices, 2);
    assert.equal(publisher.metrics().noticeDrops.overload, 2);
    answer();
    await publisher.close();
    assert.equal(publisher.metrics().noticesSent, 2);
  });
});

describe('DualPublisher hints', () => {
  it('projects hints per channel pattern, lets a per-call hint win, and never sends the payload', async () => {
    const hintErrors: string[] = [];
    const { log, bus, publisher } = setup({
      maxHintBytes: 40,
      onHintError: (error, channel, pattern) => hintErrors.push(`${pattern} ${channel} ${error.message}`),
      hints: {
        'prices.*': (data) => ({ price: (data as { price: number }).price }),
        'blobs.*': (data) => data,
        'broken.*': () => { throw new Error('no price'); },
      },
    });
    const notices = listen(bus, 'prices.X', 'blobs.Y', 'broken.Z', 'plain');
    const book = { price: 10, bids: Array.from({ length: 50 }, (_, i) => i) };
    const [projected, own, tooBig, broken, plain] = await publisher.publishBatch([
      { channel: 'prices.X', data: book },
      { channel: 'prices.X', data: book, hint: { mine: true } },
      { channel: 'blobs.Y', data: { blob: 'x'.repeat(100) } },
      { channel: 'broken.Z', data: 1 },
      { channel: 'plain', data: 2 },
    ]);
    await tick();
    assert.deepEqual(projected.hint, { price: 10 });
    assert.deepEqual(own.hint, { mine: true });
    assert.equal(tooBig.hint, undefined, 'a projection over the cap is not stored either');
    assert.equal(broken.hint, undefined);
    assert.equal(plain.hint, undefined);
    assert.deepEqual(notices.map((notice) => notice.hint), [{ price: 10 }, { mine: true }, undefined, undefined, undefined]);
    for (const notice of notices) assert.deepEqual(Object.keys(notice).filter((key) => !['channel', 'id', 'ts', 'hint'].includes(key)), []);
    assert.deepEqual((await log.latest('prices.X'))?.data, book, 'the full event is in the log');
    assert.deepEqual(hintErrors, ['broken.* broken.Z no price']);
    const metrics = publisher.metrics();
    assert.equal(metrics.hintsOmitted, 1);
    assert.equal(metrics.hintsFailed, 1);
  });
});

describe('DualPublisher options', () => {
  it('refuses settings that cannot work', () => {
    const base = { log: new EmbeddedLog(), bus: new EmbeddedBus() };
    assert.throws(() => new DualPublisher({ ...base, maxBatchSize: 20, maxQueuedEvents: 10 }), /maxBatchSize \(20\) must not exceed maxQueuedEvents \(10\)/);
    assert.throws(() => new DualPublisher({ ...base, appendTimeoutMs: 0 }), /appendTimeoutMs must be a positive number/);
    assert.throws(() => new DualPublisher({ ...base, queueTimeoutMs: -1 }), /queueTimeoutMs must be 0 or more/);
    assert.throws(() => new DualPublisher({ ...base, hints: { 'a b': () => 1 } }), /not a channel pattern/);
  });
});
