/**
 * What one WebSocket is sent in one event-loop turn (see send-batcher.ts). A client that asked
 * for joined frames (`frames=lines`, protocol/server-frames.ts) gets them as one message, one
 * frame per line, up to `maxMessageBytes` a message; any other client gets one message per
 * frame, all of a turn in one system call.
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { SendBatcher, TurnQueue } from './send-batcher.ts';

const NEWLINE = 0x0a;

export class SocketOutbox implements TurnQueue {
  private frames: Buffer[] = [];
  private bytes = 0;

  constructor(
    private readonly socket: WebSocket,
    private readonly batcher: SendBatcher,
    private readonly joinFrames: boolean,
    private readonly maxMessageBytes: number,
  ) {}

  /** Bytes queued this turn, not yet handed to the socket (with the newlines between joined frames). */
  get queuedBytes(): number {
    return this.bytes;
  }

  push(frame: Buffer): void {
    if (this.frames.length === 0) this.batcher.schedule(this);
    else if (this.joinFrames && this.bytes + 1 + frame.length > this.maxMessageBytes) this.flush();
    if (this.joinFrames && this.frames.length > 0) this.bytes += 1;
    this.frames.push(frame);
    this.bytes += frame.length;
  }

  flush(): void {
    const frames = this.frames;
    if (frames.length === 0) return;
    const length = this.bytes;
    this.frames = [];
    this.bytes = 0;
    if (this.joinFrames) {
      this.socket.send(frames.length === 1 ? frames[0] : joinLines(frames, length), { binary: false });
      return;
    }
    // ws keeps its net.Socket private; corking it is the only way to share system calls.
    const raw = (this.socket as unknown as { _socket?: Socket })._socket;
    raw?.cork();
    for (const frame of frames) this.socket.send(frame, { binary: false });
    raw?.uncork();
  }
}

/** The frames one after another, a newline between each two; `length` is the result's size. */
function joinLines(frames: Buffer[], length: number): Buffer {
  const joined = Buffer.allocUnsafe(length);
  let at = 0;
  frames.forEach((frame, i) => {
    if (i > 0) joined[at++] = NEWLINE;
    at += frame.copy(joined, at);
  });
  return joined;
}
