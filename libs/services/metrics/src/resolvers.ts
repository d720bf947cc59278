import type { ClickHouseClient } from '@tideline/clickhouse';
import type { SubgraphContext } from '@tideline/graphql';
import type { Resolvers } from './__generated__/resolvers-types.ts';
import { dataQualityQueries } from './data-quality.ts';
import { driftQueries } from './drift.ts';
import { MAX_VALUES_PER_QUERY } from './drift-numeric.ts';
import { fieldLookup, taskLookup } from './inputs.ts';
import { compareVersionsQueries } from './compare-versions.ts';
import { estimatedPerformanceQueries } from './estimated-performance.ts';
import { metricQueries } from './metric.ts';
import { ReferenceWindows } from './reference-windows.ts';
import { referenceWindowMutations, referenceWindowQueries } from './reference-window-resolvers.ts';
import { sliceMetricsQueries } from './slice-metrics.ts';
import type { HourStates } from './slice-states.ts';
import { windowMetricsQueries } from './window-metrics.ts';

/**
 * Resolvers of the metrics subgraph, one file per query family, merged here.
 * Every query is scoped to the project the gateway signed and computed in
 * ClickHouse; inputs are checked before any query runs.
 */
export function createResolvers(client: ClickHouseClient, options: { driftMaxValues: number; hourStates?: HourStates } = { driftMaxValues: MAX_VALUES_PER_QUERY }): Resolvers<SubgraphContext> {
  const deps = { client, task: taskLookup(client), fields: fieldLookup(client), references: new ReferenceWindows(client), hourStates: options.hourStates };
  return {
    Query: {
      ...metricQueries(deps),
      ...driftQueries(deps, options.driftMaxValues),
      ...dataQualityQueries(deps),
      ...sliceMetricsQueries(deps),
      ...windowMetricsQueries(deps),
      ...estimatedPerformanceQueries(deps),
      ...compareVersionsQueries(deps),
      ...referenceWindowQueries(deps),
    },
    Mutation: referenceWindowMutations(deps),
    // Only a value read from score histograms carries its bound; every other is exact.
    SliceMetricValue: { errorBound: (v) => (v.value === null || v.value === undefined ? null : (v.errorBound ?? 0)) },
  };
}
