import { hostname } from 'node:os';
import { boundedClient } from '@tideline/clickhouse';
import { subgraphsModule } from '@tideline/graphql';
import { defineService } from '@tideline/service';
import { metricsConfig, metricsQueryTimeoutSetting } from './config.ts';
import { OFFLINE_ROUTE, offlineEvaluationHandler } from './offline-http.ts';
import { createResolvers } from './resolvers.ts';
import { FOLD_LEASE_TTL_MS, FOLD_LEASES_BUCKET, FoldLeases } from './fold-lease.ts';
import { HourStates } from './slice-states.ts';

/**
 * The slice-metric engine: metrics per slice and window, drift, data quality
 * and estimated performance, computed in ClickHouse over the evaluation
 * store's tables, served as the `metrics` subgraph; and offline evaluation of
 * predictions made elsewhere, with the same metric definitions.
 */
export const metricsModule = defineService({
  name: 'metrics',
  doc: 'metrics per slice and window, drift, data quality and estimated performance, computed in ClickHouse',
  source: import.meta.url,
  config: metricsConfig,
  subgraph: true,
  clickhouse: true,
  nats: { buckets: [{ name: FOLD_LEASES_BUCKET, ttlMs: FOLD_LEASE_TTL_MS }] },
  routes: [{ path: OFFLINE_ROUTE, methods: ['POST'], doc: 'evaluate offline predictions and labels (NDJSON, ?task=…&metrics=…) with the platform\'s metric definitions, overall and per slice' }],
  async start(ctx) {
    const { config, clickhouse: client } = ctx;
    const secret = ctx.get(subgraphsModule).secret;
    // Every query the subgraph runs is bounded in time; offline evaluation (its own route, scratch tables) is not.
    const bounded = boundedClient(client, { service: 'metrics', setting: metricsQueryTimeoutSetting, defaultMs: config.queryTimeoutMs });
    const leases = new FoldLeases(ctx.bucket(FOLD_LEASES_BUCKET), `${hostname()}:${process.pid}`);
    const onFoldError = (err: unknown, model: string) => ctx.logger.warn({ err, model }, 'hour states: fold failed; sliceMetrics reads the rows');
    const hourStates = config.hourStates ? new HourStates(bounded, onFoldError, { leases }) : undefined;
    return {
      resolvers: createResolvers(bounded, { driftMaxValues: config.driftMaxValues, hourStates }),
      routes: { [OFFLINE_ROUTE]: offlineEvaluationHandler({ client, secret, maxRows: config.offlineMaxRows, logger: ctx.logger }) },
      // A fold cut short by the stop is never read; its lease is given back rather than left to expire.
      stop: () => leases.releaseAll().catch((err: unknown) => ctx.logger.warn({ err }, 'hour states: fold leases not released; they expire')),
    };
  },
});
