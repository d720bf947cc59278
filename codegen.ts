import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Resolver types of every subgraph, generated from its src/*.graphql files
 * (plus the shared scalars). Run `npm run codegen` after changing a schema
 * and commit the result; nobody edits __generated__ by hand.
 */
const subgraph = (dir: string, mappers: Record<string, string> = {}): CodegenConfig['generates'] => ({
  [`${dir}/src/__generated__/resolvers-types.ts`]: {
    schema: ['libs/platform/graphql/src/scalars.ts', 'libs/contracts/src/shared.graphql', `${dir}/src/*.graphql`],
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      federation: true,
      useTypeImports: true,
      contextType: '@tideline/graphql#SubgraphContext',
      useIndexSignature: true,
      scalars: { DateTime: { input: 'Date', output: 'Date | string' }, JSON: 'unknown' },
      enumsAsTypes: true,
      mappers,
    },
  },
});

const config: CodegenConfig = {
  generates: {
    ...subgraph('libs/services/ingest'),
    ...subgraph('libs/services/evalstore', { Model: '../queries.ts#ModelStats' }),
    ...subgraph('libs/services/metrics'),
    ...subgraph('libs/services/registry', { Model: '../model-state.ts#ModelState', ModelVersion: '../views.ts#VersionView', StageChange: '../views.ts#StageChangeView', Lineage: '../views.ts#VersionView', Dataset: '../datasets.ts#DatasetRecord', Evaluation: '../views.ts#EvaluationView', ModelRegistration: '../views.ts#RegistrationView' }),
    ...subgraph('libs/services/gateway'),
    ...subgraph('libs/services/alerts', { Model: '../monitor-definition.ts#ModelRef', Monitor: '../monitor-definition.ts#MonitorDefinition', Alert: '@tideline/contracts#AlertRecord', AlertEvent: '@tideline/contracts#AlertEvent as AlertEventPayload', Webhook: '../webhooks/webhook-record.ts#WebhookRecord' }),
  },
};
export default config;
