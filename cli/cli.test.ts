/**
 * The real `bin/rtdash.mjs` in child processes against a real Kafka (RTDASH_TEST_KAFKA_BROKERS,
 * default 127.0.0.1:19092; `npm test` starts one). Each test publishes to a topic of its own,
 * deleted afterwards. No broker means failure, not a skip.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { kafkaIsReady } from '../scripts/kafka-broker.ts';

const BIN = fileURLToPath(new URL('../bin/rtdash.mjs', import.meta.url));
const brokers = process.env.RTDASH_TEST_KAFKA_BROKERS ?? '127.0.0.1:19092';
const topics: string[] = [];
let admin: Admin;

interface Run { code: number | null; stdout: string; stderr: string }

/** Runs the bin; `whileRunning` may signal it (for the long-running commands). */
function rtdash(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; whileRunning?: (child: ReturnType<typeof spawn>, output: () => string) => Promise<void> } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, RTDASH_KAFKA_BROKERS: brokers, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
    options.whileRunning?.(child, () => stderr).catch(reject);
  });
}

function topic(name: string): string {
  const value = `rtdash-cli-test-${name}-${randomUUID().slice(0, 8)}`;
  topics.push(value);
  return value;
}

const lines = (text: string) => text.split('\n').filter(Boolean);

before(async () => {
  if (!(await kafkaIsReady(brokers.split(','), 5000))) {
    throw new Error(`Kafka is not reachable at ${brokers}: start it with \`npm run kafka:start\` or point RTDASH_TEST_KAFKA_BROKERS at a broker`);
  }
  admin = new Kafka({ clientId: 'rtdash-cli-test-admin', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
});

after(async () => {
  if (!admin) return;
  if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => {});
  await admin.disconnect();
});

describe('rtdash publish and replay on Kafka', () => {
  it('publishes with --data and from standard input, and replay reads them back in order with the same ids', async () => {
    const t = topic('roundtrip');
    const one = await rtdash(['publish', '--topic', t, '--channel', 'prices.AAPL', '--data', '{"price":1}', '--hint', '{"price":1}']);
    assert.equal(one.code, 0, one.stderr);
    assert.equal(lines(one.stdout).length, 1);

    const piped = await rtdash(['publish', '--topic', t, '--channel', 'prices.AAPL'], { input: '{"price":2}\n\n{"price":3}\r\n{"price":4}' });
    assert.equal(piped.code, 0, piped.stderr);
    assert.equal(lines(piped.stdout).length, 3, 'one id per line, blank lines skipped');

    const events = await rtdash(['publish', '--topic', t], {
      input: `${JSON.stringify({ channel: 'prices.AAPL', data: { price: 5 }, ts: 1_700_000_000_000 })}\n${JSON.stringify({ channel: 'metrics.web-1', data: { cpu: 1 } })}\n`,
    });
    assert.equal(events.code, 0, events.stderr);
    const [fifth] = lines(events.stdout);

    const replay = await rtdash(['replay', '--topic', t, '--channel', 'prices.AAPL']);
    assert.equal(replay.code, 0, replay.stderr);
    const read = lines(replay.stdout).map((line) => JSON.parse(line));
    assert.deepEqual(read.map((event) => event.id), [...lines(one.stdout), ...lines(piped.stdout), fifth]);
    assert.deepEqual(read.map((event) => event.data.price), [1, 2, 3, 4, 5]);
    assert.deepEqual(read[0].hint, { price: 1 });
    assert.equal(read[4].ts, 1_700_000_000_000);
    assert.ok(read.every((event) => event.channel === 'prices.AAPL'));

    // --from includes the id, --after starts past it, --limit stops early.
    const from = await rtdash(['replay', '--topic', t, '--channel', 'prices.AAPL', '--from', read[1].id, '--limit', '2']);
    assert.deepEqual(lines(from.stdout).map((line) => JSON.parse(line).id), [read[1].id, read[2].id]);
    const afterId = await rtdash(['replay', '--topic', t, '--channel', 'prices.AAPL', '--after', read[3].id]);
    assert.deepEqual(lines(afterId.stdout).map((line) => JSON.parse(line).id), [read[4].id]);
  });

  it('reports bad lines with their number, still publishes the rest, and exits 1', async () => {
    const t = topic('bad-lines');
    const run = await rtdash(['publish', '--topic', t, '--channel', 'orders.eu', '--quiet'], { input: '1\nnot json\n3\n' });
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /line 2: not valid JSON/);
    assert.match(run.stderr, /published 2 event\(s\); 1 bad line\(s\) skipped/);
    const replay = await rtdash(['replay', '--topic', t, '--channel', 'orders.eu']);
    assert.deepEqual(lines(replay.stdout).map((line) => JSON.parse(line).data), [1, 3]);
  });

  it('simulate publishes until SIGINT, then exits 0', async () => {
    const t = topic('simulate');
    const run = await rtdash(['simulate', '--topic', t, '--market', '2', '--rate', '20', '--metrics', '1', '--seed', '7'], {
      whileRunning: async (child, stderr) => {
        while (!/simulating/.test(stderr())) await sleep(50);
        await sleep(700);
        child.kill('SIGINT');
      },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /SIGINT: published \d+ event\(s\)/);
    const replay = await rtdash(['replay', '--topic', t, '--channel', 'prices.AAPL', '--limit', '3']);
    assert.equal(lines(replay.stdout).length, 3, replay.stderr);
    const host = await rtdash(['replay', '--topic', t, '--channel', 'metrics.web-1', '--limit', '1']);
    assert.equal(typeof JSON.parse(lines(host.stdout)[0]).data.cpu, 'number');
  });
});

// Concurrent: each case is a process of its own that stops before touching Kafka.
describe('rtdash usage errors', { concurrency: true }, () => {
  const cases: Array<[string, string[], RegExp, NodeJS.ProcessEnv?]> = [
    ['no command', [], /no command given/],
    ['an unknown command', ['pubish'], /unknown command "pubish"/],
    ['an unknown flag', ['publish', '--chanel', 'a', '--data', '1'], /Unknown option '--chanel'/],
    ['no Kafka configured', ['publish', '--channel', 'a', '--data', '1'], /no Kafka configured: set RTDASH_KAFKA_BROKERS/, { RTDASH_KAFKA_BROKERS: undefined }],
    ['a bad --brokers value', ['replay', '--brokers', 'localhost', '--channel', 'a'], /--brokers must be a comma list of host:port/],
    ['a bad channel name', ['publish', '--channel', 'bad name', '--data', '1'], /--channel "bad name" is not a valid channel name/],
    ['--data that is not JSON', ['publish', '--channel', 'a', '--data', '{oops'], /--data is not valid JSON/],
    ['--data over the payload limit', ['publish', '--channel', 'a', '--data', JSON.stringify('x'.repeat(70_000))], /--data is \d+ bytes, over the limit of 65536/],
    ['replay without --channel', ['replay'], /--channel is required/],
    ['replay with --from and --after', ['replay', '--channel', 'a', '--from', '0-1', '--after', '0-1'], /--from or --after, not both/],
    ['replay with a bad id', ['replay', '--channel', 'a', '--from', 'x'], /--from "x" is not an event id/],
    ['simulate with nothing to simulate', ['simulate', '--market', '0'], /nothing to simulate/],
  ];
  for (const [name, args, message, env] of cases) {
    it(`${name}: exit 2 with a message`, async () => {
      const run = await rtdash(args, { env });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    });
  }
});
