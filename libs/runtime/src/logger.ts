import { pino, type Logger } from 'pino';
import { LOG_LEVELS } from './process-config.ts';

export type { Logger };

/**
 * JSON logs on stdout; `LOG_LEVEL` picks the level (default `info`). An
 * unknown level falls back to `info` here: the process's configuration
 * check reports it with every other problem before anything starts.
 */
export function createLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  const level = (LOG_LEVELS as readonly string[]).includes(env.LOG_LEVEL ?? '') ? env.LOG_LEVEL! : 'info';
  return pino({ level, base: { service: 'tideline' } });
}
