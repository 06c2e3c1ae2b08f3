// A real rtdash gateway inside the web-test-runner process, for the browser tests in widgets/e2e/.
//
//   const gateway = rtdashGateway();
//   export default { plugins: [gateway.plugin], middleware: [gateway.middleware], … };
//
// serverStart starts the gateway (createGateway over EmbeddedLog + EmbeddedBus, fed by a
// DualPublisher; test/support/wtr-gateway.ts, loaded through tsx) on a free loopback port;
// serverStop closes it. The browser drives it through the dev server:
//   GET  /__gateway/info     → { running, wsUrl, httpUrl, connections, subscriptions, hubChannels, starts }
//   POST /__gateway/publish  { channel, data?, count?, hint? } → { ids } (also while stopped)
//   POST /__gateway/stop     → info (clients got 1012; log, bus and publisher stay)
//   POST /__gateway/start    → info (a new gateway on the same port over the same log)
//   GET  /__gateway/api/…    → the gateway's own GET /api/… (REST snapshot, history), same-origin
import { tsImport } from 'tsx/esm/api';

const PREFIX = '/__gateway/';
const MAX_BODY_BYTES = 1024 * 1024;

export function rtdashGateway() {
  /** @type {import('./wtr-gateway.ts').TestGateway | undefined} */
  let gateway;
  /** @type {Promise<void> | undefined} */
  let starting;
  /** Why the gateway could not start: only the e2e tests fail then (503), not the whole run. */
  let startError;

  const plugin = {
    name: 'rtdash-real-gateway',
    async serverStart({ logger }) {
      starting = (async () => {
        try {
          const { TestGateway } = await tsImport('./wtr-gateway.ts', import.meta.url);
          gateway = await TestGateway.create();
        } catch (error) {
          startError = error;
          logger.error(`rtdash-real-gateway: the test gateway did not start: ${error.stack ?? error}`);
        }
      })();
      await starting;
    },
    async serverStop() {
      await starting;
      await gateway?.dispose();
      gateway = undefined;
    },
  };

  /** Koa middleware for the config's `middleware`: a plugin's `serve` hook always answers 200 and reads no body. */
  async function middleware(ctx, next) {
    if (!ctx.path.startsWith(PREFIX)) return next();
    const route = `${ctx.method} ${ctx.path.slice(PREFIX.length)}`;
    try {
      await starting;
      if (!gateway) throw Object.assign(new Error(`the test gateway did not start: ${startError?.message ?? 'serverStart has not run'}`), { status: 503 });
      switch (route) {
        case 'GET info':
          return reply(ctx, 200, gateway.info());
        case 'POST publish':
          return reply(ctx, 200, { ids: await gateway.publish(await readJson(ctx)) });
        case 'POST stop':
          await gateway.stop();
          return reply(ctx, 200, gateway.info());
        case 'POST start':
          await gateway.start();
          return reply(ctx, 200, gateway.info());
        default:
          if (ctx.method === 'GET' && ctx.path.startsWith(`${PREFIX}api/`)) return forward(ctx, gateway.httpUrl);
          return reply(ctx, 404, { error: `no such control route: ${route}` });
      }
    } catch (error) {
      const status = error.status ?? (error instanceof TypeError || error instanceof RangeError ? 400 : 500);
      return reply(ctx, status, { error: error.message });
    }
  }

  return { plugin, middleware };
}

/** The gateway's REST answers on the dev server's origin (the gateway itself sends no CORS headers there). */
async function forward(ctx, httpUrl) {
  const response = await fetch(`${httpUrl}/${ctx.path.slice(PREFIX.length)}${ctx.search}`);
  ctx.status = response.status;
  ctx.set('Cache-Control', 'no-store');
  ctx.type = response.headers.get('content-type') ?? 'application/json';
  ctx.body = await response.text();
}

function reply(ctx, status, body) {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(body);
}

async function readJson(ctx) {
  let size = 0;
  const chunks = [];
  for await (const chunk of ctx.req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch (error) {
    throw Object.assign(new Error(`bad JSON: ${error.message}`), { status: 400 });
  }
}
