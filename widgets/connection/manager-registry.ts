/**
 * One ConnectionManager per resolved gateway URL, so every element on the page that names the
 * same gateway (by attribute, meta tag, configure() or default) shares one socket.
 */
import { ConnectionManager, type ConnectionManagerOptions } from './connection-manager.ts';
import { getConfig } from './config.ts';
import { resolveGatewayUrl } from './gateway-url.ts';

const managers = new Map<string, ConnectionManager>();

/**
 * The shared manager for `url` (resolved as in resolveGatewayUrl). `options` apply only when
 * this call creates the manager; `transport` defaults to configure({ transport }).
 */
export function getManager(url?: string | null, options?: ConnectionManagerOptions): ConnectionManager {
  const resolved = resolveGatewayUrl(url);
  const existing = managers.get(resolved);
  if (existing && !existing.disposed) return existing;
  const transport = options?.transport ?? getConfig().transport;
  const manager = new ConnectionManager(resolved, transport ? { ...options, transport } : options);
  managers.set(resolved, manager);
  return manager;
}

/** Installs a ready-made manager under its URL (tests, custom transports). */
export function registerManager(manager: ConnectionManager): void {
  const url = resolveGatewayUrl(manager.url);
  const existing = managers.get(url);
  if (existing && existing !== manager) existing.close();
  managers.set(url, manager);
}

/** Closes every manager and forgets them. */
export function closeAllManagers(): void {
  for (const manager of managers.values()) manager.close();
  managers.clear();
}
