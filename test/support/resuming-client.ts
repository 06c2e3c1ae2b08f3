/**
 * One client of one channel that outlives its connections, as a browser's connection manager
 * does: it keeps the full event ids it saw over every connection it had, and each new
 * connection (to any gateway) resumes after the last of them. Connections are FrameClients;
 * previews (partial events) are recorded but never move the position.
 *
 * It also notes when each event frame arrived, so a test can measure publish-to-receive
 * latency (the event's ts against the local clock: publisher and client share the machine).
 */
import { FrameClient } from './frame-client.ts';
import type { ServerFrame } from '../../protocol/index.ts';

export interface Receipt {
  id: string;
  /** The event's ts (set by the publisher). */
  ts: number;
  /** Date.now() when the frame arrived. */
  at: number;
  partial: boolean;
  /** True for events that came in a catch-up batch rather than live. */
  inBatch: boolean;
}

type Subscribed = Extract<ServerFrame, { type: 'subscribed' }>;

export class ResumingClient {
  /** Every event frame of the channel, full and partial, in arrival order (when `recordReceipts`). */
  readonly receipts: Receipt[] = [];
  /** Connections opened so far. */
  connections = 0;
  /** Resumes the gateway answered with `recovered: false` (a reset): each one is a gap. */
  unrecovered = 0;
  private finished: string[] = [];
  private current: FrameClient | undefined;
  private currentFull = 0;

  constructor(readonly channel: string, private readonly options: { recordReceipts?: boolean } = {}) {}

  /** The open connection, if any. */
  get connection(): FrameClient | undefined {
    return this.current;
  }

  /** Full events received over all connections so far; cheap, for progress polls. */
  get fullCount(): number {
    return this.finished.length + this.currentFull;
  }

  /** Every full id received, over all connections, in arrival order. */
  ids(): string[] {
    return this.current ? [...this.finished, ...this.current.fullIds(this.channel)] : [...this.finished];
  }

  /** The id a new connection resumes after. */
  lastId(): string | undefined {
    return this.current ? this.ids().at(-1) : this.finished.at(-1);
  }

  /**
   * Opens a connection to `url` and sends `resume` with the last full id (`subscribe` when it
   * has none yet). Unless `waitSubscribed` is false, resolves with the `subscribed` answer.
   */
  async connect(url: string, options: { waitSubscribed?: boolean; timeoutMs?: number } = {}): Promise<Subscribed | undefined> {
    if (this.current) throw new Error('connect() while a connection is open: drop() or closedByServer() first');
    const client = await FrameClient.connect(url);
    this.current = client;
    this.currentFull = 0;
    this.connections++;
    client.socket.on('message', (data) => this.note(data.toString()));
    const after = this.finished.at(-1);
    if (after === undefined) client.send({ type: 'subscribe', channels: [this.channel] });
    else client.send({ type: 'resume', positions: { [this.channel]: after } });
    if (options.waitSubscribed === false) return undefined;
    const subscribed = await client.next('subscribed', (frame) => frame.channel === this.channel, options.timeoutMs ?? 10_000);
    if (after !== undefined && !subscribed.recovered) this.unrecovered++;
    return subscribed;
  }

  /**
   * Cuts the connection without a closing handshake (as a network failure would) and waits
   * until the socket is closed, so every frame it delivered before that is counted.
   */
  async drop(timeoutMs = 5000): Promise<void> {
    const client = this.current;
    if (!client) return;
    client.socket.terminate();
    await client.closed(timeoutMs);
    this.finish(client);
  }

  /** Waits for the server side to close the connection (e.g. its gateway was killed); returns the close code. */
  async closedByServer(timeoutMs = 5000): Promise<number> {
    const client = this.current;
    if (!client) throw new Error('no open connection');
    const code = await client.closed(timeoutMs);
    this.finish(client);
    return code;
  }

  /** Closes the connection, if any, and keeps what it received. */
  async close(): Promise<void> {
    const client = this.current;
    if (!client) return;
    if (client.closeCode === undefined) {
      client.close();
      await client.closed(3000).catch(() => client.socket.terminate());
    }
    this.finish(client);
  }

  private finish(client: FrameClient): void {
    if (this.current !== client) return;
    this.finished.push(...client.fullIds(this.channel));
    this.current = undefined;
    this.currentFull = 0;
  }

  private note(text: string): void {
    const at = Date.now();
    let frame: { type?: string; channel?: string; id?: string; ts?: number; partial?: boolean; events?: Array<{ channel: string; id: string; ts: number; partial?: boolean }> };
    try {
      frame = JSON.parse(text);
    } catch {
      return; // FrameClient reports invalid frames
    }
    const record = this.options.recordReceipts === true;
    if (frame.type === 'event' && frame.channel === this.channel) {
      if (!frame.partial) this.currentFull++;
      if (record) this.receipts.push({ id: frame.id!, ts: frame.ts!, at, partial: frame.partial === true, inBatch: false });
    } else if (frame.type === 'batch') {
      for (const event of frame.events ?? []) {
        if (event.channel !== this.channel) continue;
        if (!event.partial) this.currentFull++;
        if (record) this.receipts.push({ id: event.id, ts: event.ts, at, partial: event.partial === true, inBatch: true });
      }
    } else if (frame.type === 'snapshot' && frame.channel === this.channel && (frame as { event?: unknown }).event) {
      this.currentFull++;
    }
  }
}
