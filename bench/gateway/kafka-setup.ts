/**
 * The Kafka broker for the rtdash targets: the development broker on 127.0.0.1:19092, used if
 * it already runs (and then left running), started otherwise (and then stopped at the end).
 * Each run's topics are deleted afterwards.
 */
import { Kafka, logLevel } from 'kafkajs';
import { startKafka, stopKafka } from '../../scripts/kafka-broker.ts';

export interface BenchKafka {
  brokers: string[];
  /** The broker's JVM, when its pid file is ours (to read its CPU). */
  pid: number | undefined;
  startedHere: boolean;
}

export async function ensureKafka(port: number, say: (line: string) => void): Promise<BenchKafka> {
  const running = await startKafka({ port, log: (line) => say(`  ${line}`) });
  return { brokers: running.brokers, pid: running.pid, startedHere: !running.alreadyRunning };
}

export async function releaseKafka(kafka: BenchKafka, topics: string[], port: number, say: (line: string) => void): Promise<void> {
  if (topics.length > 0) {
    const admin = new Kafka({ clientId: 'rtdash-bench-cleanup', brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
    try {
      await admin.connect();
      const existing = new Set(await admin.listTopics());
      const ours = topics.filter((topic) => existing.has(topic));
      if (ours.length > 0) await admin.deleteTopics({ topics: ours, timeout: 10_000 });
      say(`  deleted Kafka topics ${ours.join(', ') || '(none created)'}`);
    } catch (error) {
      say(`  could not delete Kafka topics ${topics.join(', ')}: ${(error as Error).message}`);
    } finally {
      await admin.disconnect().catch(() => {});
    }
  }
  if (kafka.startedHere) await stopKafka({ port, log: (line) => say(`  ${line}`) });
}
