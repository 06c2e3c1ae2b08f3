/**
 * Request/response over the Node IPC channel between the bench driver and its child processes
 * (servers, publishers, clients). Every request has a deadline, and a child exits as soon as
 * the driver goes away, so a crashed run leaves nothing behind.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

interface Request { id: number; command: string; args: unknown }
interface Response { id: number; ok: boolean; result?: unknown; error?: string }

export type Handlers = Record<string, (args: any) => unknown>;

export class Child {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly exited: Promise<number | null>;

  private constructor(readonly name: string, readonly process: ChildProcess) {
    process.on('message', (message: Response) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`${name}: ${message.error}`));
    });
    this.exited = new Promise((resolve) => process.once('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`${name} exited (code ${code})`));
      this.pending.clear();
      resolve(code);
    }));
  }

  /** Starts `entry` (a path relative to bench/gateway/) under tsx, with --expose-gc so memory can be read after a GC. */
  static spawn(name: string, entry: string): Child {
    const path = fileURLToPath(new URL(entry, import.meta.url));
    const child = fork(path, [], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, RTDASH_LOG_LEVEL: 'warn' },
    });
    return new Child(name, child);
  }

  request<T>(command: string, args: unknown = {}, timeoutMs = 30_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${command} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => { clearTimeout(timer); resolve(value as T); },
        reject: (error) => { clearTimeout(timer); reject(error); },
      });
      this.process.send({ id, command, args } satisfies Request);
    });
  }

  /** Asks the child to stop (it exits by itself, writing any CPU profile), then kills it if it lingers. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    await this.request('stop', {}, timeoutMs).catch(() => {});
    const timer = setTimeout(() => this.process.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
  }
}

/**
 * The child side. `stop` is built in: it runs `onStop`, answers, and exits normally (so
 * --cpu-prof gets to write its file).
 */
export function serve(handlers: Handlers, onStop: () => Promise<void> | void = () => {}): void {
  const send = (response: Response) => new Promise<void>((resolve) => process.send!(response, () => resolve()));
  process.on('message', async ({ id, command, args }: Request) => {
    if (command === 'stop') {
      await Promise.resolve(onStop()).catch((error) => console.error(`stop failed: ${messageOf(error)}`));
      await send({ id, ok: true });
      process.exit(0);
    }
    const handler = handlers[command];
    try {
      if (!handler) throw new Error(`unknown command ${command}`);
      await send({ id, ok: true, result: await handler(args) });
    } catch (error) {
      await send({ id, ok: false, error: messageOf(error) });
    }
  });
  // The driver is gone (finished, crashed or killed): nothing left to serve.
  process.on('disconnect', () => process.exit(0));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
