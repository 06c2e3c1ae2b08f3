/**
 * A latency histogram with ~2% wide log buckets from 10 µs to ~10 minutes: recording is one
 * Math.log and an increment (clients record every event), and histograms from several
 * processes merge by adding counts.
 */
const FLOOR_MS = 0.01;
const GROWTH = Math.log(1.02);
const BUCKETS = 900;

export class Histogram {
  readonly counts: number[];
  count = 0;

  constructor(counts?: number[]) {
    this.counts = counts ? [...counts] : new Array<number>(BUCKETS).fill(0);
    for (const n of this.counts) this.count += n;
  }

  record(ms: number): void {
    // A latency under the floor (or a hair negative from clock reads) lands in the first bucket.
    const index = ms <= FLOOR_MS ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / FLOOR_MS) / GROWTH));
    this.counts[index]++;
    this.count++;
  }

  merge(other: Histogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] += other.counts[i];
    this.count += other.count;
  }

  /**
   * The q-quantile in ms (bucket upper bound). With `outOf` larger than what was recorded, the
   * missing events count as slower than anything seen: undefined when the quantile falls there.
   */
  quantile(q: number, outOf = this.count): number | undefined {
    if (outOf === 0) return undefined;
    const rank = Math.ceil(q * outOf);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return FLOOR_MS * Math.exp(i * GROWTH);
    }
    return undefined;
  }

  /** Sparse form for IPC: [index, count] pairs. */
  toSparse(): Array<[number, number]> {
    const pairs: Array<[number, number]> = [];
    this.counts.forEach((n, i) => { if (n > 0) pairs.push([i, n]); });
    return pairs;
  }

  static fromSparse(pairs: Array<[number, number]>): Histogram {
    const counts = new Array<number>(BUCKETS).fill(0);
    for (const [i, n] of pairs) counts[i] = n;
    return new Histogram(counts);
  }
}
