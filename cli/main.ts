/**
 * `rtdash <command>`: dispatches to the subcommands and turns their outcome into an exit
 * status: 0 done, 1 failed at run time, 2 wrong invocation or configuration.
 */
import { UsageError } from './args.ts';
import { ConfigError } from './config.ts';
import { COMMAND_USAGE, USAGE } from './usage.ts';

type Command = (args: string[]) => Promise<number>;

// Loaded on use: `publish` need not load the gateway, and `help` loads neither Kafka nor Express.
const COMMANDS: Record<string, () => Promise<Command>> = {
  gateway: async () => (await import('./gateway-command.ts')).gatewayCommand,
  publish: async () => (await import('./publish-command.ts')).publishCommand,
  simulate: async () => (await import('./simulate-command.ts')).simulateCommand,
  replay: async () => (await import('./replay-command.ts')).replayCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    const [topic] = args;
    if (topic === undefined) console.log(USAGE);
    else if (Object.hasOwn(COMMAND_USAGE, topic)) console.log(`usage: ${COMMAND_USAGE[topic]}`);
    else {
      console.error(`rtdash help: unknown command "${topic}" (commands: ${Object.keys(COMMAND_USAGE).join(', ')})`);
      return 2;
    }
    return 0;
  }
  const load = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    console.error(`${command === undefined ? 'rtdash: no command given' : `rtdash: unknown command "${command}"`}\n\n${USAGE}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`usage: ${COMMAND_USAGE[command]}`);
    return 0;
  }
  try {
    return await (await load())(args);
  } catch (error) {
    if (error instanceof UsageError) {
      const synopsis = COMMAND_USAGE[command].split('\n').filter((line) => line.startsWith('rtdash '));
      console.error(`rtdash ${command}: ${error.message}\nusage: ${synopsis.join('\n       ')}\n(rtdash help ${command} explains more)`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(`rtdash ${command}: bad configuration: ${error.message}`);
      return 2;
    }
    console.error(`rtdash ${command}: ${(error as Error).message ?? error}`);
    return 1;
  }
}

/** Runs `main` and exits once stdout and stderr are flushed, so a client socket left open cannot keep the process alive. */
export async function run(argv: string[]): Promise<void> {
  const code = await main(argv);
  const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}
