/**
 * Binds an element to a channel of the shared connection: subscribes when the element is in
 * the document and has a channel, gives the channel back when it leaves, and follows changes of
 * the `channel` and `gateway` attributes. Every data element uses one of these.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChannelChange, ChannelListener, ChannelValue } from '../connection/channel-state.ts';
import { getManager } from '../connection/manager-registry.ts';

export interface ChannelTarget {
  channel: string | null | undefined;
  gateway: string | null | undefined;
}

export class ChannelController implements ReactiveController {
  #unsubscribe: (() => void) | undefined;
  #boundKey: string | undefined;
  readonly #listener: ChannelListener;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly target: () => ChannelTarget,
    onValue: (value: ChannelValue, change: ChannelChange) => void,
  ) {
    this.#listener = (value, change) => onValue(value, change);
    host.addController(this);
  }

  /** True while subscribed to a channel. */
  get bound(): boolean {
    return this.#unsubscribe !== undefined;
  }

  hostConnected(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.#release();
  }

  /** Call when `channel` or `gateway` may have changed (from willUpdate). */
  sync(): void {
    if (!this.host.isConnected) return;
    const { channel, gateway } = this.target();
    const key = channel ? `${gateway ?? ''}\n${channel}` : undefined;
    if (key === this.#boundKey) return;
    this.#release();
    if (!channel || key === undefined) return;
    this.#boundKey = key;
    try {
      this.#unsubscribe = getManager(gateway).subscribe(channel, this.#listener);
    } catch (error) {
      // A bad channel name or gateway URL in markup must not break the page.
      console.warn(`rtdash: <${this.host.localName}> cannot listen to "${channel}": ${(error as Error).message}`);
    }
  }

  #release(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#boundKey = undefined;
  }
}
