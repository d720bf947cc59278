import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout; `LOG_LEVEL` picks the level (default `info`). */
export function createLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  return pino({ level: env.LOG_LEVEL ?? 'info', base: { service: 'tideline' } });
}
