import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Generated GraphQL types (run `npm run codegen` after changing a schema or
 * an operation and commit the result; nobody edits __generated__ by hand),
 * for every service under libs/services that has a `src/schema.graphql`:
 * - its resolver types, from its src/*.graphql files plus the shared scalars
 *   (mappers, if any, in the service's codegen.json);
 * - the typed operations it sends another service, one file per callee
 *   (src/operations/<callee>.graphql), validated against the callee's schema:
 *   a change that breaks a caller fails codegen, and so the caller's build,
 *   which runs `codegen --check` on its own outputs.
 * `CODEGEN_PROJECT=libs/services/alerts` limits a run to one service's outputs.
 */
const SERVICES = 'libs/services';
const schemaOf = (dir: string) => ['libs/platform/graphql/src/scalars.ts', 'libs/contracts/src/shared.graphql', `${dir}/src/*.graphql`];
const FEDERATION_QUERY = 'type Query { _service: _Service! } type _Service { sdl: String }';
const scalars = { DateTime: { input: 'Date', output: 'Date | string' }, JSON: 'unknown' };

function outputsOf(dir: string): CodegenConfig['generates'] {
  const settings = existsSync(`${dir}/codegen.json`) ? (JSON.parse(readFileSync(`${dir}/codegen.json`, 'utf8')) as { mappers?: Record<string, string> }) : {};
  const generates: CodegenConfig['generates'] = {
    [`${dir}/src/__generated__/resolvers-types.ts`]: {
      schema: schemaOf(dir),
      plugins: ['typescript', 'typescript-resolvers'],
      config: { federation: true, useTypeImports: true, contextType: '@tideline/graphql#SubgraphContext', useIndexSignature: true, scalars, enumsAsTypes: true, mappers: settings.mappers ?? {} },
    },
  };
  const operations = `${dir}/src/operations`;
  for (const file of existsSync(operations) ? readdirSync(operations).filter((f) => f.endsWith('.graphql')) : []) {
    const callee = file.replace(/\.graphql$/, '');
    generates[`${dir}/src/__generated__/${callee}-operations.ts`] = {
      // Federation gives every subgraph Query._service: a callee with mutations only (ingest) is still a schema to check against.
      schema: [...schemaOf(`${SERVICES}/${callee}`), FEDERATION_QUERY],
      documents: [`${operations}/${file}`],
      plugins: ['typescript-operations', 'typed-document-node'],
      // Over the wire a DateTime is an ISO string both ways.
      config: { useTypeImports: true, onlyOperationTypes: true, enumsAsTypes: true, scalars: { DateTime: 'string', JSON: 'unknown' } },
    };
  }
  return generates;
}

const services = readdirSync(SERVICES)
  .map((name) => `${SERVICES}/${name}`)
  .filter((dir) => existsSync(`${dir}/src/schema.graphql`));
const only = process.env.CODEGEN_PROJECT?.replace(/\/$/, '');
const config: CodegenConfig = { generates: Object.assign({}, ...services.filter((dir) => !only || dir === only).map(outputsOf)) };
export default config;
