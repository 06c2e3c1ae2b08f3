/**
 * The `/ws` endpoint: checks Origin, the connection cap and credentials at the upgrade, then
 * hands each socket to a WebSocketSession.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode, JOINED_FRAMES_PARAM, JOINED_FRAMES_VALUE } from '../protocol/index.ts';
import { watchExpiry, type Authenticator, type Principal } from './auth/index.ts';
import type { ConnectionRegistry } from './connection-registry.ts';
import type { Hub } from './hub.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { GatewaySettings } from './options.ts';
import { originAllowed } from './origin.ts';
import { SendBatcher } from './send-batcher.ts';
import { WebSocketSession } from './websocket-session.ts';

export class WebSocketEndpoint {
  private readonly wss: WebSocketServer;
  private readonly batcher = new SendBatcher();

  constructor(
    server: Server,
    private readonly hub: Hub,
    private readonly settings: GatewaySettings,
    private readonly metrics: GatewayMetrics,
    private readonly connections: ConnectionRegistry,
    private readonly auth: Authenticator,
    readonly path = '/ws',
  ) {
    // Compression stays off: per-socket deflate contexts cost far more memory than they save here.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: settings.maxSocketPayloadBytes, perMessageDeflate: false });
    server.on('upgrade', (request, socket, head) => void this.onUpgrade(request, socket, head));
  }

  private async onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const { pathname, searchParams } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname !== this.path) return; // another endpoint may own this upgrade
    const refuse = (status: number, message: string) => {
      socket.end(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${message}\n`);
    };
    const refusal = this.connections.refusal();
    if (refusal) return refuse(refusal.status, refusal.message);
    if (!originAllowed(request.headers.origin, this.settings.allowedOrigins)) return refuse(403, 'Origin not allowed');
    const auth = await this.auth.authenticate(request);
    if (!auth.ok) return refuse(auth.status, auth.message);
    const joinFrames = searchParams.get(JOINED_FRAMES_PARAM) === JOINED_FRAMES_VALUE;
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, auth.principal, joinFrames));
  }

  private accept(ws: WebSocket, principal: Principal, joinFrames: boolean): void {
    const client = new WebSocketSession(ws, this.hub, this.settings, this.metrics, this.batcher, principal, joinFrames);
    if (principal.expiresAt !== undefined) {
      const stopWatching = watchExpiry(principal, () => client.session.close(CloseCode.authExpired, 'credentials expired'));
      void client.closed.then(stopWatching);
    }
    this.connections.add(client);
    // A first heartbeat at once tells the client the interval its watchdog should use.
    client.session.send({ type: 'heartbeat', ts: Date.now(), interval: this.settings.heartbeatIntervalMs });
  }

  close(): void {
    this.wss.close();
  }
}
