/**
 * A bounded window of (x, y) points kept in two typed arrays used as a ring: a new point past
 * the capacity overwrites the oldest in O(1), with no array shifting per point. Readers copy
 * the window out, in order, once per frame (fillPoints, values).
 */
export interface XY {
  x: number;
  y: number;
}

export class PointRing {
  #capacity: number;
  #xs: Float64Array;
  #ys: Float64Array;
  #start = 0;
  #length = 0;
  #lastId: string | undefined;

  constructor(capacity: number) {
    this.#capacity = PointRing.#check(capacity);
    this.#xs = new Float64Array(this.#capacity);
    this.#ys = new Float64Array(this.#capacity);
  }

  static #check(capacity: number): number {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`window must be a positive integer, got ${capacity}`);
    return capacity;
  }

  get capacity(): number {
    return this.#capacity;
  }

  get length(): number {
    return this.#length;
  }

  /** The id of the newest point, when it came with one. */
  get lastId(): string | undefined {
    return this.#lastId;
  }

  /**
   * Appends a point. A point with the id of the newest one replaces it: a full event refining
   * the partial hint it follows is the same point, not a new one.
   */
  push(x: number, y: number, id?: string): void {
    if (id !== undefined && id === this.#lastId && this.#length > 0) {
      const last = this.#index(this.#length - 1);
      this.#xs[last] = x;
      this.#ys[last] = y;
      return;
    }
    this.#lastId = id;
    let slot: number;
    if (this.#length < this.#capacity) {
      slot = this.#index(this.#length);
      this.#length += 1;
    } else {
      slot = this.#start;
      this.#start = (this.#start + 1) % this.#capacity;
    }
    this.#xs[slot] = x;
    this.#ys[slot] = y;
  }

  clear(): void {
    this.#start = 0;
    this.#length = 0;
    this.#lastId = undefined;
  }

  /** Changes the capacity, keeping the newest points that fit. */
  resize(capacity: number): void {
    if (PointRing.#check(capacity) === this.#capacity) return;
    const keep = Math.min(this.#length, capacity);
    const xs = new Float64Array(capacity);
    const ys = new Float64Array(capacity);
    for (let i = 0; i < keep; i++) {
      const from = this.#index(this.#length - keep + i);
      xs[i] = this.#xs[from];
      ys[i] = this.#ys[from];
    }
    this.#capacity = capacity;
    this.#xs = xs;
    this.#ys = ys;
    this.#start = 0;
    this.#length = keep;
  }

  /** y of the oldest point in the window. */
  firstY(): number | undefined {
    return this.#length === 0 ? undefined : this.#ys[this.#start];
  }

  /** y of the newest point. */
  lastY(): number | undefined {
    return this.#length === 0 ? undefined : this.#ys[this.#index(this.#length - 1)];
  }

  x(i: number): number {
    return this.#xs[this.#index(i)];
  }

  y(i: number): number {
    return this.#ys[this.#index(i)];
  }

  /**
   * Writes the window, oldest first, into `target`, reusing its objects: Chart.js (with
   * parsing off) gets the same array back, rebuilt in one pass per frame, never spliced.
   */
  fillPoints(target: XY[]): XY[] {
    for (let i = 0; i < this.#length; i++) {
      const point = target[i];
      if (point) {
        point.x = this.x(i);
        point.y = this.y(i);
      } else target.push({ x: this.x(i), y: this.y(i) });
    }
    if (target.length > this.#length) target.length = this.#length;
    return target;
  }

  /** y values, oldest first (a copy). */
  values(): number[] {
    const out = new Array<number>(this.#length);
    for (let i = 0; i < this.#length; i++) out[i] = this.y(i);
    return out;
  }

  #index(i: number): number {
    return (this.#start + i) % this.#capacity;
  }
}
