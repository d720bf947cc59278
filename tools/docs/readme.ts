/**
 * `npm run docs`: regenerates every file derived from the code: the README's
 * list of targets and configuration table (from the catalog), docs/API.md's
 * table of error codes (from the error catalog), and the public GraphQL schema
 * the SDK is generated against (libs/sdk/schema.graphql, composed from the
 * services' subgraphs), followed, when it changed, by the SDK's typed
 * operations (libs/sdk/codegen.ts). `npm run docs -- --check` fails when any
 * is stale (CI runs it). `npm run sdk:schema` is the same command.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { catalog } from '@tideline/catalog';
import { ERROR_CODES } from '@tideline/contracts';
import { devSettings } from '../bootstrap/dev-settings.ts';
import type { ConfigSection } from '@tideline/runtime';
import { configTable, errorTable, replaceSection, targetsTable } from './generated-sections.ts';
import { PUBLIC_SCHEMA, publicSchemaSdl } from './public-schema.ts';

/** Each generated file, or document with generated sections, with how it is written from its current text. */
const documents: Record<string, (text: string) => string> = {
  'README.md': (text) =>
    replaceSection(
      replaceSection(text, 'targets', targetsTable(catalog)),
      'config',
      configTable(catalog, [{ owner: '`npm start`, tests', section: devSettings as ConfigSection<unknown> }]),
    ),
  'docs/API.md': (text) => replaceSection(text, 'errors', errorTable(ERROR_CODES)),
  [PUBLIC_SCHEMA]: () => publicSchemaSdl(),
};

const check = process.argv.includes('--check');
let stale = false;
for (const [path, generate] of Object.entries(documents)) {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const next = generate(current);
  if (next === current) console.log(`${path}: generated content is up to date`);
  else if (check) {
    console.error(`${path}: generated content is stale; run \`npm run docs\` and commit the result`);
    stale = true;
  } else {
    writeFileSync(path, next);
    console.log(`${path}: generated content rewritten`);
    // The SDK's typed operations follow the schema they are generated against (the SDK's build checks them).
    if (path === PUBLIC_SCHEMA) execFileSync('npx', ['graphql-codegen', '--config', 'libs/sdk/codegen.ts', '--silent'], { stdio: 'inherit' });
  }
}
if (stale) process.exit(1);
