/**
 * Debian's nginx as the load balancer in front of the gateways, with a generated config in a
 * temporary folder of its own (pid, logs, temp paths): the system nginx is never touched.
 * WebSocket upgrades and SSE are proxied; proxy_read_timeout stays at nginx's default 60 s, the
 * idle timeout the gateway's heartbeat must beat. A refused connect goes on to the next upstream
 * (proxy_next_upstream error, nginx's default). max_fails=0: nginx's passive marking of failed
 * upstreams otherwise kept a restarted gateway "unavailable" and answered 502 while it was up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../test/support/free-port.ts';

export const NGINX_BINARY = process.env.RTDASH_NGINX ?? '/usr/sbin/nginx';
const START_TIMEOUT_MS = 10_000;

export interface RunningNginx {
  port: number;
  /** http://127.0.0.1:PORT */
  httpUrl: string;
  /** ws://127.0.0.1:PORT/ws */
  wsUrl: string;
  /** The error log so far (for failure messages). */
  errors(): string;
  stop(): Promise<void>;
}

export function nginxConfig(dir: string, port: number, upstreamPorts: number[]): string {
  return `daemon off;
master_process on;
worker_processes 1;
worker_rlimit_nofile 20000;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${dir}/client-body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  # Responses are never spooled to disk (the worker may not own the temp folder).
  proxy_max_temp_file_size 0;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream gateways {
${upstreamPorts.map((upstream) => `    server 127.0.0.1:${upstream} max_fails=0;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location /ws {
      proxy_pass http://gateways;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
    }
    location /api/stream {
      proxy_pass http://gateways;
      proxy_http_version 1.1;
      proxy_set_header Connection '';
      proxy_buffering off;
      proxy_cache off;
    }
    location / {
      proxy_pass http://gateways;
      proxy_http_version 1.1;
      proxy_set_header Connection '';
    }
  }
}
`;
}

export async function startNginx(upstreamPorts: number[]): Promise<RunningNginx> {
  if (upstreamPorts.length === 0) throw new Error('startNginx needs at least one upstream port');
  const dir = mkdtempSync(join(tmpdir(), 'rtdash-nginx-'));
  const port = await freePort();
  const configFile = join(dir, 'nginx.conf');
  writeFileSync(configFile, nginxConfig(dir, port, upstreamPorts));
  const errorLog = join(dir, 'error.log');
  const errors = () => { try { return readFileSync(errorLog, 'utf8'); } catch { return ''; } };

  const child: ChildProcess = spawn(NGINX_BINARY, ['-p', dir, '-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', (error) => { stderr += error.message; });

  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGQUIT'); // graceful: workers finish, then the master exits
      const late = await Promise.race([exited.then(() => false), sleep(5000).then(() => true)]);
      if (late) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const message = `nginx exited at start (${child.exitCode ?? child.signalCode}): ${stderr}${errors()}`;
      await stop();
      throw new Error(message);
    }
    if (await answers(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not answer on 127.0.0.1:${port} within ${START_TIMEOUT_MS} ms: ${stderr}${errors()}`);
    }
    await sleep(50);
  }
  return { port, httpUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/ws`, errors, stop };
}

/** Any HTTP answer counts (a 502 while gateways start is still nginx answering). */
async function answers(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}
