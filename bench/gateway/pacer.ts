/**
 * Publishes at a steady total rate for a fixed time: every tick it sends what the rate owes
 * since the start, round-robin over the channels, so each channel gets rate / channels
 * events/s. It never runs past its duration, and a stalled tick is made up by a bigger next
 * one (the target rate is what the system is offered, whether or not it copes).
 */
import { now, priceTick, type PriceTick } from './mix.ts';

export interface OutgoingEvent { channelIndex: number; data: PriceTick }

export interface StepPlan {
  rate: number;
  durationMs: number;
  /** Subscribers per channel index, to count what the clients are owed. */
  fanout: number[];
}

export interface StepOutcome {
  published: number;
  /** Deliveries owed to the clients: each event times its channel's subscribers. */
  expected: number;
  startTs: number;
  endTs: number;
}

const TICK_MS = 5;

export async function pace(plan: StepPlan, send: (events: OutgoingEvent[]) => void, seqStart = 0): Promise<StepOutcome> {
  const channels = plan.fanout.length;
  const startTs = now();
  let sent = 0;
  let expected = 0;
  for (;;) {
    const elapsed = Math.min(now() - startTs, plan.durationMs);
    const due = Math.floor((plan.rate * elapsed) / 1000) - sent;
    if (due > 0) {
      const ts = now();
      const events: OutgoingEvent[] = [];
      for (let i = 0; i < due; i++) {
        const seq = seqStart + sent + i;
        const channelIndex = seq % channels;
        events.push({ channelIndex, data: priceTick(channelIndex, seq, ts) });
        expected += plan.fanout[channelIndex];
      }
      sent += due;
      send(events);
    }
    if (elapsed >= plan.durationMs) break;
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  return { published: sent, expected, startTs, endTs: now() };
}
