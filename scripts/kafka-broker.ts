/**
 * A real single-node Kafka (KRaft, broker + controller in one JVM) for development and tests,
 * built from Apache Kafka's own jars on Maven Central: no Kafka exists on npm and there is no
 * Docker here. The jars live in a cache outside the working tree so a clean clone reuses them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';

export interface KafkaBrokerOptions {
  /** PLAINTEXT port; the controller listens on port + 1. Default RTDASH_KAFKA_PORT or 19092. */
  port?: number;
  /** Default RTDASH_CACHE_DIR or ~/.cache/rtdash. */
  cacheDir?: string;
  /**
   * Where this broker keeps its data, config, log and pid file; default the cache folder. A test
   * that starts a throwaway broker points this at a temporary folder: the jars still come from
   * (and stay in) the cache, and removing the folder leaves nothing behind.
   */
  dataDir?: string;
  /** Wipe the data directory before starting. */
  fresh?: boolean;
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface RunningKafka {
  brokers: string[];
  /** Undefined when the broker was already running without a pid file of ours. */
  pid: number | undefined;
  alreadyRunning: boolean;
}

// 3.9.1 first; 3.9.0 when Central cannot give us 3.9.1. Both speak what kafkajs 2.2.4 needs.
const KAFKA_VERSIONS = ['3.9.1', '3.9.0'];
const LOGGING_JARS = [
  ['org.slf4j', 'slf4j-reload4j', '1.7.36'],
  ['ch.qos.reload4j', 'reload4j', '1.2.25'],
];
const COMPLETE_MARKER = '.complete';
const STOP_GRACE_MS = 30_000;

interface Paths {
  cache: string;
  port: number;
  data: string;
  properties: string;
  log4j: string;
  log: string;
  pid: string;
}

function pathsFor(options: KafkaBrokerOptions): Paths {
  const cache = options.cacheDir ?? process.env.RTDASH_CACHE_DIR ?? join(homedir(), '.cache', 'rtdash');
  const port = options.port ?? Number(process.env.RTDASH_KAFKA_PORT ?? 19092);
  if (!Number.isInteger(port) || port < 1 || port > 65534) throw new Error(`Invalid Kafka port: ${port}`);
  const own = options.dataDir ?? cache;
  return {
    cache,
    port,
    data: join(own, `kafka-data-${port}`),
    properties: join(own, `kafka-${port}.properties`),
    log4j: join(cache, 'kafka-log4j.properties'),
    log: join(own, `kafka-${port}.log`),
    pid: join(own, `kafka-${port}.pid`),
  };
}

/** Ready means the broker answers a metadata request; an open port is not enough. */
export async function kafkaIsReady(brokers: string[], timeoutMs = 3000): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'rtdash-ready-check',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(timeoutMs, 1000),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

export async function startKafka(options: KafkaBrokerOptions = {}): Promise<RunningKafka> {
  const log = options.log ?? ((line: string) => console.log(line));
  const paths = pathsFor(options);
  const brokers = [`127.0.0.1:${paths.port}`];
  mkdirSync(paths.cache, { recursive: true });
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });

  if (options.fresh) await stopKafka({ ...options, log: () => {} });
  if (await kafkaIsReady(brokers)) {
    if (options.fresh) throw new Error(`A Kafka broker we did not start answers on ${brokers[0]}; stop it before --fresh`);
    log(`Kafka already running on ${brokers[0]}`);
    return { brokers, pid: readLivePid(paths.pid), alreadyRunning: true };
  }

  const started = Date.now();
  let pid = readLivePid(paths.pid);
  if (pid === undefined) {
    const libs = await ensureJars(paths.cache, log);
    if (options.fresh) rmSync(paths.data, { recursive: true, force: true });
    writeConfig(paths);
    formatStorage(paths, libs, log);
    pid = launch(paths, libs);
    writeFileSync(paths.pid, `${pid}\n`);
  } else {
    // A broker of ours is still starting (another `start` launched it): wait for it, never start a second.
    log(`Kafka (pid ${pid}) is starting, waiting for it…`);
  }

  await waitUntilReady(brokers, pid, paths, options.readyTimeoutMs ?? 90_000);
  log(`Kafka started on ${brokers[0]} in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${pid}, log ${paths.log})`);
  return { brokers, pid, alreadyRunning: false };
}

