/**
 * `rtdash replay`: a channel read back from Kafka as JSON lines, oldest first. --from ID
 * includes that event, --after ID starts right after it (as the history endpoint's `after`),
 * neither starts at the oldest event Kafka still holds.
 */
import { formatId, parseId, validateChannel, type EventId, type LoggedEvent } from '../protocol/index.ts';
import { KafkaLog } from '../publisher/index.ts';
import { integerFlag, parseFlags, required, UsageError } from './args.ts';
import { BACKEND_FLAGS, configWithFlags, QUIET_KAFKA, requireKafka } from './backend-flags.ts';

const PAGE_SIZE = 1000;

const RESET_REASONS: Record<string, string> = {
  'too-old': 'Kafka no longer holds the events right after that id (retention passed it)',
  'log-reset': 'that id is not in this topic (another partition, or past its end)',
  'unknown-id': 'that id is not an event id',
};

export async function replayCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, {
    ...BACKEND_FLAGS,
    channel: { type: 'string' },
    from: { type: 'string' },
    after: { type: 'string' },
    limit: { type: 'string' },
  });
  const config = configWithFlags(flags);
  const brokers = requireKafka(config);
  const channel = validateChannel(required(flags.channel, '--channel'), '--channel');
  if (!channel.ok) throw new UsageError(channel.problem.message);
  if (flags.from !== undefined && flags.after !== undefined) throw new UsageError('give --from or --after, not both');
  const start = startAfter(flags.from, flags.after);
  const limit = integerFlag(flags.limit, '--limit', Number.POSITIVE_INFINITY, 1, Number.MAX_SAFE_INTEGER);

  // Replay only reads: a log without a publisher or bus.
  const log = new KafkaLog({ brokers, topic: config.topic, ...QUIET_KAFKA, clientId: 'rtdash-replay' });
  try {
    let cursor = start;
    let printed = 0;
    for (;;) {
      const page = await log.read(channel.value, cursor, Math.min(PAGE_SIZE, limit - printed));
      if (page.reset) {
        console.error(`rtdash replay: cannot replay ${channel.value} from ${flags.from ?? flags.after}: ${RESET_REASONS[page.reset] ?? page.reset}; replay without --from/--after to start at the oldest event held`);
        return 1;
      }
      if (page.events.length > 0) process.stdout.write(page.events.map(line).join(''));
      printed += page.events.length;
      if (!page.more || printed >= limit) return 0;
      cursor = page.events.at(-1)!.id;
    }
  } finally {
    await log.close();
  }
}

/** The id to read after: --after as given, --from one offset before (undefined at offset 0). */
function startAfter(from: string | undefined, after: string | undefined): EventId | undefined {
  const id = from ?? after;
  if (id === undefined) return undefined;
  const position = parseId(id, from !== undefined ? '--from' : '--after');
  if (!position.ok) throw new UsageError(position.problem.message);
  if (after !== undefined) return after;
  return position.value.offset === 0 ? undefined : formatId(position.value.partition, position.value.offset - 1);
}

function line(event: LoggedEvent): string {
  const { id, channel, ts, data, hint } = event;
  return `${JSON.stringify(hint === undefined ? { id, channel, ts, data } : { id, channel, ts, data, hint })}\n`;
}
