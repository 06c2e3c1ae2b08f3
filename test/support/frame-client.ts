/**
 * A test WebSocket client that records every server frame and lets a test wait for the frame
 * it expects, with a timeout that reports what did arrive.
 */
import WebSocket from 'ws';
import { parseServerFrame, type ClientFrame, type ServerFrame } from '../../protocol/index.ts';

export class FrameClient {
  readonly frames: ServerFrame[] = [];
  closeCode: number | undefined;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const parsed = parseServerFrame(data.toString());
      if (!parsed.ok) throw new Error(`gateway sent an invalid frame: ${parsed.problem.message}`);
      this.frames.push(parsed.value);
      this.wake();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<FrameClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      const client = new FrameClient(socket);
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
  }

  send(frame: ClientFrame | string): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Waits until `predicate` holds for the frames received so far. */
  async until<T>(predicate: (frames: ServerFrame[]) => T | undefined | false, timeoutMs = 3000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = predicate(this.frames);
      if (result) return result;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; frames so far: ${JSON.stringify(this.frames).slice(0, 2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  /** Waits for the first frame of `type` matching `where` and returns it. */
  next<K extends ServerFrame['type']>(type: K, where: (frame: Extract<ServerFrame, { type: K }>) => boolean = () => true, timeoutMs?: number) {
    return this.until((frames) => frames.find((frame): frame is Extract<ServerFrame, { type: K }> => frame.type === type && where(frame as Extract<ServerFrame, { type: K }>)), timeoutMs);
  }

  closed(timeoutMs = 3000): Promise<number> {
    return this.until(() => this.closeCode, timeoutMs);
  }

  /** Every full (non-partial) event id received for `channel`, in arrival order, from events, batches and snapshots. */
  fullIds(channel: string): string[] {
    const ids: string[] = [];
    for (const frame of this.frames) {
      if (frame.type === 'event' && frame.channel === channel && !frame.partial) ids.push(frame.id);
      if (frame.type === 'batch') for (const event of frame.events) if (event.channel === channel && !event.partial) ids.push(event.id);
      if (frame.type === 'snapshot' && frame.channel === channel && frame.event) ids.push(frame.event.id);
    }
    return ids;
  }

  close(): void {
    this.socket.close();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
