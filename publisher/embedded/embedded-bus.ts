/**
 * The embedded notice bus: in-process Pub/Sub with the NoticeBus seam, so the gateway's lazy
 * per-channel subscription logic runs the same way as on Redis. Publisher and gateway share
 * one instance.
 */
import type { Notice, NoticeBus } from '../../protocol/index.ts';

export class EmbeddedBus implements NoticeBus {
  private readonly subscribed = new Set<string>();
  private readonly handlers = new Set<(notice: Notice) => void>();

  async publish(notices: Notice[]): Promise<void> {
    // Deliver on a later turn, like a network hop: a publisher never runs subscriber code inline.
    queueMicrotask(() => {
      for (const notice of notices) {
        if (!this.subscribed.has(notice.channel)) continue;
        for (const handler of this.handlers) handler(notice);
      }
    });
  }

  async subscribe(channel: string): Promise<void> {
    this.subscribed.add(channel);
  }

  async unsubscribe(channel: string): Promise<void> {
    this.subscribed.delete(channel);
  }

  /** Channels with a subscriber, as PUBSUB CHANNELS shows them on Redis. */
  channels(): string[] {
    return [...this.subscribed];
  }

  onNotice(handler: (notice: Notice) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.subscribed.clear();
    this.handlers.clear();
  }
}
