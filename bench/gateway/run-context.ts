/**
 * The names one run uses on the shared Redis and Kafka, all unique to the run so nothing
 * collides with another run, a test or a live deployment.
 */
export interface RunContext {
  runId: string;
  channels: string[];
  redisUrl: string;
  kafkaBrokers: string[];
  /** rtdash's Kafka topic for this target (created by the log, deleted by the driver). */
  topic: string;
  /** @socket.io/redis-adapter key: its Redis channels are `<key>#/#<room>#`. */
  socketIoKey: string;
  /** The bare ws server's Redis channels are `<prefix><channel>`. */
  wsRedisPrefix: string;
}
