/**
 * One connection attempt to a ScriptedGateway, in place of a WebSocket: the gateway decides
 * whether it opens, hangs or is refused, and answers the frames the manager sends.
 */
import type { ClientFrame, ServerFrame } from '../../protocol/index.ts';
import type { Transport, TransportClose } from '../../widgets/index.ts';

export interface ScriptedServer {
  attach(transport: ScriptedTransport): void;
  detach(transport: ScriptedTransport): void;
  receive(transport: ScriptedTransport, frame: ClientFrame): void;
}

export class ScriptedTransport implements Transport {
  readonly kind = 'scripted';
  onOpen: (() => void) | undefined;
  onMessage: ((text: string) => void) | undefined;
  onClose: ((info: TransportClose) => void) | undefined;
  #open = false;
  #ended = false;

  constructor(private readonly server: ScriptedServer) {}

  get isOpen(): boolean {
    return this.#open;
  }

  connect(): void {
    this.server.attach(this);
  }

  send(text: string): boolean {
    if (!this.#open) return false;
    this.server.receive(this, JSON.parse(text) as ClientFrame);
    return true;
  }

  close(): void {
    this.#end();
  }

  // ── what the server does ──
  open(): void {
    if (this.#ended) return;
    this.#open = true;
    this.onOpen?.();
  }

  deliver(frame: ServerFrame): void {
    if (this.#open) this.onMessage?.(JSON.stringify(frame));
  }

  /** The link breaks (1006: no closing handshake) or the server closes it with `code`. */
  drop(code = 1006, reason = ''): void {
    if (this.#ended) return;
    this.#end();
    this.onClose?.({ code, reason, wasClean: code !== 1006 });
  }

  #end(): void {
    this.#open = false;
    this.#ended = true;
    this.server.detach(this);
  }
}
