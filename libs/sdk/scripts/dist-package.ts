/**
 * Writes dist/package.json and copies the README, so `libs/sdk/dist` is the
 * publishable package: ESM JavaScript with .d.ts types, `exports` pointing at
 * them. In the monorepo, `@tideline/sdk` resolves to the TypeScript sources
 * instead (its own package.json), so workspace tools need no build first.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
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
writeFileSync(new URL('dist/package.json', root), JSON.stringify(published, null, 2) + '\n');
copyFileSync(new URL('README.md', root), new URL('dist/README.md', root));
console.log('libs/sdk/dist: package.json and README.md written');
