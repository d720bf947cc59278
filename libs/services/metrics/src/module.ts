import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { clickhouseModule } from '@tideline/clickhouse';
import { internalPath } from '@tideline/contracts';
import { createSubgraph, internalSecretSetting, type SubgraphContext } from '@tideline/graphql';
import { configSection, defineModule, httpServerModule } from '@tideline/runtime';
import { createResolvers } from './resolvers.ts';

const srcDir = fileURLToPath(new URL('.', import.meta.url));
/** Every `*.graphql` file of src/ in name order: each query family keeps its schema beside its code. */
const typeDefs = () =>
  readdirSync(srcDir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(`${srcDir}/${f}`, 'utf8'))
    .join('\n');

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
    const subgraph = await createSubgraph({
      name: 'metrics',
      typeDefs: typeDefs(),
      resolvers: createResolvers(ctx.get(clickhouseModule)) as GraphQLResolverMap<SubgraphContext>,
      secret: config.secret,
      logger: ctx.logger,
    });
    ctx.get(httpServerModule).route(`${internalPath('metrics')}/graphql`, subgraph.handler);
    return { value: {}, stop: () => subgraph.stop() };
  },
});
