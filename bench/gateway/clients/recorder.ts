/**
 * What the clients of one process saw, per rate step. An event belongs to the step whose
 * start precedes its publish timestamp, wherever it arrives in time, so a late delivery is
 * still charged to the load that caused it.
 */
import { Histogram } from '../histogram.ts';
import { now } from '../mix.ts';

export interface StepCounts {
  /** Distinct events delivered by the cutoff (one per event and client, however many frames carried it). */
  delivered: number;
  late: number;
  /** Event frames received: for rtdash a preview and its full event are two. */
  messages: number;
  /** WebSocket messages that carried event frames (rtdash joins a turn's frames into one). */
  socketMessages: number;
  /** rtdash only: full events (the Kafka path). */
  full: number;
  lastArrival: number;
  latency: Array<[number, number]>;
  fullLatency: Array<[number, number]>;
}

class StepStats {
  delivered = 0;
  /** Deliveries after the step's cutoff: too late to count. */
  late = 0;
  messages = 0;
  socketMessages = 0;
  full = 0;
  lastArrival = 0;
  readonly latency = new Histogram();
  readonly fullLatency = new Histogram();

  constructor(readonly fromTs: number, readonly cutoffTs: number) {}
}

export class Recorder {
  private readonly steps: StepStats[] = [];
  /** Connections closed by the server while the bench ran, by close code. */
  readonly closes = new Map<number, number>();

  /** Events published from `fromTs` on belong to this step; those delivered after `cutoffTs` are late. */
  beginStep(index: number, fromTs: number, cutoffTs: number): void {
    this.steps[index] = new StepStats(fromTs, cutoffTs);
  }

  /** An event message; `first` when this client had not seen that event yet. */
  event(publishTs: number, first: boolean): void {
    const step = this.stepOf(publishTs);
    if (!step) return; // warm-up traffic
    step.messages++;
    if (!first) return;
    const at = now();
    if (at > step.cutoffTs) {
      step.late++;
      return;
    }
    step.delivered++;
    step.latency.record(at - publishTs);
    if (at > step.lastArrival) step.lastArrival = at;
  }

  /** A WebSocket message whose first event frame was published at `publishTs`. */
  socketMessage(publishTs: number): void {
    const step = this.stepOf(publishTs);
    if (step) step.socketMessages++;
  }

  /** A full (non-preview) rtdash event, whether or not its preview came first. */
  fullEvent(publishTs: number): void {
    const step = this.stepOf(publishTs);
    const at = now();
    if (!step || at > step.cutoffTs) return;
    step.full++;
    step.fullLatency.record(at - publishTs);
  }

  closed(code: number): void {
    this.closes.set(code, (this.closes.get(code) ?? 0) + 1);
  }

  delivered(index: number): number {
    return this.steps[index]?.delivered ?? 0;
  }

  counts(index: number): StepCounts {
    const step = this.steps[index];
    if (!step) return { delivered: 0, late: 0, messages: 0, socketMessages: 0, full: 0, lastArrival: 0, latency: [], fullLatency: [] };
    return {
      delivered: step.delivered, late: step.late, messages: step.messages, socketMessages: step.socketMessages, full: step.full, lastArrival: step.lastArrival,
      latency: step.latency.toSparse(), fullLatency: step.fullLatency.toSparse(),
    };
  }

  private stepOf(publishTs: number): StepStats | undefined {
    for (let i = this.steps.length - 1; i >= 0; i--) {
      const step = this.steps[i];
      if (step && publishTs >= step.fromTs) return step;
    }
    return undefined;
  }
}
