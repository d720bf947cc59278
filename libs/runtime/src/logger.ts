import { Writable } from 'node:stream';
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

export interface CapturedLogs {
  /** A logger like `createLogger`'s (pino, JSON), writing to `entries` instead of stdout. */
  logger: Logger;
  /** Every entry written, parsed. */
  entries: Record<string, unknown>[];
}

/**
 * For tests: a logger whose entries they read (what a process logged, and
 * under which request id). Here beside `createLogger`, not in libs/testing,
 * which builds on this library: the runtime's own specs use it too.
 */
export function captureLogs(level = 'info'): CapturedLogs {
  const entries: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      entries.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level, base: { service: 'tideline' } }, sink), entries };
}
