/**
 * A minimal SSE client for tests: reads `data:`/`id:` fields from a fetch stream, parses each
 * data line as a server frame and remembers the last event id, as EventSource would.
 */
import { parseServerFrame } from '../../protocol/index.ts';
import { FrameRecorder } from './frame-recorder.ts';

export class SseClient extends FrameRecorder {
  lastEventId = '';
  status = 0;
  ended = false;
  private readonly abort = new AbortController();

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
        this.record(parsed.value);
      }
    }
  }

  close(): void {
    this.abort.abort();
  }
}
