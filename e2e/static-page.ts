/** A one-page static server on its own loopback port: a page of another origin than the gateway's. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticPage {
  url: string;
  close(): Promise<void>;
}

export function serveStaticPage(html: string): Promise<StaticPage> {
  const server: Server = createServer((request, response) => {
    // The browser asks for a favicon on its own; nothing is missing when there is none.
    if (request.url === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (request.url !== '/' && request.url !== '/index.html') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('only / is served here');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
