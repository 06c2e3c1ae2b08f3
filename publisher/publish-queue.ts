/**
 * The bounded queue between publish() and the log. It counts events from the moment they are
 * admitted until the caller says they are done with (written, refused or given up), so events in
 * flight to the log hold their room too and memory stays bounded however slow the log gets.
 *
 * A caller that finds no room waits in line, at most `timeoutMs`. The line is strict FIFO: a
 * newcomer never overtakes someone already waiting even if it would fit, because overtaking
 * would reorder a channel's events. The line itself holds at most `maxEvents` events; past that
 * a caller is refused at once rather than queued in a second, unbounded place.
 */

export interface QueueItem {
  /** Events this item stands for (1 for a publish, n for a batch). */
  readonly size: number;
}

export interface PublishQueueOptions<T> {
  maxEvents: number;
  /** How long add() waits for room; 0 refuses at once when the queue is full. */
  timeoutMs: number;
  /**
   * Called synchronously as an item is admitted, before anyone can take() it: the place to
   * start its clock. add()'s promise resolves a microtask later, too late for that.
   */
  onAdmit?: (item: T) => void;
}

export class QueueFullError extends Error {
  override name = 'QueueFullError';
}

interface Waiter<T> {
  item: T;
  admit: () => void;
  refuse: (error: Error) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class PublishQueue<T extends QueueItem> {
  private readonly maxEvents: number;
  private readonly timeoutMs: number;
  private readonly onAdmit: ((item: T) => void) | undefined;
  /** Admitted and not taken yet, oldest first (a Set: expired items leave from the middle in O(1)). */
  private readonly ready = new Set<T>();
  private readyEventCount = 0;
  /** Admitted and not released: ready plus taken-but-unfinished. This is what the limit bounds. */
  private heldEventCount = 0;
  private readonly waiting: Waiter<T>[] = [];
  private waitingEventCount = 0;

  constructor(options: PublishQueueOptions<T>) {
    this.maxEvents = options.maxEvents;
    this.timeoutMs = options.timeoutMs;
    this.onAdmit = options.onAdmit;
  }

  /** Resolves once the item is admitted (it is then in line to be taken); rejects with QueueFullError. */
  add(item: T): Promise<void> {
    if (item.size > this.maxEvents) {
      return Promise.reject(new QueueFullError(`a batch of ${item.size} events can never fit the publish queue (maxQueuedEvents ${this.maxEvents})`));
    }
    if (this.waiting.length === 0 && this.fits(item.size)) {
      this.admit(item);
      return Promise.resolve();
    }
    if (this.timeoutMs <= 0 || this.waitingEventCount + item.size > this.maxEvents) {
      return Promise.reject(this.fullError());
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter<T> = { item, admit: resolve, refuse: reject, timer: undefined };
      waiter.timer = setTimeout(() => {
        this.leaveLine(waiter);
        // A large head of line that gave up may have been all that held smaller ones back.
        this.release(0);
        reject(new QueueFullError(`publish queue is full: no room within ${this.timeoutMs} ms (maxQueuedEvents ${this.maxEvents}, queueTimeoutMs ${this.timeoutMs}); the event log is not keeping up`));
      }, this.timeoutMs);
      this.waiting.push(waiter);
      this.waitingEventCount += item.size;
    });
  }

  /** Takes the oldest ready items, at most `maxEvents` events, but always at least one item. */
  take(maxEvents: number): T[] {
    const taken: T[] = [];
    let events = 0;
    for (const item of this.ready) {
      if (taken.length > 0 && events + item.size > maxEvents) break;
      taken.push(item);
      events += item.size;
      this.ready.delete(item);
    }
    this.readyEventCount -= events;
    return taken;
  }

  /** Takes an item out of line before it was taken (it expired); its room stays held until release(). */
  remove(item: T): boolean {
    if (!this.ready.delete(item)) return false;
    this.readyEventCount -= item.size;
    return true;
  }

  /** Gives back the room of a finished item and lets waiting callers in, in order. */
  release(size: number): void {
    this.heldEventCount -= size;
    while (this.waiting.length > 0 && this.fits(this.waiting[0].item.size)) {
      const waiter = this.waiting.shift()!;
      clearTimeout(waiter.timer);
      this.waitingEventCount -= waiter.item.size;
      waiter.admit();
      this.admit(waiter.item);
    }
  }

  /** Refuses everyone still waiting for room (the publisher is closing). */
  refuseWaiting(error: Error): void {
    for (const waiter of this.waiting.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.refuse(error);
    }
    this.waitingEventCount = 0;
  }

  get readyEvents(): number {
    return this.readyEventCount;
  }

  /** Events admitted and not released yet (ready or in flight): never above the limit. */
  get heldEvents(): number {
    return this.heldEventCount;
  }

  get waitingEvents(): number {
    return this.waitingEventCount;
  }

  private fits(size: number): boolean {
    return this.heldEventCount + size <= this.maxEvents;
  }

  private admit(item: T): void {
    this.ready.add(item);
    this.readyEventCount += item.size;
    this.heldEventCount += item.size;
    this.onAdmit?.(item);
  }

  private leaveLine(waiter: Waiter<T>): void {
    const index = this.waiting.indexOf(waiter);
    if (index >= 0) this.waiting.splice(index, 1);
    this.waitingEventCount -= waiter.item.size;
  }

  private fullError(): QueueFullError {
    return new QueueFullError(
      `publish queue is full: ${this.heldEventCount} events are waiting for the event log and ${this.waitingEventCount} more for room ` +
        `(maxQueuedEvents ${this.maxEvents}); the event log is not keeping up`,
    );
  }
}
