/** What the client process needs from each kind of client connection. */
import type { Recorder } from './recorder.ts';

export interface BenchClient {
  /** Resolves once the server confirmed every channel. */
  subscribe(channels: string[]): Promise<void>;
  close(): void;
}

export type ClientKind = 'rtdash' | 'socketio' | 'socketio-official' | 'ws';

export type ConnectClient = (url: string, recorder: Recorder) => Promise<BenchClient>;

const SUBSCRIBE_TIMEOUT_MS = 60_000;

/** A promise that rejects after the subscribe timeout, so one lost answer cannot hang the run. */
export function withSubscribeTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${SUBSCRIBE_TIMEOUT_MS} ms`)), SUBSCRIBE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
