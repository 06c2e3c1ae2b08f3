/**
 * `rtdash publish` without --data: one JSON value per line of input, published in batches.
 *
 * A batch goes out when it is full or when input pauses for `lingerMs`, so a trickle
 * (`tail -f … | rtdash publish`) is published as it comes while a file goes out in full
 * batches. Batches are sent one after the other, so ids are reported in input order; reading
 * waits while a full batch is being sent, which bounds memory.
 *
 * Bad lines (not JSON, not a valid event) are reported with their line number and skipped:
 * the rest of the input is still published, and the caller exits non-zero. A write the log
 * refuses stops everything: reading ends there, and the batch it refused and any batch still
 * waiting are reported as not published.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { validateEventInput, type EventInput, type LoggedEvent } from '../protocol/index.ts';

export interface PublishLinesOptions {
  /** With a channel every line is the event's data; without one every line is an event object. */
  channel?: string;
  maxBatch: number;
  lingerMs: number;
  maxPayloadBytes: number;
  publishBatch(events: EventInput[]): Promise<LoggedEvent[]>;
  onPublished(events: LoggedEvent[]): void;
  onProblem(message: string): void;
}

export interface PublishLinesResult {
  published: number;
  badLines: number;
  /** Valid lines read but not published because the log refused a write; reading stops there. */
  notPublished: number;
}

interface Pending { line: number; event: EventInput }

export async function publishLines(input: Readable, options: PublishLinesOptions): Promise<PublishLinesResult> {
  const result: PublishLinesResult = { published: 0, badLines: 0, notPublished: 0 };
  let batch: Pending[] = [];
  let sending: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let refused = false;

  const send = async (pending: Pending[]) => {
    if (refused) {
      result.notPublished += pending.length;
      return;
    }
    try {
      const logged = await options.publishBatch(pending.map((entry) => entry.event));
      result.published += logged.length;
      options.onPublished(logged);
    } catch (error) {
      refused = true;
      result.notPublished += pending.length;
      options.onProblem(`lines ${pending[0].line}-${pending.at(-1)!.line} and everything after them were not published: ${(error as Error).message}`);
    }
  };
  // `send` never rejects, so the chain keeps its order and never breaks.
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (batch.length > 0) {
      const taken = batch;
      batch = [];
      sending = sending.then(() => send(taken));
    }
    return sending;
  };

  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  for await (const text of lines) {
    lineNo++;
    if (refused) break;
    if (text.trim() === '') continue;
    const event = parseLine(text, options);
    if (typeof event === 'string') {
      result.badLines++;
      options.onProblem(`line ${lineNo}: ${event}`);
      continue;
    }
    batch.push({ line: lineNo, event });
    if (batch.length >= options.maxBatch) await flush();
    else timer ??= setTimeout(flush, options.lingerMs);
  }
  lines.close();
  await flush();
  return result;
}

/** The event on one line, or what is wrong with it. */
function parseLine(text: string, options: Pick<PublishLinesOptions, 'channel' | 'maxPayloadBytes'>): EventInput | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not valid JSON: ${(error as Error).message}`;
  }
  const candidate = options.channel === undefined ? value : { channel: options.channel, data: value };
  const event = validateEventInput(candidate, options.maxPayloadBytes);
  return event.ok ? event.value : event.problem.message;
}
