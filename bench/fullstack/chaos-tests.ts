/**
 * `npm run test:chaos`: the short full-stack scenarios as node tests, one file after another
 * (they each load the whole machine). Like `npm test`, it starts the Kafka broker on 19092 when
 * none answers (a clean CI machine, after `npm test` stopped its own) and stops it again after.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { kafkaIsReady, startKafka, stopKafka } from '../../scripts/kafka-broker.ts';
import { SHARED_BROKERS } from './stack.ts';

const FILES = ['latency', 'storm', 'drills', 'soak'].map((name) => fileURLToPath(new URL(`./${name}.chaos.test.ts`, import.meta.url)));

let startedKafka = false;
if (!process.env.RTDASH_TEST_KAFKA_BROKERS && !(await kafkaIsReady(SHARED_BROKERS))) {
  await startKafka({ fresh: true });
  startedKafka = true;
}
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...FILES], { stdio: 'inherit' });
if (startedKafka) await stopKafka();
process.exit(run.status ?? 1);
