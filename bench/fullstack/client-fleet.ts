/**
 * The harness side of the Node clients: forks client-process.ts children (tsx), spreads the
 * clients over them, and asks them for status and verdicts. Each child can be paused and
 * resumed with SIGSTOP / SIGCONT as a whole.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ConnectionManagerOptions } from '../../widgets/connection/connection-manager.ts';
import type { ClientReport, FleetRequest, FleetStatus } from './fleet-protocol.ts';
import type { ChannelAcks } from './sequenced-publisher.ts';

const CHILD = fileURLToPath(new URL('./client-process.ts', import.meta.url));
/** A request without its id (distributed over the union, so each type keeps its own fields). */
type Body = FleetRequest extends infer R ? (R extends FleetRequest ? Omit<R, 'id'> : never) : never;

class ClientChild {
  readonly process: ChildProcess;
  #nextId = 1;
  #pending = new Map<number, (value: unknown) => void>();
  #exited: Promise<void>;

  constructor(name: string) {
    this.process = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, RTDASH_CLIENT_NAME: name } });
    this.process.on('message', (message: { id: number }) => {
      this.#pending.get(message.id)?.(message);
      this.#pending.delete(message.id);
    });
    this.#exited = new Promise((resolve) => this.process.once('exit', () => resolve()));
    const killOnExit = () => this.process.kill('SIGKILL');
    process.on('exit', killOnExit);
    void this.#exited.then(() => process.off('exit', killOnExit));
  }

  ask<T>(body: Body, timeoutMs = 60_000): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`client process ${this.process.pid} did not answer ${body.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, (value) => {
        clearTimeout(timer);
        resolve(value as T);
      });
      this.process.send({ id, ...body });
    });
  }

  async end(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    this.process.kill('SIGCONT'); // a paused child cannot answer
    await this.ask({ type: 'close' }, 10_000).catch(() => this.process.kill('SIGKILL'));
    await this.#exited;
  }
}

export class ClientFleet {
  readonly children: ClientChild[];

  constructor(processes: number) {
    this.children = Array.from({ length: processes }, (_, i) => new ClientChild(`clients-${i}`));
  }

  /** Starts the clients (channelSets[i] = client i's channels), spread over the children, ramped over `rampMs`. */
  async start(url: string, channelSets: string[][], options: ConnectionManagerOptions = {}, rampMs = 2000): Promise<void> {
    await Promise.all(this.children.map((child, c) => child.ask({
      type: 'start', url, options, rampMs,
      channelSets: channelSets.filter((_, i) => i % this.children.length === c),
    }, rampMs + 30_000)));
  }

  async status(): Promise<FleetStatus> {
    const all = await Promise.all(this.children.map((child) => child.ask<FleetStatus>({ type: 'status' })));
    const progress: Record<string, number> = {};
    for (const status of all) for (const [channel, n] of Object.entries(status.progress)) progress[channel] = Math.min(progress[channel] ?? Infinity, n);
    return { open: all.reduce((a, s) => a + s.open, 0), total: all.reduce((a, s) => a + s.total, 0), progress };
  }

  async reports(acks: ChannelAcks[], upTo?: Record<string, number>): Promise<ClientReport[]> {
    const all = await Promise.all(this.children.map((child) => child.ask<{ reports: ClientReport[] }>({ type: 'report', acks, upTo }, 120_000)));
    return all.flatMap((answer) => answer.reports);
  }

  pause(child = 0): void {
    this.children[child].process.kill('SIGSTOP');
  }

  resume(child = 0): void {
    this.children[child].process.kill('SIGCONT');
  }

  pids(): number[] {
    return this.children.map((child) => child.process.pid!);
  }

  async close(): Promise<void> {
    await Promise.all(this.children.map((child) => child.end()));
  }
}
