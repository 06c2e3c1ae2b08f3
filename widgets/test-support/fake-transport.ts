/** A Transport the test drives by hand, and a factory that remembers every one it made. */
import type { ClientFrame, ServerFrame } from '../../protocol/index.ts';
import type { Transport, TransportClose } from '../connection/transport.ts';
import type { NetworkStatus } from '../connection/network-status.ts';

export class FakeTransport implements Transport {
  readonly kind = 'fake';
  onOpen: (() => void) | undefined;
  onMessage: ((text: string) => void) | undefined;
  onClose: ((info: TransportClose) => void) | undefined;
  url: string | undefined;
  isOpen = false;
  closedWith: { code?: number; reason?: string } | undefined;
  readonly sent: ClientFrame[] = [];

  connect(url: string): void {
    this.url = url;
  }

  send(text: string): boolean {
    if (!this.isOpen) return false;
    this.sent.push(JSON.parse(text) as ClientFrame);
    return true;
  }

  close(code?: number, reason?: string): void {
    this.isOpen = false;
    this.closedWith = { code, reason };
  }

  // ── what the test does ──
  open(): void {
    this.isOpen = true;
    this.onOpen?.();
  }

  receive(frame: ServerFrame | Record<string, unknown>): void {
    this.onMessage?.(JSON.stringify(frame));
  }

  receiveText(text: string): void {
    this.onMessage?.(text);
  }

  drop(code = 1006, reason = ''): void {
    this.isOpen = false;
    this.onClose?.({ code, reason, wasClean: code !== 1006 });
  }

  framesOfType<T extends ClientFrame['type']>(type: T): Extract<ClientFrame, { type: T }>[] {
    return this.sent.filter((frame): frame is Extract<ClientFrame, { type: T }> => frame.type === type);
  }
}

export class FakeTransportFactory {
  readonly made: FakeTransport[] = [];
  readonly create = (): Transport => {
    const transport = new FakeTransport();
    this.made.push(transport);
    return transport;
  };

  get latest(): FakeTransport {
    const transport = this.made.at(-1);
    if (!transport) throw new Error('no transport was made yet');
    return transport;
  }
}

export class FakeNetwork implements NetworkStatus {
  online = true;
  readonly #listeners = new Set<(online: boolean) => void>();

  isOnline(): boolean {
    return this.online;
  }

  watch(onChange: (online: boolean) => void): () => void {
    this.#listeners.add(onChange);
    return () => this.#listeners.delete(onChange);
  }

  set(online: boolean): void {
    this.online = online;
    for (const listener of this.#listeners) listener(online);
  }
}

/** Lets queued microtasks (the manager batches subscriptions in one) run. */
export const flushMicrotasks = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
