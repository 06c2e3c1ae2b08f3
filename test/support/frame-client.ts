/**
 * A test WebSocket client that records every server frame and lets a test wait for the frame
 * it expects, with a timeout that reports what did arrive. A message may hold several frames,
 * one per line (joined frames, for a URL with `frames=lines`).
 */
import WebSocket from 'ws';
import { JOINED_FRAME_SEPARATOR, parseServerFrame, type ClientFrame, type ServerFrame } from '../../protocol/index.ts';
import { FrameRecorder } from './frame-recorder.ts';

export class FrameClient extends FrameRecorder {
  closeCode: number | undefined;
  /** Each WebSocket message's size in bytes and how many frames it held, in arrival order. */
  readonly messages: { bytes: number; frames: number }[] = [];

  private constructor(readonly socket: WebSocket) {
    super();
    socket.on('message', (data) => {
      const text = data.toString();
      const lines = text.split(JOINED_FRAME_SEPARATOR);
      this.messages.push({ bytes: Buffer.byteLength(text), frames: lines.length });
      for (const line of lines) {
        const parsed = parseServerFrame(line);
        if (!parsed.ok) throw new Error(`gateway sent an invalid frame: ${parsed.problem.message}`);
        this.record(parsed.value);
      }
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

  /** Waits for the first frame of `type` matching `where` and returns it. */
  next<K extends ServerFrame['type']>(type: K, where: (frame: Extract<ServerFrame, { type: K }>) => boolean = () => true, timeoutMs?: number) {
    return this.until((frames) => frames.find((frame): frame is Extract<ServerFrame, { type: K }> => frame.type === type && where(frame as Extract<ServerFrame, { type: K }>)), timeoutMs);
  }

  closed(timeoutMs = 3000): Promise<number> {
    return this.until(() => this.closeCode, timeoutMs);
  }

  close(): void {
    this.socket.close();
  }
}
