/**
 * What one client received of one channel, by event number (`data.n`, see sequenced-publisher):
 * when each full event first arrived, and how many arrived again (a duplicate delivered as new)
 * or after a higher number (out of order). Previews (partial events) are not counted: only the
 * full event is the delivery the client owes its resume position to.
 */
import type { ChannelAcks } from './sequenced-publisher.ts';

export interface ChannelVerdict {
  /** Acknowledged numbers from the first one received on, never received. */
  lost: number;
  duplicates: number;
  outOfOrder: number;
  /** The first lost numbers, for messages. */
  lostSample: number[];
  received: number;
}

export class ReceiptLog {
  /** Arrival time (ms since epoch) of number n; 0 = not received. */
  #arrivals = new Float64Array(1024);
  #first = -1;
  #highest = -1;
  received = 0;
  duplicates = 0;
  outOfOrder = 0;

  note(n: number, at: number): void {
    if (!Number.isInteger(n) || n < 0) return;
    while (n >= this.#arrivals.length) {
      const grown = new Float64Array(this.#arrivals.length * 2);
      grown.set(this.#arrivals);
      this.#arrivals = grown;
    }
    if (this.#arrivals[n] !== 0) {
      this.duplicates++;
      return;
    }
    this.#arrivals[n] = at;
    this.received++;
    if (this.#first < 0) this.#first = n;
    if (n < this.#highest) this.outOfOrder++;
    else this.#highest = n;
  }

  get highest(): number {
    return this.#highest;
  }

  arrival(n: number): number {
    return n < this.#arrivals.length ? this.#arrivals[n] : 0;
  }

  /**
   * Every acknowledged number from the first one this client received (its snapshot) up to the
   * last one published must have arrived exactly once.
   */
  judge(acks: ChannelAcks): ChannelVerdict {
    const unacked = new Set(acks.unacked);
    const lostSample: number[] = [];
    let lost = 0;
    const from = this.#first < 0 ? acks.published : this.#first;
    for (let n = from; n < acks.published; n++) {
      if (unacked.has(n) || this.arrival(n) !== 0) continue;
      lost++;
      if (lostSample.length < 5) lostSample.push(n);
    }
    // A client that never received anything owes nothing only if nothing was acknowledged.
    if (this.#first < 0 && acks.published > acks.unacked.length) lost = acks.published - acks.unacked.length;
    return { lost, duplicates: this.duplicates, outOfOrder: this.outOfOrder, lostSample, received: this.received };
  }

  /**
   * When this client was whole again after a repair: it held every acknowledged number up to
   * `upTo` (sent before the repair) and the first acknowledged one after it (below `published`),
   * i.e. it is live again. Undefined if some never arrived.
   */
  completeAt(upTo: number, unacked: ReadonlySet<number>, published: number): number | undefined {
    let latest = 0;
    let next = upTo + 1;
    while (unacked.has(next)) next++;
    const last = next < published ? next : upTo;
    for (let n = Math.max(0, this.#first); n <= last; n++) {
      if (unacked.has(n)) continue;
      const at = this.arrival(n);
      if (at === 0) return undefined;
      if (at > latest) latest = at;
    }
    return latest;
  }
}
