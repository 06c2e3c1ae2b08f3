/**
 * `rtdash gateway`: the gateway and its HTTP ingest on PORT, on Kafka and Redis when
 * configured (each on its own, else embedded), without the simulator and the demo pages.
 */
import { parseFlags } from './args.ts';
import { BACKEND_FLAGS, configWithFlags } from './backend-flags.ts';
import { parsePort } from './config.ts';
import { startServer } from './server.ts';
import { untilStopSignal } from './signals.ts';

export async function gatewayCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, { ...BACKEND_FLAGS, port: { type: 'string' }, host: { type: 'string' } });
  const config = configWithFlags(flags);
  if (flags.port !== undefined) config.port = parsePort(flags.port, '--port');
  if (flags.host) config.host = flags.host;
  const server = await startServer(config);
  const ingest = config.publishToken ? 'POST /api/publish enabled' : 'POST /api/publish disabled until RTDASH_PUBLISH_TOKEN is set';
  console.log(`rtdash gateway is live at ${server.url}  (${server.backends}; ${ingest}; Ctrl-C stops)`);
  const signal = await untilStopSignal();
  console.log(`${signal}: stopping…`);
  await server.stop();
  console.log('stopped cleanly');
  return 0;
}
