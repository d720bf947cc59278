/**
 * Builds the console into apps/console/dist when it is missing or older than
 * its sources (`npm start` and the browser tests call this; a fresh build
 * takes a few seconds), and reports the first load's compressed JavaScript:
 * the scripts index.html loads, gzip-compressed, against the 300 kB budget.
 *
 *   tsx apps/console/build.ts            build if stale
 *   tsx apps/console/build.ts --force    build anyway
 */
import { isStale } from '@tideline/build/stale';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const APP = fileURLToPath(new URL('.', import.meta.url));
export const CONSOLE_DIST = join(APP, 'dist');
const SOURCES = [join(APP, 'src'), join(APP, 'public'), join(APP, 'index.html'), join(APP, 'vite.config.ts'), join(APP, '../../libs/console-ui/src')];
/** A checkout may have no static files. */
const OPTIONAL_SOURCES = [join(APP, 'public')];
/** The budget for the first load. */
export const FIRST_LOAD_BUDGET_BYTES = 300 * 1024;

export function consoleIsStale(): boolean {
  return isStale(join(CONSOLE_DIST, 'index.html'), SOURCES, { optional: OPTIONAL_SOURCES });
}

/** gzip size of every script and stylesheet index.html references: what a first visit downloads before it renders. */
export function firstLoadBytes(): { js: number; css: number; files: string[] } {
  const html = readFileSync(join(CONSOLE_DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const gz = (file: string) => gzipSync(readFileSync(join(CONSOLE_DIST, file)), { level: 9 }).length;
  const sum = (ext: string) => files.filter((f) => f.endsWith(ext)).reduce((total, f) => total + gz(f), 0);
  return { js: sum('.js'), css: sum('.css'), files };
}

/** Builds if stale (or `force`); returns whether it built. Throws if the first load is over budget. */
export async function ensureConsoleBuilt({ force = false, log = console.error } = {}): Promise<boolean> {
  if (!force && !consoleIsStale()) return false;
  const { build } = await import('vite');
  const started = performance.now();
  await build({ configFile: join(APP, 'vite.config.ts'), logLevel: 'warn' });
  const size = firstLoadBytes();
  log(`tideline: built the console in ${((performance.now() - started) / 1000).toFixed(1)} s: first load ${(size.js / 1024).toFixed(1)} kB of gzipped JavaScript (budget 300 kB), ${(size.css / 1024).toFixed(1)} kB CSS`);
  if (size.js > FIRST_LOAD_BUDGET_BYTES) throw new Error(`the console's first load is ${size.js} bytes of gzipped JavaScript, over the ${FIRST_LOAD_BUDGET_BYTES}-byte budget`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureConsoleBuilt({ force: process.argv.includes('--force') });
}
