/**
 * `rtdash publish`: one event from --data, or one JSON value per line of standard input.
 * Everything the arguments can get wrong is checked before Kafka is contacted.
 */
import { DEFAULT_LIMITS, validateChannel, validateEventInput, type EventInput } from '../protocol/index.ts';
import { jsonFlag, numberFlag, parseFlags, UsageError } from './args.ts';
import { BACKEND_FLAGS, configWithFlags, QUIET_KAFKA, requireKafka } from './backend-flags.ts';
import { createPublisher } from '../publisher/create-publisher.ts';
import { publishLines } from './publish-lines.ts';

const BATCH_SIZE = 500;
const LINGER_MS = 20;

export async function publishCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, {
    ...BACKEND_FLAGS,
    channel: { type: 'string' },
    data: { type: 'string' },
    hint: { type: 'string' },
    ts: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  });
  const config = configWithFlags(flags);
  const brokers = requireKafka(config);
  if (flags.channel !== undefined) {
    const channel = validateChannel(flags.channel, '--channel');
    if (!channel.ok) throw new UsageError(channel.problem.message);
  }
  const single = flags.data === undefined ? undefined : singleEvent(flags);
  if (!single && (flags.hint !== undefined || flags.ts !== undefined)) throw new UsageError('--hint and --ts go with --data');

  const created = await createPublisher({ kafkaBrokers: brokers, redisUrl: config.redisUrl, topic: config.topic, kafka: QUIET_KAFKA });
  try {
    if (single) {
      const event = await created.publisher.publish(single);
      process.stdout.write(flags.quiet ? '' : `${event.id}\n`);
      return 0;
    }
    if (process.stdin.isTTY) console.error('reading one JSON value per line from standard input (Ctrl-D ends)…');
    const result = await publishLines(process.stdin, {
      channel: flags.channel,
      maxBatch: BATCH_SIZE,
      lingerMs: LINGER_MS,
      maxPayloadBytes: DEFAULT_LIMITS.maxPayloadBytes,
      publishBatch: (events) => created.publisher.publishBatch(events),
      onPublished: (events) => {
        if (!flags.quiet) process.stdout.write(`${events.map((event) => event.id).join('\n')}\n`);
      },
      onProblem: (message) => console.error(`rtdash publish: ${message}`),
    });
    const failed = result.badLines > 0 || result.notPublished > 0;
    if (flags.quiet || failed) {
      const problems = [result.badLines ? `${result.badLines} bad line(s) skipped` : '', result.notPublished ? `${result.notPublished} not published` : ''].filter(Boolean);
      console.error(`published ${result.published} event(s)${problems.length ? `; ${problems.join(', ')}` : ''}`);
    }
    return failed ? 1 : 0;
  } finally {
    await created.close();
  }
}

function singleEvent(flags: { channel?: string; data?: string; hint?: string; ts?: string }): EventInput {
  if (flags.channel === undefined) throw new UsageError('--data needs --channel');
  const event: EventInput = { channel: flags.channel, data: jsonFlag(flags.data!, '--data') as EventInput['data'] };
  if (flags.hint !== undefined) event.hint = jsonFlag(flags.hint, '--hint') as EventInput['hint'];
  if (flags.ts !== undefined) event.ts = numberFlag(flags.ts, '--ts', 0, 0, Number.MAX_SAFE_INTEGER);
  const checked = validateEventInput(event, DEFAULT_LIMITS.maxPayloadBytes);
  if (!checked.ok) throw new UsageError(checked.problem.message.replace(/^(data|hint|ts)\b/, '--$1'));
  return checked.value;
}
