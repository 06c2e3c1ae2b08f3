/**
 * A minimal SSE client for tests: reads `data:`/`id:` fields from a fetch stream, parses each
 * data line as a server frame and remembers the last event id, as EventSource would.
 */
import { parseServerFrame, type ServerFrame } from '../../protocol/index.ts';

export class SseClient {
  readonly frames: ServerFrame[] = [];
  lastEventId = '';
  status = 0;
  ended = false;
  private readonly abort = new AbortController();
  private waiters: (() => void)[] = [];

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: client.abort.signal });
    client.status = response.status;
    if (!response.ok || !response.body) {
      client.ended = true;
      return client;
    }
    void client.read(response.body);
    return client;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.onEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted
    }
    this.ended = true;
    this.wake();
  }

  private onEvent(block: string): void {
    for (const line of block.split('\n')) {
      if (line.startsWith('id: ')) this.lastEventId = line.slice(4);
      if (line.startsWith('data: ')) {
        const parsed = parseServerFrame(line.slice(6));
        if (!parsed.ok) throw new Error(`invalid SSE frame: ${parsed.problem.message}`);
        this.frames.push(parsed.value);
      }
    }
    this.wake();
  }

  async until<T>(predicate: () => T | undefined | false, timeoutMs = 3000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = predicate();
      if (result) return result;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; frames so far: ${JSON.stringify(this.frames).slice(0, 1500)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

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
    this.abort.abort();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
