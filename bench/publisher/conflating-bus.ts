/**
 * A proposal measured by the bench, not used by the product: announce only the newest notice of
 * each channel per log append. Hints are previews that the full event (from the log) refines,
 * so an intermediate hint skipped within one append costs nothing on screen, and Redis then
 * carries one PUBLISH per channel per append instead of one per event.
 */
import type { Notice, NoticeBus } from '../../protocol/index.ts';

export class ConflatingBus implements NoticeBus {
  constructor(private readonly inner: NoticeBus) {}

  publish(notices: Notice[]): Promise<void> {
    const newest = new Map<string, Notice>();
    for (const notice of notices) newest.set(notice.channel, notice);
    return this.inner.publish([...newest.values()]);
  }

  subscribe(channel: string): Promise<void> {
    return this.inner.subscribe(channel);
  }

  unsubscribe(channel: string): Promise<void> {
    return this.inner.unsubscribe(channel);
  }

  onNotice(handler: (notice: Notice) => void): () => void {
    return this.inner.onNotice(handler);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
