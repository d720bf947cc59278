/**
 * Where an ingest stopped, so that running the same command again resumes
 * after the last batch the API accepted. Kept in $TIDELINE_STATE_DIR (default
 * ~/.tideline/ingest), one small JSON file per input and command, named by a
 * digest of the file's absolute path, size and modification time and of the
 * command's options: a changed file or other options start over. It is
 * written after each accepted batch and removed when the ingest completes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface CheckpointState {
  /** Every row up to this one (1-based, in file order) was accepted or rejected by the API. */
  rowsDone: number;
  accepted: number;
  rejected: number;
}

export interface Checkpoint {
  path: string;
  load(): CheckpointState | undefined;
  save(state: CheckpointState): void;
  remove(): void;
}

export function checkpointFor(file: string, stats: Stats, command: Record<string, unknown>, env: NodeJS.ProcessEnv): Checkpoint {
  const dir = env.TIDELINE_STATE_DIR ?? join(env.HOME ?? homedir(), '.tideline', 'ingest');
  const digest = createHash('sha256')
    .update(JSON.stringify({ file: resolve(file), size: stats.size, mtime: stats.mtimeMs, command }))
    .digest('hex')
    .slice(0, 24);
  const path = join(dir, `${digest}.json`);
  return {
    path,
    load() {
      try {
        return JSON.parse(readFileSync(path, 'utf8')) as CheckpointState;
      } catch {
        return undefined;
      }
    },
    save(state) {
      mkdirSync(dir, { recursive: true });
      // Written aside and renamed: a kill mid-write leaves the previous checkpoint, never half of one.
      writeFileSync(`${path}.tmp`, JSON.stringify(state));
      renameSync(`${path}.tmp`, path);
    },
    remove: () => rmSync(path, { force: true }),
  };
}
