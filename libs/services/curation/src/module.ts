import { boundedClient, clickhouseQueryTimeoutSetting, clickhouseUrl } from '@tideline/clickhouse';
import { CURATION_STREAMS } from '@tideline/contracts';
import { subgraphsModule } from '@tideline/graphql';
import { defineService } from '@tideline/service';
import { LabelBudgets } from './budget.ts';
import { curationConfig, snapshotTimeoutSetting } from './config.ts';
import { DATASET_ID_PATTERN, EXPORT_ROUTE, datasetExportHandler } from './dataset-export.ts';
import { Datasets } from './datasets.ts';
import { LabelRequests } from './label-requests.ts';
import { WEBHOOK_ROUTE, labelStudioWebhook } from './label-studio.ts';
import { createResolvers } from './resolvers.ts';

/**
 * Curation, the outer loop of continual learning: labeling requests that
 * pick what to label under a budget (uncertainty, diversity, slices), each
 * with a random control arm to measure its own lift, and frozen dataset
 * snapshots to train on. Selection runs in ClickHouse where the rows are;
 * other services are reached over GraphQL and NATS only.
 */
export const curationModule = defineService({
  name: 'curation',
  doc: 'active learning: labeling requests under a budget with a random control arm, and frozen, exportable training datasets',
  source: import.meta.url,
  config: curationConfig,
  subgraph: true,
  clickhouse: true,
  routes: [
    { path: EXPORT_ROUTE, methods: ['GET'], pattern: DATASET_ID_PATTERN, doc: 'download a dataset snapshot (?format=parquet|arrow|csv|ndjson&split=…), written by ClickHouse' },
    { path: WEBHOOK_ROUTE, methods: ['POST'], doc: "Label Studio's annotation webhook: annotations become feedback" },
  ],
  nats: { streams: [{ stream: CURATION_STREAMS.events }] },
  async start(ctx) {
    const { config, clickhouse } = ctx;
    // The queries of requests are bounded in time (inserts and commands pass as
    // they are; a snapshot's copy has its own bound); a dataset download streams as long as it takes (its size is bounded by maxDatasetRows).
    const client = boundedClient(clickhouse, { service: 'curation', setting: clickhouseQueryTimeoutSetting, defaultMs: config.queryTimeoutMs });
    const budgets = new LabelBudgets(client, { labels: config.labelBudget, periodDays: config.budgetPeriodDays });
    const requests = new LabelRequests(client, budgets, config, { metrics: ctx.client('metrics'), alerts: ctx.client('alerts') });
    const snapshotBound = { service: 'curation', setting: snapshotTimeoutSetting, defaultMs: config.snapshotTimeoutMs };
    const datasets = new Datasets({ client, registry: ctx.client('registry'), js: ctx.nats.js, logger: ctx.logger, maxRows: config.maxDatasetRows, snapshotBound });
    const embedded = clickhouseUrl(ctx.env.CLICKHOUSE_URL || null, ctx.env).startsWith('chdb://');
    const secret = ctx.get(subgraphsModule).secret;
    return {
      resolvers: createResolvers({ client, requests, budgets, datasets }),
      routes: {
        [EXPORT_ROUTE]: datasetExportHandler({ client: clickhouse, datasets, secret, embedded, logger: ctx.logger }),
        [WEBHOOK_ROUTE]: labelStudioWebhook({ secret, ingest: ctx.client('ingest'), logger: ctx.logger }),
      },
    };
  },
});
