/**
 * ChannelFeed's preview hold, with a recording subscriber: a notice's preview waits up to
 * `previewHoldMs` for its full event, so a client gets one frame per event when the log is
 * quick, and the preview still paints when the log lags (unless the loop itself ran the hold
 * late: then it is shed).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LoggedEvent, Notice, ResetReason, WireEvent } from '../protocol/index.ts';
import { ChannelFeed, type ChannelFeedOptions, type Subscriber } from './channel-feed.ts';
import type { Frame } from './frame.ts';

class RecordingSubscriber implements Subscriber {
  readonly live: WireEvent[] = [];
  readonly congested = false;
  deliverLive(event: WireEvent, _frame: Frame): void { this.live.push(event); }
  deliverBatch(_channel: string, events: WireEvent[]): void { this.live.push(...events); }
  deliverSnapshot(_channel: string, _event: WireEvent | null): void {}
  deliverReset(_channel: string, _reason: ResetReason): void {}
  previews(): string[] { return this.live.filter((event) => event.partial).map((event) => event.id); }
  fulls(): string[] { return this.live.filter((event) => !event.partial).map((event) => event.id); }
}

const CHANNEL = 'c.one';
const notice = (offset: number): Notice => ({ channel: CHANNEL, id: `0-${offset}`, ts: 1, hint: { n: offset } });
const logged = (offset: number): LoggedEvent => ({ channel: CHANNEL, id: `0-${offset}`, ts: 1, data: { n: offset } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function liveFeed(previewHoldMs: number, options: ChannelFeedOptions = {}): { feed: ChannelFeed; subscriber: RecordingSubscriber } {
  const feed = new ChannelFeed(CHANNEL, previewHoldMs, options);
  const subscriber = new RecordingSubscriber();
  feed.goLive(subscriber, feed.hold(subscriber), undefined);
  return { feed, subscriber };
}

describe('ChannelFeed preview hold', () => {
  it('sends a preview at once when the hold is 0', () => {
    const { feed, subscriber } = liveFeed(0);
    feed.deliverHint(notice(1));
    assert.deepEqual(subscriber.previews(), ['0-1']);
  });

  it('sends only the full event when it arrives within the hold', async () => {
    const { feed, subscriber } = liveFeed(30);
    feed.deliverHint(notice(1));
    assert.deepEqual(subscriber.previews(), [], 'the preview waits');
    feed.deliverFull(logged(1));
    await sleep(60);
    assert.deepEqual(subscriber.previews(), []);
    assert.deepEqual(subscriber.fulls(), ['0-1']);
    feed.dispose();
  });

  it('paints the preview after the hold when the full event is late, and the full event still follows', async () => {
    const { feed, subscriber } = liveFeed(20);
    feed.deliverHint(notice(1));
    await sleep(10);
    assert.deepEqual(subscriber.previews(), [], 'not before the hold is over');
    await sleep(40);
    assert.deepEqual(subscriber.previews(), ['0-1']);
    feed.deliverFull(logged(1));
    assert.deepEqual(subscriber.fulls(), ['0-1']);
    feed.dispose();
  });

  it('conflates previews held together to the newest, and keeps it when only an older full event arrives', async () => {
    const { feed, subscriber } = liveFeed(20);
    for (const offset of [1, 2, 3]) feed.deliverHint(notice(offset));
    feed.deliverFull(logged(1));
    await sleep(50);
    assert.deepEqual(subscriber.previews(), ['0-3']);
    assert.deepEqual(subscriber.fulls(), ['0-1']);
    feed.dispose();
  });

  it('sheds a held preview whose timer ran more than a hold late (the loop is behind), and the full event still follows', async () => {
    let clock = 0;
    let shed = 0;
    const { feed, subscriber } = liveFeed(10, { now: () => clock, onPreviewShed: () => shed++ });
    feed.deliverHint(notice(1));
    clock = 21; // the timer's callback runs 11 ms after it was due
    await sleep(40);
    assert.deepEqual(subscriber.previews(), []);
    assert.equal(shed, 1);
    feed.deliverFull(logged(1));
    assert.deepEqual(subscriber.fulls(), ['0-1']);
    feed.dispose();
  });

  it('still paints a preview whose timer was late by less than a hold', async () => {
    let clock = 0;
    let shed = 0;
    const { feed, subscriber } = liveFeed(10, { now: () => clock, onPreviewShed: () => shed++ });
    feed.deliverHint(notice(1));
    clock = 20;
    await sleep(40);
    assert.deepEqual(subscriber.previews(), ['0-1']);
    assert.equal(shed, 0);
    feed.dispose();
  });

  it('drops a held preview once the feed is disposed', async () => {
    const { feed, subscriber } = liveFeed(10);
    feed.deliverHint(notice(1));
    feed.dispose();
    await sleep(30);
    assert.deepEqual(subscriber.live, []);
  });
});
