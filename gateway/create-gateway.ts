/**
 * Assembles a gateway from a log and a bus: the hub, the WebSocket and SSE endpoints, REST,
 * health and metrics, and the script-tag build. Entry files (the embedded `npm start`,
 * `rtdash gateway`) pick the log and bus; the gateway only knows their interfaces.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { EventLog, NoticeBus } from '../protocol/index.ts';
import { Authenticator, type AuthSettings } from './auth/index.ts';
import { ConnectionRegistry } from './connection-registry.ts';
import { httpRoutes, sendError, type HealthSource } from './http-routes.ts';
import { Hub } from './hub.ts';
import { createLogger, type Logger } from './logger.ts';
import { GatewayMetrics } from './metrics.ts';
import { DEFAULT_GATEWAY_SETTINGS, type GatewaySettings } from './options.ts';
import { scriptTagRoute } from './script-tag-route.ts';
import { sseEndpoint } from './sse-endpoint.ts';
import { WebSocketEndpoint } from './websocket-endpoint.ts';

export interface GatewayOptions {
  log: EventLog;
  bus: NoticeBus;
  settings?: Partial<GatewaySettings>;
  /** JWT auth; without a secret every client may subscribe to every channel. */
  auth?: Partial<AuthSettings>;
  health?: HealthSource;
  logger?: Logger;
  /** Folder holding the script-tag build, served at /dist/. Defaults to the package's dist/. */
  distDir?: string;
  /** Adds routes (e.g. demo pages, publish ingest) before the gateway's not-found handler. */
  mount?: (app: Express) => void;
}

export interface Gateway {
  app: Express;
  server: Server;
  hub: Hub;
  settings: GatewaySettings;
  metrics: GatewayMetrics;
  connections: ConnectionRegistry;
  listen(port: number, host?: string): Promise<AddressInfo>;
  /**
   * Graceful shutdown: stops accepting, closes every client with 1012 so it resumes on another
   * gateway, waits (bounded) for queued frames to flush, then releases the log tail.
   */
  close(): Promise<void>;
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const settings: GatewaySettings = { ...DEFAULT_GATEWAY_SETTINGS, ...options.settings };
  const logger = options.logger ?? createLogger();
  const metrics = new GatewayMetrics();
  const hub = new Hub(options.log, options.bus, settings, metrics);
  await hub.start();
  const auth = new Authenticator({ publicChannels: [], ...options.auth });
  const connections = new ConnectionRegistry(settings, metrics);
  const health = options.health ?? { dependencies: () => ({}) };

  const app = express();
  app.disable('x-powered-by');
  app.get('/api/stream', sseEndpoint(hub, settings, metrics, connections, auth));
  app.get('/metrics', async (_req, res) => {
    metrics.channels.set(hub.channelCount());
    for (const [name, state] of Object.entries(await health.dependencies())) metrics.dependencyUp.set({ dependency: name }, state === 'up' ? 1 : 0);
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(httpRoutes(hub, options.log, settings, health, auth, connections));
  const distDir = options.distDir ?? packageDistDir();
  if (!existsSync(join(distDir, 'rtdash.js'))) {
    logger.warn('script-tag build missing: pages cannot load the widgets; run `npm run build:browser`', { path: join(distDir, 'rtdash.js') });
  }
  app.use('/dist', ...scriptTagRoute(distDir, settings.allowedOrigins));
  options.mount?.(app);
  app.use((req, res) => sendError(res, 404, 'not_found', `no such endpoint: ${req.method} ${req.path}`));
  app.use((error: Error & { status?: number }, req: Request, res: Response, _next: NextFunction) => {
    if (error.status === 404) return sendError(res, 404, 'not_found', error.message);
    if (error.status && error.status < 500) return sendError(res, error.status, 'bad_frame', error.message);
    logger.error('request failed', { method: req.method, path: req.path, error: error.message });
    sendError(res, 503, 'unavailable', `the event log cannot serve this now: ${error.message}`);
  });

  const server = createServer(app);
  const websocket = new WebSocketEndpoint(server, hub, settings, metrics, connections, auth);

  return {
    app, server, hub, settings, metrics, connections,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          logger.info('gateway listening', { host: address.address, port: address.port });
          resolve(address);
        });
      });
    },
    async close() {
      const clients = connections.size;
      await connections.shutdown();
      websocket.close();
      await hub.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      logger.info('gateway stopped', { clientsAskedToReconnect: clients });
    },
  };
}

/** The package's dist/ folder, whether this file runs from source (gateway/) or built (dist/lib/gateway/). */
function packageDistDir(): string {
  const candidates = [new URL('../dist/', import.meta.url), new URL('../../', import.meta.url)].map((url) => fileURLToPath(url));
  return candidates.find((dir) => existsSync(join(dir, 'rtdash.js'))) ?? candidates[0];
}
