/**
 * The floor under the sliceMetrics benchmark on this engine: the same
 * question asked of an ideal table — every prediction already joined with its
 * label, one row per prediction (no FINAL, no join), ordered by time, merged
 * into one part, the slice field in a column of its own. No read model the
 * store could keep can be read faster than this, so it tells how far a target
 * is from what the engine and the machine allow, whatever the layout.
 */
import type { ClickHouseClient } from '@tideline/clickhouse';
import { medianMs } from './timing.ts';

const FLOOR_TABLE = 'bench_slice_floor';

/** ACCURACY, ROC_AUC and LOG_LOSS per hour and country over rows with `ts`, `country`, `score`, `label_positive`. */
export const sliceMetricsSql = (source: string, groups = 'GROUP BY hour, country') => `
  SELECT toStartOfHour(ts) AS hour, country, count() AS n,
    avg(toFloat64((score >= 0.5) = label_positive)) AS accuracy,
    arrayAUC(groupArray(score), groupArray(label_positive)) AS roc_auc,
    -avg(if(label_positive, log(greatest(score, 2.220446049250313e-16)), log(greatest(1 - score, 2.220446049250313e-16)))) AS log_loss
  FROM ${source}
  ${groups}`;

/**
 * Builds the ideal table from the store's rows of `labeledSource` (a subquery
 * with the columns above), then times the three-metric question on it and,
 * below that, counting the rows of each group alone (the scan and grouping,
 * no metric). Medians of `runs` after a warm-up; the table is dropped after.
 */
export async function sliceFloor(direct: ClickHouseClient, labeledSource: string, params: Record<string, unknown>, groups: number, runs: number) {
  await direct.command({
    query: `CREATE TABLE ${FLOOR_TABLE} (ts DateTime64(3, 'UTC'), country LowCardinality(String), score Float64, label_positive UInt8)
      ENGINE = MergeTree ORDER BY ts`,
  });
  try {
    await direct.command({ query: `INSERT INTO ${FLOOR_TABLE} SELECT ts, country, score, label_positive FROM ${labeledSource}`, query_params: params });
    await direct.command({ query: `OPTIMIZE TABLE ${FLOOR_TABLE} FINAL` });
    const ask = (query: string) => async () => {
      const result = await direct.query({ query, format: 'JSONEachRow' });
      if ((await result.json()).length !== groups) throw new Error(`the floor query returned the wrong number of groups: ${query}`);
    };
    const metricsMs = await medianMs(runs, ask(sliceMetricsSql(FLOOR_TABLE)));
    const countMs = await medianMs(runs, ask(`SELECT toStartOfHour(ts) AS hour, country, count() FROM ${FLOOR_TABLE} GROUP BY hour, country`));
    return { metricsMs, countMs };
  } finally {
    await direct.command({ query: `DROP TABLE IF EXISTS ${FLOOR_TABLE}` });
  }
}
