/**
 * The ease from one number to the next, driven by the page's shared frame loop. It hands each
 * frame's value to `show` and owns nothing else: the element decides what to draw.
 *
 * Redraws are budgeted across every tween on the page: past the budget's worth of running
 * tweens, each redraws only every k-th frame (k = running ÷ budget, rounded up), its turn
 * staggered from its neighbours', and always on its last frame. A thousand numbers ticking ten
 * times a second would otherwise repaint a thousand texts every frame and miss every frame.
 *
 * The budget adapts (FrameBudget): `NumberTween.maxRedrawsPerFrame` when frames are on time,
 * halved on each late one, down to 0 — then a tween draws nothing but its end, and the element
 * stops starting tweens (`NumberTween.canAnimate`) until frames are on time again.
 */
import { FrameBudget } from '../../shared/frame-budget.ts';
import { frameLoop } from '../../shared/frame-loop.ts';

const easeOutCubic = (t: number): number => 1 - (1 - t) ** 3;

let running = 0;
let nextTurn = 0;
const budget = new FrameBudget(80, () => running > 0);

export class NumberTween {
  /** Tweening numbers redrawn per frame, at most (when frames are on time), before they take turns. */
  static get maxRedrawsPerFrame(): number {
    return budget.max;
  }

  static set maxRedrawsPerFrame(count: number) {
    budget.max = count;
  }

  /** False keeps the budget at `maxRedrawsPerFrame` whatever the frame times; true (default) adapts. */
  static get adaptiveBudget(): boolean {
    return budget.adaptive;
  }

  static set adaptiveBudget(adaptive: boolean) {
    budget.adaptive = adaptive;
  }

  /** Tween redraws allowed this frame: from 0 (the page is behind) to `maxRedrawsPerFrame`. */
  static get redrawBudget(): number {
    return budget.value;
  }

  /** False while the page is too far behind for any redraw between a tween's ends: jump instead. */
  static get canAnimate(): boolean {
    return budget.value > 0;
  }

  /** Tweens running on the page now. */
  static get running(): number {
    return running;
  }

  #from = 0;
  #to = 0;
  #start = 0;
  #duration = 0;
  #turn = 0;
  #frames = 0;
  #active = false;

  constructor(private readonly show: (value: number) => void) {}

  get active(): boolean {
    return this.#active;
  }

  /** Eases from `from` to `to` over `duration` ms, starting now; shows `from` at once. */
  start(from: number, to: number, duration: number): void {
    this.#from = from;
    this.#to = to;
    this.#start = performance.now();
    this.#duration = duration;
    this.#frames = 0;
    if (!this.#active) {
      this.#active = true;
      running += 1;
      this.#turn = nextTurn++;
    }
    this.show(from);
    frameLoop.add(this.#step);
    budget.use();
  }

  /** Stops where it is; the caller shows what it wants next. */
  stop(): void {
    frameLoop.remove(this.#step);
    this.#end();
  }

  #end(): void {
    if (!this.#active) return;
    this.#active = false;
    running -= 1;
  }

  readonly #step = (now: number): boolean => {
    const t = Math.min(1, Math.max(0, (now - this.#start) / this.#duration));
    if (t >= 1) {
      this.#end();
      this.show(this.#to);
      return false;
    }
    const allowed = budget.at(now);
    const stride = Math.ceil(running / Math.max(1, allowed));
    if (allowed > 0 && (this.#frames++ + this.#turn) % stride === 0) this.show(this.#from + (this.#to - this.#from) * easeOutCubic(t));
    return true;
  };
}
