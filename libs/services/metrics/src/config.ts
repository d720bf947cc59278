import { configSection, setting } from '@tideline/runtime';

export const metricsConfig = configSection({
  /** @default 5000000 */
  offlineMaxRows: setting.int({
    env: 'METRICS_OFFLINE_MAX_ROWS',
    doc: 'most rows (lines) of one `POST /v1/evaluations/offline` body (413 `EVALUATION_TOO_LARGE` past it); rows are streamed into a scratch table in batches, never held whole in memory',
    default: 5_000_000,
    min: 1,
  }),
  queryTimeoutMs: setting.int({
    env: 'METRICS_QUERY_TIMEOUT_MS',
    doc: "longest one metrics query may run in ClickHouse (its `max_execution_time`); past it ClickHouse stops it and the request fails with QUERY_TIMEOUT. A service that asks with a shorter budget (a monitor's evaluation) bounds its queries by what is left of it (default 60000)",
    default: 60_000,
    min: 100,
  }),
});

export type MetricsConfig = NonNullable<ReturnType<typeof metricsConfig.read>['value']>;
