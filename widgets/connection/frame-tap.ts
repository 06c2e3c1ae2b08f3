/**
 * Raw frames for code that speaks the protocol itself (rtdash/react's useWebSocket): listeners
 * that hear every valid frame the gateway sends, and the rule for which frames such code may send.
 */
import type { ClientFrame, ServerFrame } from '../../protocol/index.ts';

export type FrameListener = (frame: ServerFrame) => void;

export class FrameTap {
  readonly #listeners = new Set<FrameListener>();

  /** Returns the function that stops listening; the same function added twice hears twice. */
  listen(listener: FrameListener): () => void {
    const entry: FrameListener = (frame) => listener(frame);
    this.#listeners.add(entry);
    return () => { this.#listeners.delete(entry); };
  }

  /** Hands `frame` to every listener; one that throws is logged and the rest still hear it. */
  deliver(frame: ServerFrame): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(frame);
      } catch (error) {
        // A broken frame listener must not stop the manager handling the link.
        console.error(error);
      }
    }
  }
}

/**
 * Only frames the channel registry does not track (a `ping`) may be sent raw: a raw `subscribe`
 * would put the wire out of step with the ref counts. Throws a TypeError for the others.
 */
export function assertRawSendable(frame: ClientFrame): void {
  if (frame.type !== 'ping') throw new TypeError(`rtdash: send() does not take "${frame.type}" frames; use subscribe() and its release function`);
}
