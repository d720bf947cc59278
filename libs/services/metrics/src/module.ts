import { fileURLToPath } from 'node:url';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { clickhouseModule, migrate } from '@tideline/clickhouse';
import { internalPath } from '@tideline/contracts';
import { createSubgraph, internalSecretSetting, readSchemaFiles, type SubgraphContext } from '@tideline/graphql';
import { configSection, defineModule, httpServerModule } from '@tideline/runtime';
import { metricsMigrations } from './reference-windows.ts';
import { createResolvers } from './resolvers.ts';

/**
 * The slice-metric engine: metrics per slice and window, drift, data quality
 * and estimated performance, computed in ClickHouse over the evaluation
 * store's tables, served as the `metrics` subgraph.
 */
export const metricsModule = defineModule({
  name: 'metrics',
  deps: [httpServerModule, clickhouseModule],
  config: configSection({ secret: internalSecretSetting }),
  async start(ctx, config) {
    await migrate(ctx.get(clickhouseModule), 'metrics', metricsMigrations);
    const subgraph = await createSubgraph({
      name: 'metrics',
      typeDefs: readSchemaFiles(fileURLToPath(new URL('.', import.meta.url))),
      resolvers: createResolvers(ctx.get(clickhouseModule)) as GraphQLResolverMap<SubgraphContext>,
      secret: config.secret,
      logger: ctx.logger,
    });
    ctx.get(httpServerModule).route(`${internalPath('metrics')}/graphql`, subgraph.handler);
    return { value: {}, stop: () => subgraph.stop() };
  },
});
