import { defineService } from '@tideline/service';
import { createResolvers } from './resolvers.ts';

/**
 * The slice-metric engine: metrics per slice and window, drift, data quality
 * and estimated performance, computed in ClickHouse over the evaluation
 * store's tables, served as the `metrics` subgraph.
 */
export const metricsModule = defineService({
  name: 'metrics',
  doc: 'metrics per slice and window, drift, data quality and estimated performance, computed in ClickHouse',
  source: import.meta.url,
  subgraph: true,
  clickhouse: true,
  async start(ctx) {
    return { resolvers: createResolvers(ctx.clickhouse) };
  },
});
