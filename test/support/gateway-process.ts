/**
 * A gateway as a separate process, started through the real CLI (`node bin/rtdash.mjs gateway`)
 * with the environment a test gives it. PORT defaults to 0, so the kernel picks the port and no
 * other process can take it between a probe and the bind; the port is read back from the
 * start-up line. Output is kept (the last part of it) for failure messages, and always read, so
 * a chatty gateway never blocks on a full pipe. A process still running when the test process
 * exits is killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/rtdash.mjs', import.meta.url));
const LIVE_LINE = /rtdash gateway is live at (http:\/\/\S+?)\/?\s/;
const OUTPUT_KEPT = 20_000;

export interface GatewayProcessOptions {
  /** Added to (and overriding) the test process's environment; undefined removes a variable. */
  env: NodeJS.ProcessEnv;
  /** Default 0: a free port picked at bind time. */
  port?: number;
  /** How long start-up may take (tsx, Kafka connect, the log tail's group join). Default 30 s. */
  startTimeoutMs?: number;
  /** A name for messages. */
  name?: string;
}

export interface GatewayProcess {
  readonly name: string;
  readonly pid: number;
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly httpUrl: string;
  /** ws://127.0.0.1:PORT/ws */
  readonly wsUrl: string;
  /** True until the process has exited. */
  readonly running: boolean;
  /** The last part of stdout and stderr, interleaved. */
  output(): string;
  /** Sends `signal` (SIGTERM by default) and resolves with the exit code or signal once the process is gone. */
  kill(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | NodeJS.Signals | null>;
}

/** Spawns `rtdash gateway` and resolves once it listens; rejects (and kills it) if it does not within the timeout. */
export async function startGatewayProcess(options: GatewayProcessOptions): Promise<GatewayProcess> {
  const name = options.name ?? 'gateway';
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(options.port ?? 0), ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(process.execPath, [BIN, 'gateway'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name}: could not spawn node ${BIN} gateway`);

  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  let exit: number | NodeJS.Signals | null | undefined;
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = signal ?? code;
      process.off('exit', killOnExit);
      resolve(exit);
    });
  });

  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > OUTPUT_KEPT * 2) output = output.slice(-OUTPUT_KEPT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  const timeoutMs = options.startTimeoutMs ?? 30_000;
  let url: string;
  try {
    url = await waitForLiveLine(child, () => output, exited, timeoutMs, name);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
  const { port } = new URL(url);

  return {
    name,
    pid,
    port: Number(port),
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    get running() {
      return exit === undefined;
    },
    output: () => output.slice(-OUTPUT_KEPT),
    async kill(signal: NodeJS.Signals = 'SIGTERM', killTimeoutMs = 15_000) {
      if (exit !== undefined) return exit;
      child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), killTimeoutMs); });
      const outcome = await Promise.race([exited, late]);
      clearTimeout(timer);
      if (outcome !== 'late') return outcome;
      child.kill('SIGKILL');
      await exited;
      throw new Error(`${name} (pid ${pid}) did not exit within ${killTimeoutMs} ms of ${signal}; killed it. Output:\n${output.slice(-3000)}`);
    },
  };
}

function waitForLiveLine(
  child: ChildProcess, output: () => string, exited: Promise<unknown>, timeoutMs: number, name: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`${name} did not report "live" within ${timeoutMs} ms. Output:\n${output().slice(-3000)}`)), timeoutMs);
    const onData = () => {
      const match = LIVE_LINE.exec(output());
      if (match) finish(undefined, match[1]);
    };
    const finish = (error?: Error, url?: string) => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      if (error) reject(error);
      else resolve(url!);
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => finish(new Error(`${name} exited (${code}) before it was live. Output:\n${output().slice(-3000)}`)));
  });
}
