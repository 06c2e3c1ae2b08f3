/**
 * Static servers on their own loopback port: one page (of another origin than the gateway's),
 * or a built folder such as storybook-static/.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.map': 'application/json',
};

function listen(handler: RequestListener): Promise<StaticServer> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

export function serveStaticPage(html: string): Promise<StaticServer> {
  return listen((request, response) => {
    // The browser asks for a favicon on its own; nothing is missing when there is none.
    if (request.url === '/favicon.ico') return void response.writeHead(204).end();
    if (request.url !== '/' && request.url !== '/index.html') return void response.writeHead(404, { 'content-type': 'text/plain' }).end('only / is served here');
    response.writeHead(200, { 'content-type': TYPES['.html'] }).end(html);
  });
}

export function serveFolder(root: string): Promise<StaticServer> {
  return listen((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void response.writeHead(request.url === '/favicon.ico' ? 204 : 404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
}
