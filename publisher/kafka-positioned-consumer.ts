/**
 * A kafkajs consumer that starts each partition at an exact offset: kafkajs has no group-less
 * fetch, so reads and tails of the Kafka log go through one of these in a throwaway group.
 */
import type { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';

export interface PositionedConsumerOptions {
  topic: string;
  groupId: string;
  /** Next offset to deliver per partition; partitions not listed are paused. */
  start: Map<number, number>;
  maxWaitTimeInMs: number;
  /** In offset order per partition, each offset at most once; false when no more are wanted. */
  onMessage(partition: number, message: KafkaMessage): boolean;
  onCrash(error: Error): void;
}

/**
 * A kafkajs consumer in a group of its own that starts each partition at an exact offset.
 * It seeks on every group join (the first one and any rejoin after a crash or rebalance) to
 * the next offset it has not delivered, and drops anything below it, so it neither skips nor
 * repeats. Nothing is committed; stop() leaves and deletes the group.
 */
export class PositionedConsumer {
  private readonly consumer: Consumer;
  private readonly next: Map<number, number>;
  private stopping: Promise<void> | undefined;

  constructor(kafka: Kafka, private readonly admin: Admin, private readonly options: PositionedConsumerOptions) {
    this.next = new Map(options.start);
    this.consumer = kafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: options.maxWaitTimeInMs, allowAutoTopicCreation: false });
    const { topic } = options;
    // Listeners run synchronously inside the join, before the first fetch, so the seeks win.
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      const others = (payload.memberAssignment[topic] ?? []).filter((partition) => !this.next.has(partition));
      if (others.length > 0) this.consumer.pause([{ topic, partitions: others }]);
      for (const [partition, offset] of this.next) this.consumer.seek({ topic, partition, offset: String(offset) });
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) options.onCrash(payload.error);
    });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.options.topic] });
    await this.consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const expected = this.next.get(batch.partition);
          const offset = Number(message.offset);
          if (expected === undefined || offset < expected) continue;
          this.next.set(batch.partition, offset + 1);
          if (!this.options.onMessage(batch.partition, message)) return;
        }
      },
    });
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.consumer.disconnect().catch(() => {});
      // The member left on disconnect, so the group is empty and can go; never fail a caller on it.
      await this.admin.deleteGroups([this.options.groupId]).catch(() => {});
    })();
    return this.stopping;
  }
}
