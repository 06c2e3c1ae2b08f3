/**
 * A publisher under test takes the paced events fire-and-forget (as a service publishing
 * ticks would) and counts what failed; settle() waits for what is still in flight.
 */
import { pace, type OutgoingEvent, type StepOutcome, type StepPlan } from '../pacer.ts';

export interface BenchPublisher {
  send(events: OutgoingEvent[]): void;
  settle(): Promise<void>;
  readonly errors: number;
  readonly lastError: string | undefined;
  close(): Promise<void>;
}

export interface StepReport extends StepOutcome {
  errors: number;
  lastError?: string;
}

const SETTLE_TIMEOUT_MS = 10_000;

/** The `step` command: pace one rate step through `publisher`, sequence numbers running on across steps. */
export function stepHandler(publisher: () => BenchPublisher): (plan: StepPlan) => Promise<StepReport> {
  let seq = 0;
  return async (plan) => {
    const target = publisher();
    const errorsBefore = target.errors;
    const outcome = await pace(plan, (events) => target.send(events), seq);
    seq += outcome.published;
    await Promise.race([target.settle(), new Promise((resolve) => setTimeout(resolve, SETTLE_TIMEOUT_MS))]);
    return { ...outcome, errors: target.errors - errorsBefore, lastError: target.lastError };
  };
}

/** Tracks promises in flight so settle() can wait for them. */
export class InFlight {
  private readonly promises = new Set<Promise<unknown>>();

  add(promise: Promise<unknown>): void {
    this.promises.add(promise);
    void promise.finally(() => this.promises.delete(promise));
  }

  async settle(): Promise<void> {
    while (this.promises.size > 0) await Promise.allSettled([...this.promises]);
  }
}
