/**
 * `npm run new-service -- <name> [--doc "what it does"]`: a new service in
 * the one shape (defineService): package, subgraph with typed resolvers, an
 * integration test through the gateway, listed in the catalog, so that the
 * gateway serves it, the README lists it and the manifests deploy it.
 * Touches four files outside its folder: the catalog, package-lock.json
 * (npm links the workspace), the README's generated sections and the public
 * schema the SDK is generated against (libs/sdk/schema.graphql; `npm run docs`
 * writes both).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { addToCatalog, serviceNames, writeTemplate } from './generate.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { doc: { type: 'string' } } });
if (positionals.length !== 1) {
  console.error('usage: npm run new-service -- <name> [--doc "what it does, in one line"]');
  process.exit(2);
}
const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (command: string, args: string[], env: Record<string, string> = {}) => execFileSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });

try {
  const names = serviceNames(positionals[0]!, values.doc);
  const target = `libs/services/${names.name}`;
  const written = writeTemplate(fileURLToPath(new URL('./template', import.meta.url)), `${root}/${target}`, names);
  const catalogFile = `${root}/libs/catalog/src/index.ts`;
  writeFileSync(catalogFile, addToCatalog(readFileSync(catalogFile, 'utf8'), names));
  console.log(`created ${target} (${written.length} files) and listed it in libs/catalog`);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']); // links @tideline/<name>
  run('npx', ['graphql-codegen', '--config', 'codegen.ts', '--silent'], { CODEGEN_PROJECT: target });
  run('npx', ['tsx', 'tools/docs/readme.ts']);
  console.log(`
${names.name} is ready: npx nx run @tideline/${names.name}:lint && npx nx run @tideline/${names.name}:build && npx vitest run ${target}
Then give it its real API in ${target}/src/schema.graphql (npm run codegen after each change) and its work in src/module.ts.`);
} catch (err) {
  console.error(`new-service: ${(err as Error).message}`);
  process.exit(1);
}
