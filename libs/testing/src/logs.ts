import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export interface CapturedLogs {
  /** A logger like the runtime's (pino, JSON), writing to `entries` instead of stdout. */
  logger: Logger;
  /** Every entry written, parsed. */
  entries: Record<string, unknown>[];
}

/** A logger whose entries a test reads: what a process logged, and under which request id. */
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
