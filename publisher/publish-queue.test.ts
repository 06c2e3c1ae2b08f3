import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { PublishQueue, QueueFullError } from './publish-queue.ts';

const item = (name: string, size = 1) => ({ name, size });
type Item = ReturnType<typeof item>;

function queue(maxEvents: number, timeoutMs: number, admitted: string[] = []) {
  return new PublishQueue<Item>({ maxEvents, timeoutMs, onAdmit: (admittedItem) => admitted.push(admittedItem.name) });
}

describe('PublishQueue', () => {
  it('admits up to the limit, then lets waiting callers in, in order, as room is released', async () => {
    const admitted: string[] = [];
    const q = queue(3, 1000, admitted);
    await q.add(item('a', 2));
    await q.add(item('b'));
    const later = [q.add(item('c', 2)), q.add(item('d'))];
    assert.deepEqual(admitted, ['a', 'b']);
    assert.equal(q.heldEvents, 3);
    assert.equal(q.waitingEvents, 3);
    assert.deepEqual(q.take(10).map((i) => i.name), ['a', 'b']);
    assert.equal(q.heldEvents, 3, 'taken items hold their room until released');
    q.release(2);
    await later[0];
    assert.deepEqual(admitted, ['a', 'b', 'c'], 'd still does not fit');
    assert.equal(q.heldEvents, 3);
    q.release(1);
    await later[1];
    assert.deepEqual(admitted, ['a', 'b', 'c', 'd']);
    assert.equal(q.waitingEvents, 0);
  });

  it('never lets a newcomer overtake a caller already waiting, even when the newcomer would fit', async () => {
    const admitted: string[] = [];
    const q = queue(3, 1000, admitted);
    await q.add(item('a', 2));
    const big = q.add(item('big', 2));
    const small = q.add(item('small', 1));
    await sleep(5);
    assert.deepEqual(admitted, ['a'], 'small would fit but waits behind big');
    q.release(2);
    await Promise.all([big, small]);
    assert.deepEqual(admitted, ['a', 'big', 'small']);
  });

  it('rejects after the timeout with an error that names the limit, and at once with timeout 0', async () => {
    const q = queue(1, 30);
    await q.add(item('a'));
    const started = Date.now();
    await assert.rejects(q.add(item('b')), (error: Error) => error instanceof QueueFullError && /maxQueuedEvents 1/.test(error.message) && /30 ms/.test(error.message));
    assert.ok(Date.now() - started >= 25);
    assert.equal(q.waitingEvents, 0, 'a caller that gave up leaves the line');

    const strict = queue(1, 0);
    await strict.add(item('a'));
    await assert.rejects(strict.add(item('b')), /publish queue is full: 1 events are waiting .*maxQueuedEvents 1/);
  });

  it('refuses at once what can never fit, and bounds the line of waiting callers too', async () => {
    const q = queue(2, 1000);
    await assert.rejects(q.add(item('huge', 3)), /a batch of 3 events can never fit the publish queue \(maxQueuedEvents 2\)/);
    await q.add(item('a', 2));
    const waiting = q.add(item('b', 2));
    await assert.rejects(q.add(item('c')), QueueFullError, 'the line already holds maxEvents events');
    q.refuseWaiting(new Error('closing'));
    await assert.rejects(waiting, /closing/);
    assert.equal(q.waitingEvents, 0);
  });

  it('lets smaller callers in when a large one at the head of the line gives up', async () => {
    const admitted: string[] = [];
    const q = queue(3, 20, admitted);
    await q.add(item('a', 2));
    const big = q.add(item('big', 2));
    const small = q.add(item('small', 1));
    await assert.rejects(big, QueueFullError);
    await small;
    assert.deepEqual(admitted, ['a', 'small']);
  });

  it('takes at most the asked number of events but always one item, and drops removed items', async () => {
    const q = queue(100, 0);
    const items = [item('a', 3), item('b', 3), item('c', 10), item('d', 1), item('e', 1)];
    for (const queued of items) await q.add(queued);
    assert.equal(q.remove(items[3]), true);
    assert.equal(q.remove(items[3]), false, 'only once');
    assert.deepEqual(q.take(5).map((i) => i.name), ['a'], 'a and b together would pass 5');
    assert.deepEqual(q.take(0).map((i) => i.name), ['b'], 'always at least one item');
    assert.deepEqual(q.take(5).map((i) => i.name), ['c'], 'an item larger than the limit goes alone');
    assert.deepEqual(q.take(5).map((i) => i.name), ['e'], 'the removed item is skipped');
    assert.equal(q.readyEvents, 0);
    assert.equal(q.heldEvents, 18, 'removing or taking does not release room');
  });
});
