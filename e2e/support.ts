/** Starts `demo/start.ts` as `npm start` does, on a free port, and launches headless Chromium. */
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';

export interface RunningDemo {
  url: string;
  process: ChildProcess;
  output: () => string;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startDemo(env: Record<string, string> = {}): Promise<RunningDemo> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/start.ts'], {
      env: { ...process.env, PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`demo did not start in 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /live at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          process: child,
          output: () => output,
          stop: (signal = 'SIGTERM') => new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            child.once('exit', (code) => done(code));
            child.kill(signal);
          }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}:\n${output}`));
    });
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.RTDASH_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** What a page did that a test checks: the WebSockets it opened, its requests, and its errors (uncaught or console.error). */
export function watchPage(page: Page): { sockets: string[]; requests: string[]; errors: string[] } {
  const sockets: string[] = [];
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  return { sockets, requests, errors };
}

/**
 * For page.waitForFunction: every rtdash number on the page, in shadow roots too (stat cards hold
 * one), shows a digit. A string, so it runs in the page as written (not through the bundler).
 */
export const EVERY_NUMBER_LIVE = `(() => {
  const numbers = [];
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches('rt-animated-number, rt-flashing-value')) numbers.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  return numbers.length > 0 && numbers.every((el) => /\\d/.test(el.shadowRoot?.querySelector('[part="value"]')?.textContent ?? ''));
})()`;
