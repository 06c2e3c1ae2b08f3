/**
 * Assembles a gateway from a log and a bus: the hub, the WebSocket endpoint, REST and health
 * routes, and the script-tag build. Entry files (the embedded `npm start`, `rtdash gateway`)
 * pick the log and bus; the gateway only knows their interfaces.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { EventLog, NoticeBus } from '../protocol/index.ts';
import { httpRoutes, sendError, type HealthSource } from './http-routes.ts';
import { Hub } from './hub.ts';
import { DEFAULT_GATEWAY_SETTINGS, type GatewaySettings } from './options.ts';
import { scriptTagRoute } from './script-tag-route.ts';
import { WebSocketEndpoint } from './websocket-endpoint.ts';

export interface GatewayOptions {
  log: EventLog;
  bus: NoticeBus;
  settings?: Partial<GatewaySettings>;
  health?: HealthSource;
  /** Folder holding the script-tag build, served at /dist/. Defaults to the package's dist/. */
  distDir?: string;
  /** Adds routes (e.g. demo pages) before the gateway's not-found handler. */
  mount?: (app: Express) => void;
}

export interface Gateway {
  app: Express;
  server: Server;
  hub: Hub;
  settings: GatewaySettings;
  listen(port: number, host?: string): Promise<AddressInfo>;
  /** Stops accepting, sends 1012 to every client so they resume elsewhere, and releases the log tail. */
  close(): Promise<void>;
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const settings: GatewaySettings = { ...DEFAULT_GATEWAY_SETTINGS, ...options.settings };
  const hub = new Hub(options.log, options.bus, settings);
  await hub.start();

  const app = express();
  app.disable('x-powered-by');
  const health = options.health ?? { dependencies: () => ({}) };
  app.use(httpRoutes(hub, options.log, settings, health));
  const distDir = options.distDir ?? packageDistDir();
  if (!existsSync(join(distDir, 'rtdash.js'))) console.warn(`[rtdash] ${join(distDir, 'rtdash.js')} is missing: pages cannot load the widgets (build it with \`npm run build:browser\`)`);
  app.use('/dist', ...scriptTagRoute(distDir, settings.allowedOrigins));
  options.mount?.(app);
  app.use((req, res) => sendError(res, 404, 'not_found', `no such endpoint: ${req.method} ${req.path}`));
  app.use((error: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    if (error.status === 404) return sendError(res, 404, 'not_found', error.message);
    if (error.status && error.status < 500) return sendError(res, error.status, 'bad_frame', error.message);
    sendError(res, 503, 'unavailable', `the event log cannot serve this now: ${error.message}`);
  });

  const server = createServer(app);
  const websocket = new WebSocketEndpoint(server, hub, settings);

  return {
    app, server, hub, settings,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    async close() {
      websocket.close();
      await hub.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The package's dist/ folder, whether this file runs from source (gateway/) or built (dist/lib/gateway/). */
function packageDistDir(): string {
  const candidates = [new URL('../dist/', import.meta.url), new URL('../../', import.meta.url)].map((url) => fileURLToPath(url));
  return candidates.find((dir) => existsSync(join(dir, 'rtdash.js'))) ?? candidates[0];
}
