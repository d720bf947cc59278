/**
 * `npm run docs`: regenerates the documents' sections that are derived from
 * the code: the README's list of targets and configuration table (from the
 * catalog), docs/API.md's table of error codes (from the error catalog).
 * `npm run docs -- --check` fails when any is stale (CI runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { catalog } from '@tideline/catalog';
import { ERROR_CODES } from '@tideline/contracts';
import { devSettings } from '../bootstrap/dev-settings.ts';
import type { ConfigSection } from '@tideline/runtime';
import { configTable, errorTable, replaceSection, targetsTable } from './generated-sections.ts';

/** Each document, with how its generated sections are written. */
const documents: Record<string, (text: string) => string> = {
  'README.md': (text) =>
    replaceSection(
      replaceSection(text, 'targets', targetsTable(catalog)),
      'config',
      configTable(catalog, [{ owner: '`npm start`, tests', section: devSettings as ConfigSection<unknown> }]),
    ),
  'docs/API.md': (text) => replaceSection(text, 'errors', errorTable(ERROR_CODES)),
};

const check = process.argv.includes('--check');
let stale = false;
for (const [path, generate] of Object.entries(documents)) {
  const current = readFileSync(path, 'utf8');
  const next = generate(current);
  if (next === current) console.log(`${path}: generated sections are up to date`);
  else if (check) {
    console.error(`${path}: generated sections are stale; run \`npm run docs\` and commit the result`);
    stale = true;
  } else {
    writeFileSync(path, next);
    console.log(`${path}: generated sections rewritten`);
  }
}
if (stale) process.exit(1);
