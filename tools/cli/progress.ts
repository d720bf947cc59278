/**
 * Ingest progress: on a terminal a bar redrawn in place (rows, rows/s, ETA);
 * elsewhere (CI logs, pipes) a plain line at most every `plainEveryMs`.
 */
import type { Io } from './command.ts';

const WIDTH = 28;
const number = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export interface Progress {
  /** `done` rows of `total` handled, `sent` of them in this run (the rate counts only those). */
  update(done: number, sent: number): void;
  finish(done: number, sent: number): void;
}

export function progressReporter(io: Io, total: number, plainEveryMs = 1000): Progress {
  const started = performance.now();
  let last = -Infinity;
  const line = (done: number, sent: number) => {
    const elapsed = performance.now() - started;
    const rate = sent / Math.max(elapsed / 1000, 1e-3);
    const eta = rate > 0 ? ((total - done) / rate) * 1000 : Infinity;
    const share = total ? Math.min(1, done / total) : 1;
    return { share, text: `${number(done)}/${number(total)} rows ${(share * 100).toFixed(0).padStart(3)}%  ${number(rate)} rows/s  ETA ${formatDuration(eta)}` };
  };
  const tty = Boolean(io.progress.isTTY);
  return {
    update(done, sent) {
      const now = performance.now();
      if (now - last < (tty ? 100 : plainEveryMs)) return;
      last = now;
      const { share, text } = line(done, sent);
      const filled = Math.round(share * WIDTH);
      io.progress.write(tty ? `\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${text}\x1b[K` : `progress ${text}\n`);
    },
    finish(done, sent) {
      const elapsed = performance.now() - started;
      const text = `${number(done)}/${number(total)} rows in ${formatDuration(elapsed)} (${number(sent / Math.max(elapsed / 1000, 1e-3))} rows/s)`;
      io.progress.write(tty ? `\r${text}\x1b[K\n` : `progress ${text}\n`);
    },
  };
}
