/**
 * Which transport each connection attempt uses. 'websocket' and 'sse' are fixed. 'auto' starts
 * with WebSocket and switches to SSE for good after `fallbackAfter` WebSocket attempts in a row
 * that never opened: a proxy that refuses upgrades fails every one before it opens, while a
 * socket that opened and then dropped is a flaky network, and resets the count.
 */
import { createLazySseTransport } from './lazy-sse-transport.ts';
import type { Transport, TransportFactory, TransportMode } from './transport.ts';
import { createWebSocketTransport } from './websocket-transport.ts';

/** Which factory an attempt uses: 'custom' is a factory passed as `transport`. */
export type TransportKind = 'websocket' | 'sse' | 'custom';

export interface TransportChoiceOptions {
  /** A mode, or the factory of a custom transport. */
  transport: TransportMode | TransportFactory;
  /** The factories behind the modes (tests, polyfills); the real ones by default. */
  factories?: { websocket?: TransportFactory; sse?: TransportFactory };
  /** 'auto': unopened WebSocket attempts in a row before SSE. */
  fallbackAfter: number;
}

export class TransportChoice {
  readonly #mode: TransportMode | 'custom';
  readonly #factories: Record<TransportKind, TransportFactory>;
  readonly #fallbackAfter: number;
  #attemptKind: TransportKind = 'websocket';
  /** The current attempt's transport opened (reopens of an SSE stream included). */
  #attemptOpened = false;
  #unopenedWebSockets = 0;
  #fellBackToSse = false;

  constructor({ transport, factories, fallbackAfter }: TransportChoiceOptions) {
    this.#mode = typeof transport === 'function' ? 'custom' : transport;
    this.#factories = {
      websocket: factories?.websocket ?? createWebSocketTransport,
      sse: factories?.sse ?? createLazySseTransport,
      custom: typeof transport === 'function' ? transport : createWebSocketTransport,
    };
    this.#fallbackAfter = fallbackAfter;
  }

  /** The kind the next attempt uses (after an 'auto' fallback: 'sse'). */
  get next(): TransportKind {
    if (this.#mode === 'auto') return this.#fellBackToSse ? 'sse' : 'websocket';
    return this.#mode;
  }

  /** A new attempt begins: it keeps the kind chosen now, for every transport it makes. */
  beginAttempt(): void {
    this.#attemptKind = this.next;
  }

  /** A fresh transport of the attempt's kind (a reopened stream is a new one of the same attempt). */
  make(): Transport {
    const transport = this.#factories[this.#attemptKind]();
    this.#attemptOpened = false;
    return transport;
  }

  /** The transport last made opened. */
  opened(): void {
    this.#attemptOpened = true;
    if (this.#attemptKind === 'websocket') this.#unopenedWebSockets = 0;
  }

  /** The transport last made is gone (closed, refused, timed out, abandoned). */
  lost(): void {
    if (this.#mode !== 'auto' || this.#attemptKind !== 'websocket' || this.#attemptOpened) return;
    this.#unopenedWebSockets++;
    if (this.#unopenedWebSockets >= this.#fallbackAfter) this.#fellBackToSse = true;
  }
}
