/**
 * `npm test`: type check, build, node tests, browser tests, Storybook stories, end-to-end tests,
 * in that order. It starts the Kafka broker the integration tests need (unless
 * RTDASH_TEST_KAFKA_BROKERS points at one) and stops it again if it started it. Every step runs even after a failure, so one run shows
 * everything that is broken; any failure fails the whole. The last line sums up all runners.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaIsReady, startKafka, stopKafka } from './kafka-broker.ts';

const CHROMIUM = process.env.RTDASH_CHROMIUM ?? '/usr/bin/chromium';
const STEP_TIMEOUT_MS = 15 * 60_000;

interface StepResult { name: string; ok: boolean; passed: number; failed: number; seconds: number }
const results: StepResult[] = [];

function findTests(roots: string[], suffix: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules' || entry.startsWith('.')) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith(suffix)) found.push(path);
    }
  };
  for (const root of roots) if (existsSync(root)) walk(root);
  return found.sort();
}

/** Runs a command with its output passed through, and counts what its runner reports. */
function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<StepResult> {
  console.log(`\n━━ ${name} ━━  ${command} ${args.join(' ')}`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (chunk: Buffer, to: NodeJS.WriteStream) => {
      to.write(chunk);
      output += chunk.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout.on('data', (chunk) => take(chunk, process.stdout));
    child.stderr.on('data', (chunk) => take(chunk, process.stderr));
    const timer = setTimeout(() => {
      console.error(`${name}: over ${STEP_TIMEOUT_MS / 60_000} minutes, stopping it`);
      child.kill('SIGKILL');
    }, STEP_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
      // node --test's spec reporter ("ℹ pass N") or web-test-runner's "N passed, M failed".
      const nodePass = [...plain.matchAll(/ℹ pass (\d+)/g)].at(-1);
      const nodeFail = [...plain.matchAll(/ℹ fail (\d+)/g)].at(-1);
      const wtr = [...plain.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
      const passed = Number(nodePass?.[1] ?? wtr?.[1] ?? 0);
      const failed = Number(nodeFail?.[1] ?? wtr?.[2] ?? 0);
      const result = { name, ok: code === 0, passed, failed, seconds: (Date.now() - started) / 1000 };
      results.push(result);
      resolve(result);
    });
  });
}

const nodeTest = (name: string, files: string[], env?: NodeJS.ProcessEnv) =>
  run(name, process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], env);

async function main(): Promise<void> {
  const brokers = process.env.RTDASH_TEST_KAFKA_BROKERS ?? '127.0.0.1:19092';
  let startedKafka = false;
  // The broker boots while the type check runs.
  const kafka = (async () => {
    if (process.env.RTDASH_TEST_KAFKA_BROKERS || (await kafkaIsReady([brokers]))) return;
    await startKafka({ fresh: true });
    startedKafka = true;
  })().then(() => undefined, (error: Error) => error);

  await run('type check', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json']);
  // The package-exports test and the end-to-end tests use the builds.
  await run('build', 'npm', ['run', '--silent', 'build']);

  const kafkaError = await kafka;
  if (kafkaError) {
    console.error(`\nKafka could not be started for the integration tests: ${kafkaError.message}`);
    results.push({ name: 'kafka broker', ok: false, passed: 0, failed: 1, seconds: 0 });
  }
  try {
    await nodeTest('node tests', findTests(['protocol', 'publisher', 'gateway', 'cli', 'demo', 'scripts', 'test'], '.test.ts'), { RTDASH_TEST_KAFKA_BROKERS: brokers });
  } finally {
    if (startedKafka) await stopKafka();
  }

  if (!existsSync(CHROMIUM)) {
    console.error(`\nChromium is missing at ${CHROMIUM}: install it (apt-get install -y chromium, as .ci/run does) or set RTDASH_CHROMIUM.`);
    results.push({ name: 'chromium', ok: false, passed: 0, failed: 1, seconds: 0 });
  } else {
    await run('browser tests', process.execPath, ['node_modules/@web/test-runner/dist/bin.js']);
    // Every story rendered with its play function; the build step above wrote custom-elements.json.
    await run('storybook stories', process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', '.storybook/vitest.config.ts']);
    await nodeTest('end-to-end tests', findTests(['e2e'], '.test.ts'));
  }

  console.log('\n━━ summary ━━');
  for (const result of results) {
    console.log(`${result.ok ? 'ok  ' : 'FAIL'}  ${result.name.padEnd(18)} ${String(result.passed).padStart(4)} passed ${String(result.failed).padStart(3)} failed  ${result.seconds.toFixed(1)} s`);
  }
  const passed = results.reduce((sum, result) => sum + result.passed, 0);
  const failed = results.reduce((sum, result) => sum + result.failed + (result.ok || result.failed ? 0 : 1), 0);
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
  process.exit(results.every((result) => result.ok) ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
