/**
 * Publishes through rtdash's DualPublisher: the log first (Kafka, or the embedded log), then a
 * notice on the bus. With hints on, each notice carries `{price}` as the simulator's price
 * channels do, so the gateway paints a preview at bus speed and refines it from the log.
 */
import type { EventInput } from '../../../protocol/index.ts';
import type { DualPublisher } from '../../../publisher/dual-publisher.ts';
import type { OutgoingEvent } from '../pacer.ts';
import { InFlight, type BenchPublisher } from './bench-publisher.ts';

// DualPublisher refuses batches over maxBatchSize (1000); a stalled tick can owe more.
const BATCH = 1000;

export class RtdashPublisher implements BenchPublisher {
  errors = 0;
  lastError: string | undefined;
  private readonly inFlight = new InFlight();

  constructor(readonly publisher: DualPublisher, private readonly channels: string[], private readonly hints: boolean, private readonly onClose: () => Promise<void>) {}

  send(events: OutgoingEvent[]): void {
    for (let start = 0; start < events.length; start += BATCH) {
      const batch = events.slice(start, start + BATCH).map(({ channelIndex, data }): EventInput => {
        const input: EventInput = { channel: this.channels[channelIndex], data: { ...data }, ts: data.ts };
        if (this.hints) input.hint = { price: data.price };
        return input;
      });
      this.inFlight.add(this.publisher.publishBatch(batch).catch((error: Error) => {
        this.errors += batch.length;
        this.lastError = error.message;
      }));
    }
  }

  settle(): Promise<void> {
    return this.inFlight.settle();
  }

  async close(): Promise<void> {
    await this.publisher.close();
    await this.onClose();
  }
}
