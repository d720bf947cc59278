import { configSection, setting } from '@tideline/runtime';

export const metricsConfig = configSection({
  /** @default 5000000 */
  offlineMaxRows: setting.int({
    env: 'METRICS_OFFLINE_MAX_ROWS',
    doc: 'most rows (lines) of one `POST /v1/evaluations/offline` body (413 `EVALUATION_TOO_LARGE` past it); rows are streamed into a scratch table in batches, never held whole in memory',
    default: 5_000_000,
    min: 1,
  }),
});

export type MetricsConfig = NonNullable<ReturnType<typeof metricsConfig.read>['value']>;
