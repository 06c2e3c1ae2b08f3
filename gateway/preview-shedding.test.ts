/**
 * Previews are the first thing a busy gateway leaves out: above `previewShedUtilization` of
 * event-loop utilisation a notice paints nothing (the full event still follows from the log),
 * nor does a held preview whose hold timer the loop ran more than a hold late.
 * LoadGauge itself is checked with a scripted utilisation source.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventLoopUtilization } from 'node:perf_hooks';
import type { ResetReason, WireEvent } from '../protocol/index.ts';
import { EmbeddedBus } from '../publisher/embedded/embedded-bus.ts';
import { EmbeddedLog } from '../publisher/embedded/embedded-log.ts';
import type { Subscriber } from './channel-feed.ts';
import { Hub } from './hub.ts';
import { LoadGauge } from './load-gauge.ts';
import { GatewayMetrics } from './metrics.ts';
import { DEFAULT_GATEWAY_SETTINGS } from './options.ts';

class Recorder implements Subscriber {
  readonly live: WireEvent[] = [];
  readonly congested = false;
  deliverLive(event: WireEvent): void { this.live.push(event); }
  deliverBatch(_channel: string, events: WireEvent[]): void { this.live.push(...events); }
  deliverSnapshot(): void {}
  deliverReset(_channel: string, _reason: ResetReason): void {}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function previewsAt(utilization: number, previewHoldMs = 0, blockLoopMs = 0): Promise<{ previews: number; shed: number }> {
  const bus = new EmbeddedBus();
  const metrics = new GatewayMetrics({ defaultMetrics: false });
  const settings = { ...DEFAULT_GATEWAY_SETTINGS, previewHoldMs };
  const hub = new Hub(new EmbeddedLog(), bus, settings, metrics, { current: utilization, stop: () => {} });
  await hub.start();
  const subscriber = new Recorder();
  await hub.subscribe(subscriber, 'shed.a');
  await bus.publish([{ channel: 'shed.a', id: '0-7', ts: Date.now(), hint: { price: 1 } }]);
  await Promise.resolve(); // the embedded bus delivers on a microtask: the preview is held now
  // A busy loop: the hold's timer cannot run until this turn ends.
  for (const until = performance.now() + blockLoopMs; performance.now() < until;);
  await sleep(20 + previewHoldMs);
  await hub.stop();
  const shed = (await metrics.previewsShed.get()).values[0]?.value ?? 0;
  return { previews: subscriber.live.filter((event) => event.partial).length, shed };
}

describe('preview shedding', () => {
  it('paints a notice\'s preview while the loop is not busy', async () => {
    assert.deepEqual(await previewsAt(0.2), { previews: 1, shed: 0 });
  });

  it('sheds it, and counts it, while the loop is busier than previewShedUtilization', async () => {
    assert.deepEqual(await previewsAt(DEFAULT_GATEWAY_SETTINGS.previewShedUtilization + 0.1), { previews: 0, shed: 1 });
  });

  it('sheds, and counts, a held preview whose hold timer the loop ran more than a hold late', async () => {
    assert.deepEqual(await previewsAt(0.2, 5, 30), { previews: 0, shed: 1 });
  });

  it('paints a held preview whose hold timer ran on time', async () => {
    assert.deepEqual(await previewsAt(0.2, 50, 0), { previews: 1, shed: 0 });
  });

  it('LoadGauge reports the utilisation of the last sample period', () => {
    let active = 0;
    const at = (ms: number): EventLoopUtilization => ({ idle: ms - active, active, utilization: 0 });
    let clock = 0;
    const measure = (previous?: EventLoopUtilization): EventLoopUtilization => {
      const now = at(clock);
      if (!previous) return now;
      const activeDelta = now.active - previous.active;
      const total = activeDelta + now.idle - previous.idle;
      return { idle: now.idle - previous.idle, active: activeDelta, utilization: total > 0 ? activeDelta / total : 0 };
    };
    const gauge = new LoadGauge(measure, 60_000);
    try {
      clock = 100; active = 80;
      gauge.sample();
      assert.equal(gauge.current, 0.8);
      clock = 200; active = 90;
      gauge.sample();
      assert.equal(gauge.current, 0.1);
    } finally {
      gauge.stop();
    }
  });
});
