#!/usr/bin/env node
// @ts-check
/**
 * The `tideline` bin and `npm run tideline --`: runs the CLI from one bundled
 * ESM file (node_modules/.cache/tideline-cli/tideline.mjs, built by esbuild:
 * inside node_modules, so that running the CLI writes nothing git sees, as the
 * README tour requires), rebuilt first when it is
 * missing or older than any of its sources, as `npm start` does with the
 * console. Why: under tsx (`node --import tsx tools/cli/tideline.ts`) most of
 * a project or key call's wall time is tsx compiling on start; the bundle
 * starts in plain Node. Plain JavaScript itself, so that nothing compiles
 * before it runs; a fresh clone builds once (a fraction of a second).
 *
 *   node tools/cli/launch.mjs <command> …   build if stale, then run
 *   node tools/cli/launch.mjs --build       build anyway (`npm run build:cli`)
 *
 * bootstrap and demo-data read files beside their sources (GraphQL schemas),
 * so they stay out of the bundle and load through tsx when they run (unbundled.ts).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isStale } from '../build/stale.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'node_modules', '.cache', 'tideline-cli');
const ENTRY = join(OUT, 'tideline.mjs');
/** The bundle's inputs (from esbuild's metafile), to tell whether it is stale without building. */
const INPUTS = join(OUT, 'inputs.json');

function bundleIsStale() {
  if (!existsSync(INPUTS)) return true;
  /** @type {string[]} */
  const inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
  return isStale(ENTRY, [...inputs.map((input) => join(ROOT, input)), fileURLToPath(import.meta.url)]); // and how it is built
}

/** Bundles tools/cli/tideline.ts; npm packages stay imports, workspace code (@tideline/*) is bundled. */
export async function buildCli() {
  const { build } = await import('esbuild');
  /** @type {import('esbuild').Plugin} */
  const externals = {
    name: 'tideline-cli-externals',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@tideline/') ? undefined : { path: args.path, external: true }));
    },
  };
  const result = await build({
    entryPoints: [join(ROOT, 'tools/cli/tideline.ts')],
    bundle: true,
    splitting: true, // ingest (and chDB with it) stays a chunk loaded only by ingest
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: OUT,
    outExtension: { '.js': '.mjs' },
    plugins: [externals],
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(OUT, { recursive: true });
  // Each file written aside and renamed (chunks are named by their content), the entry last: a CLI started
  // meanwhile, or a second build racing this one, sees a whole bundle, old or new, never half of one.
  const files = [...result.outputFiles].sort((a, b) => Number(a.path === ENTRY) - Number(b.path === ENTRY));
  const inputs = Object.keys(result.metafile.inputs).map((input) => relative(ROOT, join(process.cwd(), input)));
  const write = (/** @type {string} */ path, /** @type {string | Uint8Array} */ contents) => {
    writeFileSync(`${path}.${process.pid}.tmp`, contents);
    renameSync(`${path}.${process.pid}.tmp`, path);
  };
  write(INPUTS, JSON.stringify(inputs));
  for (const file of files) {
    mkdirSync(dirname(file.path), { recursive: true });
    write(file.path, file.contents);
  }
}

if (process.argv[2] === '--build') {
  const started = performance.now();
  await buildCli();
  console.error(`built ${relative(ROOT, ENTRY)} in ${Math.round(performance.now() - started)} ms`);
} else {
  if (bundleIsStale()) await buildCli();
  await import(pathToFileURL(ENTRY).href);
}
