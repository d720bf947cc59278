// @ts-check
/**
 * Whether a built file is older than what it is built from: the console's
 * bundle (apps/console/build.ts) and the CLI's (tools/cli/launch.mjs) are
 * rebuilt on start when stale. Plain JavaScript so that the CLI's launcher,
 * which runs before anything can compile TypeScript, imports it as it is.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Newest modification time (ms) of `path`: a file's own, or a directory's
 * and everything under it (a deleted file changes its directory's).
 * Undefined when `path` does not exist.
 * @param {string} path
 * @returns {number | undefined}
 */
export function newestMtime(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return stat?.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name)) ?? 0));
}

/**
 * True when `built` is missing, or any of `sources` (files or directories)
 * changed after it was written. A missing source counts as a change (it was
 * deleted or renamed since the build) unless `optional` lists it.
 * @param {string} built
 * @param {readonly string[]} sources
 * @param {{ optional?: readonly string[] }} [options]
 * @returns {boolean}
 */
export function isStale(built, sources, { optional = [] } = {}) {
  const builtAt = statSync(built, { throwIfNoEntry: false })?.mtimeMs;
  if (builtAt === undefined) return true;
  return sources.some((source) => {
    const changed = newestMtime(source);
    return changed === undefined ? !optional.includes(source) : changed > builtAt;
  });
}
