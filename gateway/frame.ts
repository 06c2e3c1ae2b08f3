/**
 * A serialised frame, shared by every subscriber it goes to: the JSON text (for SSE) and its
 * UTF-8 bytes (for WebSocket), each made at most once however many clients receive it.
 */
export class Frame {
  private utf8: Buffer | undefined;

  constructor(readonly text: string) {}

  bytes(): Buffer {
    return (this.utf8 ??= Buffer.from(this.text));
  }
}
