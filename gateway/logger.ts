/**
 * Structured logs: one JSON object per line on stdout (stderr for warnings and errors), so a
 * log pipeline can index them. Level from RTDASH_LOG_LEVEL (debug, info, warn, error, silent).
 */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: LogLevel = readLevel(), name = 'gateway'): Logger {
  const threshold = LEVELS[level];
  const write = (at: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[at] < threshold) return;
    const line = JSON.stringify({ ts: new Date().toISOString(), level: at, name, msg: message, ...fields });
    (LEVELS[at] >= LEVELS.warn ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

function readLevel(): LogLevel {
  const value = process.env.RTDASH_LOG_LEVEL;
  return value && value in LEVELS ? (value as LogLevel) : 'info';
}
