/**
 * `rtdash simulate`: the market (and optionally host metrics) feeds published to Kafka until
 * SIGINT or SIGTERM; then the batch in flight is finished and the publisher flushed.
 */
import { Simulator } from '../publisher/index.ts';
import { DEFAULT_HOSTS } from '../publisher/simulator/metrics-feed.ts';
import { DEFAULT_SYMBOLS } from '../publisher/simulator/market-feed.ts';
import { integerFlag, numberFlag, parseFlags, UsageError } from './args.ts';
import { BACKEND_FLAGS, configWithFlags, QUIET_KAFKA, requireKafka } from './backend-flags.ts';
import { createPublisher } from '../publisher/create-publisher.ts';
import { untilStopSignal } from './signals.ts';

/** One timer tick publishes one batch; the publisher takes at most this many events at once. */
const MAX_BATCH = 1000;
const MAX_RATE = 1000;

export async function simulateCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, {
    ...BACKEND_FLAGS,
    market: { type: 'string' },
    rate: { type: 'string' },
    metrics: { type: 'string' },
    'metrics-rate': { type: 'string' },
    seed: { type: 'string' },
  });
  const config = configWithFlags(flags);
  const brokers = requireKafka(config);
  const symbolCount = integerFlag(flags.market, '--market', DEFAULT_SYMBOLS.length, 0, MAX_BATCH);
  const hostCount = integerFlag(flags.metrics, '--metrics', 0, 0, MAX_BATCH);
  const marketRate = numberFlag(flags.rate, '--rate', 4, 0.001, MAX_RATE);
  const metricsRate = numberFlag(flags['metrics-rate'], '--metrics-rate', 1, 0.001, MAX_RATE);
  const seed = integerFlag(flags.seed, '--seed', Date.now(), 0, Number.MAX_SAFE_INTEGER);
  if (symbolCount + hostCount === 0) throw new UsageError('nothing to simulate: give --market N and/or --metrics H above 0');
  if (symbolCount + hostCount > MAX_BATCH) throw new UsageError(`--market plus --metrics is ${symbolCount + hostCount}, over ${MAX_BATCH} channels`);

  const created = await createPublisher({ kafkaBrokers: brokers, redisUrl: config.redisUrl, topic: config.topic, kafka: QUIET_KAFKA });
  const simulator = new Simulator(created.publisher, {
    symbols: names(DEFAULT_SYMBOLS, symbolCount, (n) => `SIM${n}`),
    hosts: names(DEFAULT_HOSTS, hostCount, (n) => `host-${n}`),
    marketRate,
    metricsRate,
    seed,
    // Each channel is due at most once per tick, so a tick's batch never exceeds the channel count.
    tickMs: Math.max(1, Math.min(50, Math.floor(1000 / Math.max(symbolCount ? marketRate : 0, hostCount ? metricsRate : 0)))),
  });
  const perSecond = symbolCount * marketRate + hostCount * metricsRate;
  console.error(`simulating ${symbolCount} symbol(s) × ${marketRate}/s` + (hostCount ? ` + ${hostCount} host(s) × ${metricsRate}/s` : '') +
    ` ≈ ${Math.round(perSecond)} events/s on ${created.backends} (Ctrl-C stops)`);
  const started = Date.now();
  simulator.start();
  const signal = await untilStopSignal();
  await simulator.stop();
  await created.close();
  const seconds = (Date.now() - started) / 1000;
  const { eventsPublished, eventsFailed } = created.publisher.metrics();
  console.error(`${signal}: published ${eventsPublished} event(s) in ${seconds.toFixed(1)} s (${Math.round(eventsPublished / seconds)}/s)${eventsFailed ? `, ${eventsFailed} failed` : ''}`);
  return 0;
}

/** The first `count` of the defaults, then generated names. */
function names(defaults: string[], count: number, make: (n: number) => string): string[] {
  return Array.from({ length: count }, (_, n) => defaults[n] ?? make(n + 1));
}
