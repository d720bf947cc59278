/**
 * `npm run docs`: regenerates the README's sections that are derived from
 * the code (the list of targets and the configuration table, from the
 * catalog). `npm run docs -- --check` fails when they are stale (CI runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { catalog } from '@tideline/catalog';
import { devSettings } from '../bootstrap/dev-settings.ts';
import type { ConfigSection } from '@tideline/runtime';
import { configTable, replaceSection, targetsTable } from './generated-sections.ts';

const README = 'README.md';
const current = readFileSync(README, 'utf8');
let next = replaceSection(current, 'targets', targetsTable(catalog));
next = replaceSection(next, 'config', configTable(catalog, [{ owner: '`npm start`, tests', section: devSettings as ConfigSection<unknown> }]));

if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error(`${README}: generated sections are stale; run \`npm run docs\` and commit the result`);
    process.exit(1);
  }
  console.log(`${README}: generated sections are up to date`);
} else if (next !== current) {
  writeFileSync(README, next);
  console.log(`${README}: generated sections rewritten`);
}
