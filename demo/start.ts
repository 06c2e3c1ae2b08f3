/**
 * `npm start`: the embedded stack on http://localhost:8080 (PORT overrides). Stops cleanly on
 * Ctrl-C or SIGTERM: the simulator's batch in flight is published before the process exits.
 */
import { ConfigError, readConfig } from '../cli/config.ts';
import { startStack } from './stack.ts';

async function main(): Promise<void> {
  const config = readConfig();
  const stack = await startStack(config);
  console.log(`rtdash is live at ${stack.url.replace('127.0.0.1', 'localhost')}  (${stack.backends}; Ctrl-C stops)`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await stack.stop();
    console.log('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(`rtdash: bad configuration: ${error.message}`);
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error(`rtdash: port ${process.env.PORT ?? 8080} is in use; set PORT to another one`);
  else console.error('rtdash: failed to start:', error);
  process.exit(1);
});
