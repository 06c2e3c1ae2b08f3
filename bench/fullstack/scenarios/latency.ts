/**
 * Scenario 1, publish-to-screen latency: the publisher sends numbered events over `channels`
 * channels at each rate; two Chromium pages (one over WebSocket, one over SSE, both through
 * nginx) each show `perPage` of the channels in <rt-flashing-value>, and time each value from
 * the publisher's send timestamp to the moment it is in the DOM. A bare Node WebSocket client on
 * the first page's channels times the same events at arrival on the wire, so the table tells
 * the server's share of the latency from the browser's, and the publisher's acknowledgement
 * times (send time to the Kafka write resolving, after which the notice goes out) tell the
 * publisher's share of that.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { launchChromium } from '../../../e2e/support.ts';
import { Samples } from '../../publisher/stats.ts';
import { openLatencyPages } from '../latency-pages.ts';
import { SequencedPublisher } from '../sequenced-publisher.ts';
import { startFullStack } from '../stack.ts';
import { openWireProbe } from '../wire-probe.ts';

/** The row of the publisher's acknowledgement times (per batch, not per event). */
export const PUBLISHER_ACK = 'publisher ack (Kafka write, per batch)';

export interface LatencyOptions {
  rates: number[];
  channels: number;
  perPage: number;
  warmMs: number;
  windowMs: number;
  log: (line: string) => void;
}

export interface LatencyRow {
  rate: number;
  transport: string;
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Events the publisher had acknowledged ÷ sent during the window. */
  acked: number;
  sent: number;
}

export async function runLatency(options: LatencyOptions): Promise<LatencyRow[]> {
  const stack = await startFullStack({ log: options.log });
  const browser = await launchChromium();
  const rows: LatencyRow[] = [];
  try {
    const channels = Array.from({ length: options.channels }, (_, i) => `fullstack.latency.${i}`);
    const publisher = new SequencedPublisher(stack.publisher.publisher, channels, { eventsPerSecond: options.rates[0] });
    publisher.start();
    const transports = ['websocket', 'sse'] as const;
    const pages = await openLatencyPages(browser, stack.nginx.httpUrl, stack.nginx.wsUrl, transports.map((transport, i) => ({
      transport, channels: channels.slice(i * options.perPage, (i + 1) * options.perPage),
    })));
    // A bare Node client on the WebSocket page's channels: the server's share of the latency.
    const probe = await openWireProbe(stack.nginx.wsUrl, channels.slice(0, options.perPage));
    try {
      for (const rate of options.rates) {
        publisher.setRate(rate);
        await sleep(options.warmMs);
        await pages.reset();
        probe.reset();
        publisher.takeAckTimes();
        const before = publisher.progress();
        await sleep(options.windowMs);
        const after = publisher.progress();
        const perPage = await pages.collect();
        const wire = probe.samples();
        const acks = publisher.takeAckTimes();
        const measuredAt = [...transports, 'wire (Node ws, no page)', PUBLISHER_ACK];
        for (const [i, values] of [...perPage, wire, acks].entries()) {
          const samples = new Samples();
          for (const value of values) samples.add(value);
          rows.push({
            rate, transport: measuredAt[i], samples: samples.count,
            p50: samples.percentile(50), p95: samples.percentile(95), p99: samples.percentile(99), max: samples.max(),
            acked: after.acked - before.acked, sent: after.published - before.published,
          });
        }
        options.log(`latency at ${rate} events/s: ${rows.slice(-measuredAt.length).map((row) => `${row.transport} p99 ${row.p99.toFixed(1)} ms (${row.samples})`).join(', ')}`);
      }
    } finally {
      probe.close();
      await publisher.stop();
      await pages.close();
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  return rows;
}
