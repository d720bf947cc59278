import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Generated GraphQL types (run `npm run codegen` after changing a schema or
 * an operation and commit the result; nobody edits __generated__ by hand):
 * - every subgraph's resolver types, from its src/*.graphql files plus the shared scalars;
 * - the typed operations one service sends another (src/operations/<callee>.graphql),
 *   validated against the callee's schema: a change that breaks a caller fails codegen,
 *   and so the caller's build, which runs `codegen --check` for its own outputs.
 * `CODEGEN_PROJECT=libs/services/alerts` limits the run to one project's outputs.
 */
const schemaOf = (dir: string) => ['libs/platform/graphql/src/scalars.ts', 'libs/contracts/src/shared.graphql', `${dir}/src/*.graphql`];
const scalars = { DateTime: { input: 'Date', output: 'Date | string' }, JSON: 'unknown' };

const subgraph = (dir: string, mappers: Record<string, string> = {}): CodegenConfig['generates'] => ({
  [`${dir}/src/__generated__/resolvers-types.ts`]: {
    schema: schemaOf(dir),
    plugins: ['typescript', 'typescript-resolvers'],
    config: { federation: true, useTypeImports: true, contextType: '@tideline/graphql#SubgraphContext', useIndexSignature: true, scalars, enumsAsTypes: true, mappers },
  },
});

/** Typed documents for the operations the service in `dir` sends to `callee`. */
const calls = (dir: string, callee: string): CodegenConfig['generates'] => ({
  [`${dir}/src/__generated__/${callee}-operations.ts`]: {
    schema: schemaOf(`libs/services/${callee}`),
    documents: [`${dir}/src/operations/${callee}.graphql`],
    plugins: ['typescript-operations', 'typed-document-node'],
    // Over the wire a DateTime is an ISO string both ways.
    config: { useTypeImports: true, onlyOperationTypes: true, enumsAsTypes: true, scalars: { DateTime: 'string', JSON: 'unknown' } },
  },
});

const generates: CodegenConfig['generates'] = {
  ...subgraph('libs/services/ingest'),
  ...subgraph('libs/services/evalstore', { Model: '../queries.ts#ModelStats' }),
  ...subgraph('libs/services/metrics'),
  ...subgraph('libs/services/registry', { Model: '../model-state.ts#ModelState', ModelVersion: '../views.ts#VersionView', StageChange: '../views.ts#StageChangeView', Lineage: '../views.ts#VersionView', Dataset: '../datasets.ts#DatasetRecord', Evaluation: '../views.ts#EvaluationView', ModelRegistration: '../views.ts#RegistrationView' }),
  ...calls('libs/services/registry', 'metrics'),
  ...subgraph('libs/services/gateway'),
  ...subgraph('libs/services/alerts', { Model: '../monitor-definition.ts#ModelRef', Monitor: '../monitor-definition.ts#MonitorDefinition', Alert: '@tideline/contracts#AlertRecord', AlertEvent: '@tideline/contracts#AlertEvent as AlertEventPayload', Webhook: '../webhooks/webhook-record.ts#WebhookRecord' }),
  ...calls('libs/services/alerts', 'metrics'),
  ...calls('libs/services/alerts', 'evalstore'),
};

const only = process.env.CODEGEN_PROJECT?.replace(/\/$/, '');
const config: CodegenConfig = { generates: only ? Object.fromEntries(Object.entries(generates).filter(([path]) => path.startsWith(`${only}/`))) : generates };
export default config;
