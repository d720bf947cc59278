import { queryTimeoutSetting } from '@tideline/clickhouse';
import { configSection, setting } from '@tideline/runtime';
import { MAX_VALUES_PER_QUERY } from './drift-numeric.ts';

/** Metrics' own bound: its aggregations are the heavy queries, and the alerts evaluator's budgets are tuned against it. */
export const metricsQueryTimeoutSetting = queryTimeoutSetting('METRICS_QUERY_TIMEOUT_MS', "metrics (a monitor's evaluation among them)");

export const metricsConfig = configSection({
  /** @default 5000000 */
  offlineMaxRows: setting.int({
    env: 'METRICS_OFFLINE_MAX_ROWS',
    doc: 'most rows (lines) of one `POST /v1/evaluations/offline` body (413 `EVALUATION_TOO_LARGE` past it); rows are streamed into a scratch table in batches, never held whole in memory',
    default: 5_000_000,
    min: 1,
  }),
  /** @default 200000000 */
  driftMaxValues: setting.int({
    env: 'METRICS_DRIFT_MAX_VALUES',
    doc: 'most feature values one numeric drift query holds in memory (about 14 bytes each: 200M, a report of 1,000 features × 100k vs 100k rows, peaks near 3.5 GB); a wider report is computed in batches under it, each reading the rows again',
    default: MAX_VALUES_PER_QUERY,
    min: 10_000,
  }),
  /** @default true */
  hourStates: setting.bool({
    env: 'METRICS_HOUR_STATES',
    doc: 'answer sliceMetrics and metric from per-hour states and time-ordered folded rows kept by a fold of the store (exact; metrics README, "Hour states", "Folded rows"); off, every request reads the store\'s rows',
    default: true,
  }),
  queryTimeoutMs: metricsQueryTimeoutSetting,
});

export type MetricsConfig = NonNullable<ReturnType<typeof metricsConfig.read>['value']>;
