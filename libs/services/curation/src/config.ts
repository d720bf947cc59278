import { clickhouseQueryTimeoutSetting } from '@tideline/clickhouse';
import { configSection, setting } from '@tideline/runtime';

/**
 * The time bound of a dataset snapshot (its INSERT … SELECT), apart from the
 * request queries' CLICKHOUSE_QUERY_TIMEOUT_MS: a snapshot copies up to
 * CURATION_MAX_DATASET_ROWS rows (about 4 s a million on one core), far more
 * work than any one read of a request.
 */
export const snapshotTimeoutSetting = setting.int({
  env: 'CURATION_SNAPSHOT_TIMEOUT_MS',
  doc: 'longest the copy of one `curateDataset` snapshot may run in ClickHouse (its `max_execution_time`); past it ClickHouse stops it, its rows are removed, nothing is registered and the request fails with QUERY_TIMEOUT. A caller that asks with a shorter budget bounds it by what is left of it (default 120000)',
  default: 120_000,
  min: 100,
});

export const curationConfig = configSection({
  /** @default 10000 */
  labelBudget: setting.int({
    env: 'CURATION_LABEL_BUDGET',
    doc: 'labels each model may request per budget period unless `setLabelBudget` granted another amount; `requestLabels` past the rest is refused (BUDGET_EXCEEDED)',
    default: 10_000,
    min: 0,
  }),
  /** @default 30 */
  budgetPeriodDays: setting.int({
    env: 'CURATION_BUDGET_PERIOD_DAYS',
    doc: 'length of a label-budget period in days; periods are counted from 1970-01-01 UTC, so every process agrees where one ends',
    default: 30,
    min: 1,
    max: 366,
  }),
  /** @default 10000 */
  maxBatch: setting.int({
    env: 'CURATION_MAX_BATCH',
    doc: 'largest `budget` of one labeling request (BAD_USER_INPUT, field input.budget, past it)',
    default: 10_000,
    min: 1,
    max: 1_000_000,
  }),
  /** @default 20000 */
  diversityPool: setting.int({
    env: 'CURATION_DIVERSITY_POOL',
    doc: 'most candidates DIVERSITY and HYBRID bring into Node for k-center greedy; memory is this × the numeric features used (at most 256) × 4 bytes',
    default: 20_000,
    min: 100,
    max: 200_000,
  }),
  /** @default 5000000 */
  maxDatasetRows: setting.int({
    env: 'CURATION_MAX_DATASET_ROWS',
    doc: 'most rows one `curateDataset` snapshot may hold (its `maxRows` is capped by it)',
    default: 5_000_000,
    min: 10,
  }),
  queryTimeoutMs: clickhouseQueryTimeoutSetting,
  /** @default 120000 */
  snapshotTimeoutMs: snapshotTimeoutSetting,
});

export type CurationConfig = NonNullable<ReturnType<typeof curationConfig.read>['value']>;
