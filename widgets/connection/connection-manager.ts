/**
 * One resilient connection per gateway URL, shared by every element on the page.
 *
 * Elements ask for channels and give them back; the manager opens the socket lazily, keeps one
 * wire subscription per channel however many elements listen, resumes from the last id after
 * every reconnect, and keeps the last data (marked stale) while the link is down. *When* to
 * move between connection states is decided here; *whether* a move is legal is decided by
 * ConnectionStateMachine. The parts with no say in either live beside it: the settings
 * (connection-options), which transport an attempt uses (transport-choice), gathering channel
 * changes for a one-way stream (stream-reopen), the ping round trip (latency-probe) and raw
 * frames (frame-tap).
 */
import {
  CloseCode, FINAL_CLOSE_CODES, encodeClientFrame, parseServerFrame, validateChannel,
  type ClientFrame, type ErrorFrame, type Problem, type ServerFrame,
} from '../../protocol/index.ts';
import { Backoff } from './backoff.ts';
import { ChannelRegistry } from './channel-registry.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { Timer, systemClock, type Clock } from './clock.ts';
import type { ChannelListener, ChannelPoint, ChannelValue } from './channel-state.ts';
import { resolveSettings, type ConnectionManagerOptions, type ConnectionSettings } from './connection-options.ts';
import {
  ConnectionStateMachine, type ConnectionState, type DisconnectInfo, type StateChange, type StateChangeEvent,
} from './connection-state.ts';
import { FrameTap, assertRawSendable } from './frame-tap.ts';
import { HeartbeatWatchdog } from './heartbeat-watchdog.ts';
import { LatencyProbe } from './latency-probe.ts';
import { browserNetwork, type NetworkStatus } from './network-status.ts';
import { oncePerTask } from './once-per-task.ts';
import { StreamReopen } from './stream-reopen.ts';
import type { Transport } from './transport.ts';
import { TransportChoice, type TransportKind } from './transport-choice.ts';

export type { ConnectionManagerOptions } from './connection-options.ts';
export type { TransportKind } from './transport-choice.ts';

/** Dispatched as `badframe`: the gateway sent something parseServerFrame rejected. */
export interface BadFrameDetail { problem: Problem; sample: string }

/**
 * Events: `statechange` (CustomEvent<StateChange>), `latency` (CustomEvent<number>, ms),
 * `badframe` (CustomEvent<BadFrameDetail>), `servererror` (CustomEvent<ErrorFrame>).
 */
export class ConnectionManager extends EventTarget {
  readonly url: string;
  readonly #machine = new ConnectionStateMachine();
  readonly #settings: ConnectionSettings;
  readonly #channels: ChannelRegistry;
  readonly #transports: TransportChoice;
  readonly #clock: Clock;
  readonly #network: NetworkStatus;
  readonly #backoff: Backoff;
  readonly #breaker: CircuitBreaker;
  readonly #watchdog: HeartbeatWatchdog;
  readonly #latency: LatencyProbe;
  readonly #streams: StreamReopen;
  readonly #retryTimer: Timer;
  readonly #connectTimer: Timer;
  readonly #frames = new FrameTap();
  #transport: Transport | undefined;
  /** The current transport delivered a valid frame: the gateway really serves us. */
  #healthy = false;
  #disposed = false;
  readonly #unwatchNetwork: () => void;

