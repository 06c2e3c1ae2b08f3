/**
 * The `/ws` endpoint: checks Origin and the connection cap at the upgrade, then hands each
 * socket to a ClientSession. One timer beats every session: protocol ping (for proxies and
 * dead-peer detection) and an application heartbeat frame (which a browser can observe).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CloseCode } from '../protocol/index.ts';
import { ClientSession } from './client-session.ts';
import type { Hub } from './hub.ts';
import type { GatewaySettings } from './options.ts';
import { originAllowed } from './origin.ts';

export class WebSocketEndpoint {
  readonly sessions = new Set<ClientSession>();
  private readonly wss: WebSocketServer;
  private readonly beat: ReturnType<typeof setInterval>;
  private accepting = true;

  constructor(server: Server, private readonly hub: Hub, private readonly settings: GatewaySettings, readonly path = '/ws') {
    // Compression stays off: per-socket deflate contexts cost far more memory than they save here.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: settings.maxSocketPayloadBytes, perMessageDeflate: false });
    server.on('upgrade', (request, socket, head) => this.onUpgrade(request, socket, head));
    this.beat = setInterval(() => {
      for (const session of this.sessions) session.heartbeat(settings.heartbeatIntervalMs);
    }, settings.heartbeatIntervalMs);
    this.beat.unref();
  }

  private onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname !== this.path) return; // another endpoint may own this upgrade
    const refuse = (status: number, message: string) => {
      socket.end(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${message}\n`);
    };
    if (!this.accepting) return refuse(503, 'Gateway is shutting down');
    if (!originAllowed(request.headers.origin, this.settings.allowedOrigins)) return refuse(403, 'Origin not allowed');
    if (this.sessions.size >= this.settings.maxConnections) return refuse(503, 'Too many connections');
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const session = new ClientSession(ws, this.hub, this.settings);
      this.sessions.add(session);
      ws.on('close', () => this.sessions.delete(session));
      // A first heartbeat at once tells the client the interval its watchdog should use.
      session.send({ type: 'heartbeat', ts: Date.now(), interval: this.settings.heartbeatIntervalMs });
    });
  }

  /** Stops accepting, and asks every client to reconnect elsewhere (1012) so they resume there. */
  close(): void {
    this.accepting = false;
    clearInterval(this.beat);
    for (const session of this.sessions) session.close(CloseCode.serviceRestart, 'gateway restarting');
    this.wss.close();
  }
}