/** Stops the broker this script started on that port; returns false when none was running. */
export async function stopKafka(options: KafkaBrokerOptions = {}): Promise<boolean> {
  const log = options.log ?? ((line: string) => console.log(line));
  const paths = pathsFor(options);
  const pid = readLivePid(paths.pid);
  if (pid === undefined) {
    rmSync(paths.pid, { force: true });
    const foreign = await kafkaIsReady([`127.0.0.1:${paths.port}`]);
    log(foreign
      ? `A Kafka broker answers on 127.0.0.1:${paths.port} but was not started from ${paths.cache}; leaving it alone`
      : `Kafka is not running on 127.0.0.1:${paths.port}`);
    return false;
  }
  log(`Stopping Kafka (pid ${pid})…`);
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_GRACE_MS;
  while (isKafkaProcess(pid) && Date.now() < deadline) await sleep(200);
  if (isKafkaProcess(pid)) {
    log(`Kafka did not stop within ${STOP_GRACE_MS / 1000} s, killing it`);
    process.kill(pid, 'SIGKILL');
    while (isKafkaProcess(pid)) await sleep(100);
  }
  rmSync(paths.pid, { force: true });
  log('Kafka stopped');
  return true;
}

/** The pid in the file, if that process is still a Kafka server (pids get reused). */
function readLivePid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return isKafkaProcess(pid) ? pid : undefined;
}

function isKafkaProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // A zombie still answers signal 0; it is dead for our purposes.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/^\d+ \(.*\) Z/.test(stat)) return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka.Kafka');
  } catch {
    return true; // no /proc: trust signal 0
  }
}

