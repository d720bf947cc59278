/**
 * Writes dist/package.json and copies the README, so `libs/sdk/dist` is the
 * publishable package: ESM JavaScript with .d.ts types, `exports` pointing at
 * them. In the monorepo, `@tideline/sdk` resolves to the TypeScript sources
 * instead (its own package.json), so workspace tools need no build first.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url);
// The folder tsc emitted to (tsconfig.dist.json's outDir unless given).
const out = process.argv[2] ? pathToFileURL(resolve(process.argv[2]) + '/') : new URL('dist/', root);
const source = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as Record<string, unknown>;
const { name, version, description, license, engines, dependencies } = source;
const published = {
  name,
  version,
  description,
  license,
  type: 'module',
  engines,
  exports: { '.': { types: './index.d.ts', import: './index.js' } },
  types: './index.d.ts',
  sideEffects: false,
  dependencies,
};
writeFileSync(new URL('package.json', out), JSON.stringify(published, null, 2) + '\n');
copyFileSync(new URL('README.md', root), new URL('README.md', out));
console.log(`${out.pathname}: package.json and README.md written`);
