/**
 * A gateway that lives in the story's page: it hands the shared ConnectionManager scripted
 * transports, answers subscribe/resume/ping frames as the real gateway does, and emits each
 * channel's feed on a timer — so every story shows live data, reconnects and outages with no
 * server. The manager, channel state and elements on the page are the real ones.
 */
import type { ClientFrame, WireEvent } from '../../protocol/index.ts';
import type { Json } from '../../protocol/validation.ts';
import { ConnectionManager, registerManager, type ConnectionManagerOptions } from '../../widgets/index.ts';
// The widget tests' switchable network: the browser's online/offline signal, set by a story.
import { FakeNetwork } from '../../widgets/test-support/fake-transport.ts';
import { ScriptedTransport, type ScriptedServer } from './scripted-transport.ts';

/** The data of a channel's n-th event (0 is the snapshot); undefined: the channel goes quiet from there. */
export type Feed = (step: number) => Json | undefined;

/** How a connection attempt goes: it opens, hangs in "connecting", or is refused at once. */
export type LinkBehaviour = 'open' | 'hang' | 'refuse';

export interface GatewayScript {
  feeds?: Record<string, Feed>;
  link?: LinkBehaviour;
  /** One event per channel every tickMs (500). */
  tickMs?: number;
  /** Delay of the answer to a ping, shown as the round trip (12). */
  latencyMs?: number;
  /** What happens when: [ms after the story rendered, action]. */
  timeline?: [ms: number, action: (gateway: ScriptedGateway) => void][];
  manager?: ConnectionManagerOptions;
}

const HEARTBEAT_MS = 10_000;
const OPEN_DELAY_MS = 60;
const running = new Set<ScriptedGateway>();
let made = 0;

export class ScriptedGateway implements ScriptedServer {
  readonly url = `ws://story-${++made}.rtdash.invalid/ws`;
  readonly network = new FakeNetwork();
  readonly manager: ConnectionManager;
  link: LinkBehaviour;
  readonly #feeds: Record<string, Feed>;
  readonly #latencyMs: number;
  /** The newest event of each channel, what a snapshot carries. */
  readonly #newest = new Map<string, WireEvent>();
  readonly #subscribed = new Set<string>();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #transport: ScriptedTransport | undefined;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(script: GatewayScript = {}) {
    this.#feeds = script.feeds ?? {};
    this.link = script.link ?? 'open';
    this.#latencyMs = script.latencyMs ?? 12;
    this.manager = new ConnectionManager(this.url, {
      transport: () => new ScriptedTransport(this),
      network: this.network,
      // Fixed jitter: the countdown a story shows is the same on every run.
      backoff: { baseMs: 4_000, maxMs: 20_000, random: () => 0.6 },
      ...script.manager,
    });
    registerManager(this.manager);
    this.#ticker = setInterval(() => this.#tick(), script.tickMs ?? 500);
    for (const [ms, action] of script.timeline ?? []) this.#later(ms, () => action(this));
    running.add(this);
  }

  /** The link breaks; later attempts go as `then` says. */
  drop(then: LinkBehaviour = 'refuse', code = 1006): void {
    this.link = then;
    this.#transport?.drop(code);
  }

  stop(): void {
    clearInterval(this.#ticker);
    clearInterval(this.#heartbeat);
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.manager.close();
    running.delete(this);
  }

  // ── the server side of a connection ───────────────────────────────────────────────────────

  attach(transport: ScriptedTransport): void {
    this.#transport = transport;
    if (this.link === 'hang') return;
    this.#later(OPEN_DELAY_MS, () => {
      if (this.link === 'refuse') return transport.drop(1006);
      transport.open();
      transport.deliver({ type: 'heartbeat', ts: Date.now(), interval: HEARTBEAT_MS });
      clearInterval(this.#heartbeat);
      this.#heartbeat = setInterval(() => transport.deliver({ type: 'heartbeat', ts: Date.now(), interval: HEARTBEAT_MS }), HEARTBEAT_MS);
    });
  }

  detach(transport: ScriptedTransport): void {
    if (transport !== this.#transport) return;
    this.#transport = undefined;
    this.#subscribed.clear();
    clearInterval(this.#heartbeat);
  }

  receive(transport: ScriptedTransport, frame: ClientFrame): void {
    switch (frame.type) {
      case 'subscribe':
        for (const channel of frame.channels) {
          this.#subscribed.add(channel);
          transport.deliver({ type: 'subscribed', channel, recovered: false, ref: frame.ref });
          transport.deliver({ type: 'snapshot', channel, event: this.#latest(channel) });
        }
        return;
      case 'resume':
        // Nothing was published while the link was down: every resume is complete.
        for (const channel of Object.keys(frame.positions)) {
          this.#subscribed.add(channel);
          transport.deliver({ type: 'subscribed', channel, recovered: true, ref: frame.ref });
        }
        return;
      case 'unsubscribe':
        for (const channel of frame.channels) this.#subscribed.delete(channel);
        return;
      case 'ping':
        this.#later(this.#latencyMs, () => transport.deliver({ type: 'pong', ts: frame.ts }));
        return;
    }
  }

  #tick(): void {
    const transport = this.#transport;
    if (!transport?.isOpen) return;
    for (const channel of this.#subscribed) {
      const newest = this.#newest.get(channel);
      const event = this.#publish(channel, newest ? Number(newest.id.slice(2)) + 1 : 0);
      if (event) transport.deliver({ type: 'event', ...event });
    }
  }

  /** What a snapshot carries: the newest event, the feed's first on a fresh channel, or null. */
  #latest(channel: string): WireEvent | null {
    return this.#newest.get(channel) ?? this.#publish(channel, 0) ?? null;
  }

  #publish(channel: string, step: number): WireEvent | undefined {
    const data = this.#feeds[channel]?.(step);
    if (data === undefined) return undefined;
    const event: WireEvent = { channel, id: `0-${step}`, ts: Date.now(), data };
    this.#newest.set(channel, event);
    return event;
  }

  #later(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      action();
    }, ms);
    this.#timers.add(timer);
  }
}

/** Ends every gateway a story made (the preview calls it when a story is left). */
export function stopAllGateways(): void {
  for (const gateway of [...running]) gateway.stop();
}
