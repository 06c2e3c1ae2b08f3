/**
 * The newest event of each recently active channel, so a snapshot rarely touches the log.
 * Bounded: past `capacity` channels the least recently updated one is forgotten.
 */
import { isNewer, type LoggedEvent } from '../protocol/index.ts';

export class LatestCache {
  private readonly events = new Map<string, LoggedEvent>();

  constructor(private readonly capacity: number) {}

  offer(event: LoggedEvent): void {
    const current = this.events.get(event.channel);
    if (current && !isNewer(event.id, current.id)) return;
    // Re-inserting moves the channel to the end: Map order is our recency order.
    this.events.delete(event.channel);
    this.events.set(event.channel, event);
    if (this.events.size > this.capacity) this.events.delete(this.events.keys().next().value!);
  }

  get(channel: string): LoggedEvent | undefined {
    return this.events.get(channel);
  }
}