  constructor(url: string, options: ConnectionManagerOptions = {}) {
    super();
    this.url = url;
    const settings = resolveSettings(options);
    this.#settings = settings;
    this.#transports = new TransportChoice({
      transport: options.transport ?? 'websocket', factories: options.transports, fallbackAfter: settings.sseFallbackAfter,
    });
    this.#clock = options.clock ?? systemClock;
    this.#network = options.network ?? browserNetwork;
    this.#backoff = new Backoff(options.backoff);
    this.#breaker = new CircuitBreaker({ ...options.breaker, clock: this.#clock });
    this.#channels = new ChannelRegistry({
      clock: this.#clock,
      lingerMs: settings.lingerMs,
      historySize: settings.historySize,
      onAdded: () => this.#scheduleReconcile(),
      onDropped: () => this.#onChannelDropped(),
    });
    this.#watchdog = new HeartbeatWatchdog(this.#clock, settings.heartbeatIntervalMs,
      () => this.#abandonLink(CloseCode.heartbeatTimeout, 'no frame for 2 heartbeat intervals'));
    this.#latency = new LatencyProbe(this.#clock, settings.pingIntervalMs, (frame) => this.#send(frame));
    this.#streams = new StreamReopen(this.#clock, settings.streamReopenDelayMs, () => this.#reopenStreamIfChanged());
    this.#retryTimer = new Timer(this.#clock);
    this.#connectTimer = new Timer(this.#clock);
    this.#machine.addEventListener('statechange', (event) => {
      this.dispatchEvent(new CustomEvent<StateChange>('statechange', { detail: (event as StateChangeEvent).detail }));
    });
    this.#unwatchNetwork = this.#network.watch((online) => this.#onNetworkChange(online));
  }

  get state(): ConnectionState {
    return this.#machine.state;
  }

  /** The transport the next attempt uses (after an 'auto' fallback: 'sse'). */
  get transportKind(): TransportKind {
    return this.#transports.next;
  }

  /** Last measured ping → pong round trip, in ms; never measured over SSE (it cannot ping). */
  get latencyMs(): number | undefined {
    return this.#latency.latencyMs;
  }

  /** True after close(): the registry hands out a fresh manager instead. */
  get disposed(): boolean {
    return this.#disposed;
  }

  /** The current value of a channel someone listens to (or that is lingering). */
  channel(name: string): ChannelValue | undefined {
    return this.#channels.get(name);
  }

  /** Recent points of a channel, oldest first. */
  history(name: string): ChannelPoint[] {
    return this.#channels.get(name)?.history.toArray() ?? [];
  }

  /** Convenience for `addEventListener('statechange', …)`; returns a function that removes it. */
  onStateChange(listener: (change: StateChange) => void): () => void {
    const handler = (event: Event) => listener((event as StateChangeEvent).detail);
    this.addEventListener('statechange', handler);
    return () => this.removeEventListener('statechange', handler);
  }

  /**
   * Listens to a channel. The listener is called at once when data is already known, then on
   * every change. Returns the function that gives the channel back (idempotent).
   * Throws TypeError for an invalid channel name and Error after close().
   */
  subscribe(channel: string, listener: ChannelListener): () => void {
    if (this.#disposed) throw new Error(`rtdash: the connection manager for ${this.url} was closed`);
    const valid = validateChannel(channel);
    if (!valid.ok) throw new TypeError(valid.problem.message);
    const release = this.#channels.add(channel, listener);
    if (this.#machine.name === 'idle') {
      // A stream names its channels when it opens: wait for the elements connecting in this task.
      if (this.transportKind === 'sse') this.#scheduleOpen();
      else this.#openTransport();
    }
    return release;
  }

  /** Skips the wait: reconnects now from reconnecting, circuit-open, offline or a final close. */
  retryNow(): void {
    if (this.#disposed) return;
    const name = this.#machine.name;
    if (name === 'reconnecting' || name === 'circuit-open' || name === 'offline' || name === 'closed') {
      this.#retryTimer.stop();
      if (this.#channels.size > 0) this.#openTransport(true);
      else if (name !== 'closed') this.#goIdle();
    }
  }

  /** Ends the connection for good; data stays readable, marked stale. */
  close(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#unwatchNetwork();
    this.#channels.dispose();
    this.#teardownLink(CloseCode.normal, 'closed by the page');
    this.#retryTimer.stop();
    this.#markAllStale();
    const cause = { code: CloseCode.normal, reason: 'closed by the page' };
    if (this.#machine.name !== 'closed') this.#machine.transition({ name: 'closed', final: true, cause });
  }

  /**
   * Calls `listener` with every valid frame from the gateway, after the manager applied it.
   * Returns the function that stops listening. Listening holds no channel and opens nothing.
   * For code that speaks the protocol itself (rtdash/react's useWebSocket).
   */
  onFrame(listener: (frame: ServerFrame) => void): () => void {
    return this.#frames.listen(listener);
  }

  /**
   * Sends a frame the channel registry does not track (a `ping`) on the open two-way link;
   * false when there is none. Subscriptions go through subscribe(): a raw `subscribe` would
   * put the wire out of step with the ref counts, so it throws a TypeError.
   */
  send(frame: ClientFrame): boolean {
    assertRawSendable(frame);
    if (this.#machine.name !== 'open' || !this.#transport || this.#transport.oneWay) return false;
    return this.#transport.send(encodeClientFrame(frame));
  }

  // ── connecting and losing the link ────────────────────────────────────────────────────────

  readonly #scheduleOpen = oncePerTask(() => {
    if (!this.#disposed && this.#machine.name === 'idle' && this.#channels.size > 0) this.#openTransport();
  });

  /** `force` (retryNow) skips the offline check and the circuit breaker. */
  #openTransport(force = false): void {
    if (!force && !this.#network.isOnline()) return this.#goOffline();
    if (!force && !this.#breaker.tryAcquire()) return this.#openCircuit({ reason: 'circuit open' });
    this.#machine.transition({ name: 'connecting', attempt: this.#backoff.attempt });
    // A statechange listener may have called close() in the meantime.
    if (this.#machine.name !== 'connecting') return;
    this.#transports.beginAttempt();
    this.#healthy = false;
    this.#startTransport();
  }

  /**
   * Makes and connects a transport of the current attempt's kind. Also used to reopen a one-way
   * stream with new channels while 'open': the old stream is closed first, and the new one
   * resumes every channel from its last applied id, so the swap loses nothing.
   */
  #startTransport(): void {
    const transport = this.#transports.make();
    this.#transport = transport;
    transport.onOpen = () => { if (transport === this.#transport) this.#onOpen(transport); };
    transport.onMessage = (text) => { if (transport === this.#transport) this.#onFrameText(text); };
    transport.onClose = (info) => { if (transport === this.#transport) this.#onLinkLost({ code: info.code, reason: info.reason }); };
    this.#connectTimer.start(this.#settings.connectTimeoutMs, () => this.#abandonLink(undefined, 'connect timeout'));
    const request = this.#channels.streamRequest();
    this.#streams.carrying(transport.oneWay ? request : undefined);
    try {
      transport.connect(this.url, request);
    } catch (error) {
      // The URL cannot be used at all: retrying the same one cannot help.
      this.#teardownLink();
      this.#machine.transition({ name: 'closed', final: true, cause: { reason: `cannot connect to ${this.url}: ${(error as Error).message}` } });
    }
  }

  #onOpen(transport: Transport): void {
    this.#connectTimer.stop();
    this.#transports.opened();
    // A reopened stream: the connection never stopped being open.
    if (this.#machine.name === 'open') return this.#reconcile();
    this.#machine.transition({ name: 'open', transport: transport.kind });
    if (transport !== this.#transport) return; // a statechange listener closed it
    this.#channels.forgetWire();
    this.#reconcile();
    this.#watchdog.start();
    // SSE cannot ping: latency stays unknown, the watchdog still hears the heartbeats.
    if (!transport.oneWay) this.#latency.start();
  }

  /** We decided the link is dead (watchdog, connect timeout): close it and recover as if it dropped. */
  #abandonLink(code: number | undefined, reason: string): void {
    this.#teardownLink(code ?? CloseCode.normal, reason);
    this.#onLinkLost(code === undefined ? { reason } : { code, reason });
  }

  #onLinkLost(cause: DisconnectInfo): void {
    this.#transports.lost();
    this.#teardownLink();
    this.#markAllStale();
    if (cause.code !== undefined && FINAL_CLOSE_CODES.has(cause.code)) {
      this.#machine.transition({ name: 'closed', final: true, cause });
      return;
    }
    if (!this.#network.isOnline()) return this.#goOffline();
    if (this.#channels.size === 0) return this.#goIdle();
    this.#breaker.recordFailure();
    if (this.#breaker.state !== 'closed') return this.#openCircuit(cause);
    // A link that was serving dies with its gateway, and so do all the others it served: spread
    // the first retry (reconnectSpreadMs). Attempts that fail go on with the exponential windows.
    const delayMs = this.#healthy && this.#backoff.attempt === 0 ? this.#backoff.afterLoss() : this.#backoff.next();
    const retryAt = this.#clock.now() + delayMs;
    // Timer first, state second: a listener that calls retryNow() or close() cancels it.
    this.#retryTimer.start(delayMs, () => this.#openTransport());
    this.#machine.transition({ name: 'reconnecting', attempt: this.#backoff.attempt, delayMs, retryAt, cause });
  }

  #openCircuit(cause: DisconnectInfo): void {
    const retryAt = this.#breaker.retryAt ?? this.#clock.now();
    this.#retryTimer.start(Math.max(0, retryAt - this.#clock.now()), () => this.#openTransport());
    if (this.#machine.name !== 'circuit-open') {
      this.#machine.transition({ name: 'circuit-open', retryAt, failures: this.#breaker.consecutiveFailures, cause });
    }
  }

  #goOffline(): void {
    this.#teardownLink(CloseCode.goingAway, 'browser offline');
    this.#retryTimer.stop();
    this.#markAllStale();
    if (this.#machine.name !== 'offline') this.#machine.transition({ name: 'offline' });
  }

  #goIdle(): void {
    this.#teardownLink(CloseCode.normal, 'no channels left');
    this.#retryTimer.stop();
    if (this.#machine.can('idle')) this.#machine.transition({ name: 'idle' });
  }

  #onNetworkChange(online: boolean): void {
    const name = this.#machine.name;
    if (!online) {
      if (name === 'connecting' || name === 'open' || name === 'reconnecting' || name === 'circuit-open') this.#goOffline();
      return;
    }
    if (name !== 'offline') return;
    // Failures while the network was gone say nothing about the gateway: start afresh, now.
    this.#backoff.reset();
    this.#breaker.reset();
    if (this.#channels.size === 0) this.#goIdle();
    else this.#openTransport();
  }

  /** Stops everything tied to the current link and closes it (without a close callback). */
  #teardownLink(code?: number, reason?: string): void {
    this.#connectTimer.stop();
    this.#latency.stop();
    this.#streams.stop();
    this.#watchdog.stop();
    this.#channels.forgetWire();
    const transport = this.#transport;
    this.#transport = undefined;
    transport?.close(code, reason);
  }

  #markAllStale(): void {
    this.#channels.markAllStale();
  }

  // ── subscriptions on the wire ─────────────────────────────────────────────────────────────

  #onChannelDropped(): void {
    this.#reconcile();
    if (this.#channels.size === 0 && this.#machine.name !== 'closed') this.#goIdle();
  }

  // Elements connect one after another in the same task: one frame for all of them.
  readonly #scheduleReconcile = oncePerTask(() => this.#reconcile());

  /** Brings the wire in line with the wanted channels (only while open: a new link resends all). */
  #reconcile(): void {
    if (this.#machine.name !== 'open') return;
    if (this.#transport?.oneWay) return this.#streams.schedule();
    for (const frame of this.#channels.takeWireChanges()) this.#send(frame);
  }

  /** A one-way stream names its channels in its URL: a changed set means a new stream. */
  #reopenStreamIfChanged(): void {
    if (this.#machine.name !== 'open' || !this.#transport?.oneWay || this.#channels.size === 0) return;
    if (!this.#streams.differs(this.#channels.streamRequest())) return;
    this.#transport.close(CloseCode.normal, 'channels changed');
    this.#startTransport();
  }

  #send(frame: ClientFrame): void {
    this.#transport?.send(encodeClientFrame(frame));
  }

  // ── frames from the gateway ───────────────────────────────────────────────────────────────

  #onFrameText(text: string): void {
    this.#watchdog.feed();
    const parsed = parseServerFrame(text, this.#settings.maxServerFrameBytes);
    if (!parsed.ok) return this.#reportBadFrame(parsed.problem, text);
    if (!this.#healthy) {
      // Only a frame proves the gateway serves us; an open socket that closes at once does not.
      this.#healthy = true;
      this.#backoff.reset();
      this.#breaker.recordSuccess();
    }
    this.#onFrame(parsed.value);
    this.#frames.deliver(parsed.value);
  }

  #onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'event':
      case 'batch':
      case 'snapshot':
      case 'reset':
      case 'subscribed':
        return this.#channels.applyFrame(frame);
      case 'heartbeat':
        return this.#watchdog.setInterval(frame.interval);
      case 'pong': {
        const latencyMs = this.#latency.pong(frame);
        if (latencyMs !== undefined) this.dispatchEvent(new CustomEvent<number>('latency', { detail: latencyMs }));
        return;
      }
      case 'error':
        return this.#reportServerError(frame);
    }
  }

  #reportBadFrame(problem: Problem, text: string): void {
    const sample = text.slice(0, 200);
    console.warn(`rtdash: dropped a bad frame from ${this.url}: ${problem.message}`, sample);
    this.dispatchEvent(new CustomEvent<BadFrameDetail>('badframe', { detail: { problem, sample } }));
  }

  #reportServerError(frame: ErrorFrame): void {
    console.warn(`rtdash: gateway error ${frame.code}${frame.channel ? ` on ${frame.channel}` : ''}: ${frame.message}`);
    this.dispatchEvent(new CustomEvent<ErrorFrame>('servererror', { detail: frame }));
  }
}
