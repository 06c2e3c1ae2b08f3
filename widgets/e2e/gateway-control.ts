/**
 * The browser side of test/support/wtr-gateway-plugin.mjs: a real gateway runs in the test
 * runner's process and these calls drive it through the dev server's /__gateway/ routes.
 */
import type { GatewayInfo, PublishRequest } from '../../test/support/wtr-gateway.ts';

export type { GatewayInfo };

async function call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
  const response = await fetch(`/__gateway/${route}`, {
    method,
    cache: 'no-store',
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`${method} /__gateway/${route} → ${response.status}: ${json.error ?? ''}`);
  return json;
}

export const gatewayInfo = () => call<GatewayInfo>('GET', 'info');
export const stopGateway = () => call<GatewayInfo>('POST', 'stop');
export const startGateway = () => call<GatewayInfo>('POST', 'start');

/** Publishes through the DualPublisher (log, then a bus notice); returns the ids in order. */
export async function publish(request: PublishRequest): Promise<string[]> {
  return (await call<{ ids: string[] }>('POST', 'publish', request)).ids;
}

/** Polls `probe` until `done` holds; throws with the last value after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  done: (value: T) => boolean,
  message: string,
  { timeoutMs = 5_000, intervalMs = 25 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${message} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The gateway is up and no connection of an earlier test is still open on it. */
export async function cleanGateway(): Promise<GatewayInfo> {
  const info = await gatewayInfo();
  if (!info.running) await startGateway();
  return waitFor(gatewayInfo, (i) => i.running && i.connections === 0, 'connections of earlier tests to close', { timeoutMs: 5_000 });
}

/**
 * Counts `new WebSocket(…)` calls until restore(), recording the gateway URL of each: without
 * the `frames=lines` the transport adds to every URL (websocket-transport.test.ts checks that).
 */
export function countWebSockets(): { readonly urls: string[]; restore(): void } {
  const Original = globalThis.WebSocket;
  const urls: string[] = [];
  class CountingWebSocket extends Original {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const gateway = new URL(String(url));
      gateway.searchParams.delete('frames');
      urls.push(gateway.href);
    }
  }
  globalThis.WebSocket = CountingWebSocket;
  return {
    urls,
    restore: () => { globalThis.WebSocket = Original; },
  };
}

/** A channel name no other test (or earlier run against the same gateway) used. */
export function uniqueChannel(name: string): string {
  return `e2e.${name}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Mocha's `this` in a test function, for a longer timeout than the config's 5 s. */
export function allow(context: unknown, ms: number): void {
  (context as { timeout(ms: number): void }).timeout(ms);
}
