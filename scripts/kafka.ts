/**
 * `tsx scripts/kafka.ts start [--fresh]` / `stop`: the development Kafka on 127.0.0.1:19092
 * (RTDASH_KAFKA_PORT to move it). See kafka-broker.ts.
 */
import { startKafka, stopKafka } from './kafka-broker.ts';

const USAGE = 'usage: tsx scripts/kafka.ts start [--fresh] | stop';

async function main(args: string[]): Promise<number> {
  const [command, ...flags] = args;
  const unknown = flags.filter((flag) => flag !== '--fresh');
  if (unknown.length > 0 || (command === 'stop' && flags.length > 0)) {
    console.error(`unknown option ${unknown[0] ?? flags[0]}\n${USAGE}`);
    return 2;
  }
  if (command === 'start') {
    await startKafka({ fresh: flags.includes('--fresh') });
    return 0;
  }
  if (command === 'stop') {
    await stopKafka();
    return 0;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
