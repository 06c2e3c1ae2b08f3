/**
 * How busy this gateway's event loop is: Node's event-loop utilisation over the last sample
 * period. Under load a preview arrives no earlier than its full event (both wait in the same
 * loop) yet costs every client a second frame (bench/gateway, docs/PERFORMANCE.md), so the hub
 * sheds previews while the loop is busier than `previewShedUtilization`.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

const SAMPLE_MS = 250;

export type UtilizationSource = (previous?: EventLoopUtilization) => EventLoopUtilization;

export class LoadGauge {
  private last: EventLoopUtilization;
  private utilization = 0;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly measure: UtilizationSource = (previous) => performance.eventLoopUtilization(previous), sampleMs = SAMPLE_MS) {
    this.last = measure();
    this.timer = setInterval(() => this.sample(), sampleMs);
    this.timer.unref();
  }

  /** Utilisation (0–1) of the last complete sample period. */
  get current(): number {
    return this.utilization;
  }

  sample(): void {
    const now = this.measure();
    this.utilization = this.measure(this.last).utilization;
    this.last = now;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