async function ensureJars(cache: string, log: (line: string) => void): Promise<string> {
  for (const version of KAFKA_VERSIONS) {
    const libs = join(cache, `kafka-${version}`, 'libs');
    if (jarsComplete(libs)) return libs;
  }
  const failures: string[] = [];
  for (const version of KAFKA_VERSIONS) {
    const started = Date.now();
    log(`Fetching Kafka ${version} jars from Maven Central (first run only)…`);
    const failure = fetchJars(join(cache, `kafka-${version}`), version);
    if (failure === undefined) {
      log(`Fetched Kafka ${version} jars in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return join(cache, `kafka-${version}`, 'libs');
    }
    failures.push(`${version}: ${failure}`);
    log(`Could not fetch Kafka ${version}`);
  }
  throw new Error(`Could not fetch the Kafka jars with Maven:\n${failures.join('\n')}`);
}

function jarsComplete(libs: string): boolean {
  const marker = join(libs, COMPLETE_MARKER);
  if (!existsSync(marker)) return false;
  const jars = readFileSync(marker, 'utf8').split('\n').filter(Boolean);
  return jars.length > 0 && jars.every((jar) => existsSync(join(libs, jar)));
}

/** Returns undefined on success, else the tail of Maven's output. */
function fetchJars(dir: string, version: string): string | undefined {
  const libs = join(dir, 'libs');
  rmSync(libs, { recursive: true, force: true });
  mkdirSync(libs, { recursive: true });
  writeFileSync(join(dir, 'pom.xml'), pomFor(version));
  const result = spawnSync(
    'mvn',
    ['-q', '-B', '-f', join(dir, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${libs}`, '-DincludeScope=runtime'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (result.error) return result.error.message;
  if (result.status !== 0) return `${result.stdout}${result.stderr}`.trim().split('\n').slice(-15).join('\n');
  const jars = readdirSync(libs).filter((name) => name.endsWith('.jar'));
  if (!jars.some((name) => name.startsWith(`kafka_2.13-${version}`))) return `kafka_2.13-${version}.jar is missing after the fetch`;
  // Written last, so an interrupted fetch is never mistaken for a complete one.
  writeFileSync(join(libs, COMPLETE_MARKER), `${jars.join('\n')}\n`);
  return undefined;
}

function pomFor(version: string): string {
  const dependency = (group: string, artifact: string, v: string) =>
    `    <dependency><groupId>${group}</groupId><artifactId>${artifact}</artifactId><version>${v}</version></dependency>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>rtdash</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
${[dependency('org.apache.kafka', 'kafka_2.13', version), ...LOGGING_JARS.map(([g, a, v]) => dependency(g, a, v))].join('\n')}
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.6.1</version>
      </plugin>
    </plugins>
  </build>
</project>
`;
}

function writeConfig(paths: Paths): void {
  const controllerPort = paths.port + 1;
  const properties = [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${paths.port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${paths.port}`,
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    `log.dirs=${paths.data}`,
    'num.partitions=3',
    'auto.create.topics.enable=true',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    // One node: every internal topic must live with one replica or it is never created.
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // Few coordinator partitions: creating 50 of them makes the first group join slow on 2 cores.
    'offsets.topic.num.partitions=4',
    'transaction.state.log.num.partitions=4',
    // Tests create and drop many short-lived groups; do not make each join wait 3 s.
    'group.initial.rebalance.delay.ms=0',
    '',
  ].join('\n');
  writeFileSync(paths.properties, properties);
  writeFileSync(
    paths.log4j,
    [
      'log4j.rootLogger=INFO, stdout',
      'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
      'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
      // These log a line per request or partition change; they drown out what matters.
      'log4j.logger.kafka.request.logger=WARN',
      'log4j.logger.state.change.logger=WARN',
      'log4j.logger.kafka.log.LogCleaner=WARN',
      '',
    ].join('\n'),
  );
}

function javaArgs(paths: Paths, libs: string, mainClass: string, args: string[]): string[] {
  return [
    '-Xmx640m',
    '-XX:+UseSerialGC',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${paths.log4j}`,
    '-cp',
    join(libs, '*'),
    mainClass,
    ...args,
  ];
}

function formatStorage(paths: Paths, libs: string, log: (line: string) => void): void {
  // Kafka 3.9 refuses a second format with a new cluster id even with --ignore-formatted, so a
  // formatted directory is left alone (its topics survive a restart; --fresh wipes them).
  if (existsSync(join(paths.data, 'meta.properties'))) return;
  log('Formatting Kafka storage…');
  const storageTool = (args: string[]) => {
    const result = spawnSync('java', javaArgs(paths, libs, 'kafka.tools.StorageTool', args), { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`kafka.tools.StorageTool ${args[0]} failed (exit ${result.status}):\n${(result.stderr || result.stdout || result.error?.message || '').trim()}`);
    }
    return result.stdout;
  };
  const clusterId = storageTool(['random-uuid']).trim().split('\n').pop()!.trim();
  storageTool(['format', '-t', clusterId, '-c', paths.properties, '--ignore-formatted']);
}

function launch(paths: Paths, libs: string): number {
  const out = openSync(paths.log, 'w');
  const child = spawn('java', javaArgs(paths, libs, 'kafka.Kafka', [paths.properties]), {
    detached: true,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  child.unref();
  if (child.pid === undefined) throw new Error('Could not start java for Kafka');
  return child.pid;
}

async function waitUntilReady(brokers: string[], pid: number, paths: Paths, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isKafkaProcess(pid)) {
      rmSync(paths.pid, { force: true });
      throw new Error(`Kafka exited during startup. Last lines of ${paths.log}:\n${logTail(paths.log)}`);
    }
    if (await kafkaIsReady(brokers, 2000)) return;
    await sleep(500);
  }
  throw new Error(
    `Kafka did not become ready on ${brokers[0]} within ${timeoutMs / 1000} s (pid ${pid} still running; ` +
      `stop it with \`npm run kafka:stop\`). Last lines of ${paths.log}:\n${logTail(paths.log)}`,
  );
}

function logTail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
