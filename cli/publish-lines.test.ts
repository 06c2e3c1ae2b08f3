/** publishLines over an in-memory stream and the embedded log: batching, order, bad lines, a refusing log. */
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import type { EventInput, LoggedEvent } from '../protocol/index.ts';
import { EmbeddedLog } from '../publisher/embedded/embedded-log.ts';
import { publishLines, type PublishLinesOptions } from './publish-lines.ts';

function setup(overrides: Partial<PublishLinesOptions> = {}) {
  const log = new EmbeddedLog();
  const batches: number[] = [];
  const ids: string[] = [];
  const problems: string[] = [];
  const options: PublishLinesOptions = {
    maxBatch: 3,
    lingerMs: 5,
    maxPayloadBytes: 100,
    publishBatch: async (events: EventInput[]) => {
      batches.push(events.length);
      return log.append(events.map((event) => ({ channel: event.channel, data: event.data, ts: event.ts ?? 0 })));
    },
    onPublished: (events: LoggedEvent[]) => ids.push(...events.map((event) => event.id)),
    onProblem: (message: string) => problems.push(message),
    ...overrides,
  };
  return { log, batches, ids, problems, options };
}

describe('publishLines', () => {
  it('publishes full batches in input order, and the rest at the end', async () => {
    const { log, batches, ids, options } = setup({ channel: 'a' });
    const result = await publishLines(Readable.from(['1\n2\n3\n4\n', '5\n6\n7']), options);
    assert.deepEqual(result, { published: 7, badLines: 0, notPublished: 0 });
    assert.deepEqual(batches, [3, 3, 1]);
    const { events } = await log.read('a', undefined, 10);
    assert.deepEqual(events.map((event) => event.data), [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(ids, events.map((event) => event.id));
  });

  it('sends a trickle when input pauses, without waiting for a full batch', async () => {
    const { ids, options } = setup({ channel: 'a' });
    const input = new PassThrough();
    const done = publishLines(input, options);
    input.write('1\n');
    await sleep(50);
    assert.equal(ids.length, 1);
    input.end('2\n');
    assert.equal((await done).published, 2);
  });

  it('reads whole events without a channel; reports bad lines by number and publishes the rest', async () => {
    const { log, problems, options } = setup();
    const lines = ['{"channel":"a","data":1}', 'nope', '', '{"channel":"bad name","data":2}', '{"channel":"a"}', `{"channel":"a","data":"${'x'.repeat(200)}"}`, '{"channel":"a","data":3,"ts":5}'];
    const result = await publishLines(Readable.from([lines.join('\n')]), options);
    assert.deepEqual(result, { published: 2, badLines: 4, notPublished: 0 });
    assert.equal(problems.length, 4);
    assert.match(problems[0], /^line 2: not valid JSON/);
    assert.match(problems[1], /^line 4: channel "bad name" is not a valid channel name/);
    assert.match(problems[2], /^line 5: data is required/);
    assert.match(problems[3], /^line 6: data is \d+ bytes, over the limit of 100/);
    assert.deepEqual((await log.read('a', undefined, 10)).events.map((event) => [event.data, event.ts]), [[1, 0], [3, 5]]);
  });

  it('stops at the first write the log refuses', async () => {
    let calls = 0;
    const { problems, options } = setup({
      channel: 'a',
      publishBatch: async () => {
        calls++;
        throw new Error('log down');
      },
    });
    const result = await publishLines(Readable.from(['1\n2\n3\n4\n5\n6\n7\n8\n9\n']), options);
    assert.equal(calls, 1);
    assert.equal(result.published, 0);
    assert.ok(result.notPublished >= 3);
    assert.match(problems[0], /^lines 1-3 and everything after them were not published: log down/);
  });
});
