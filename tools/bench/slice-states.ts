/**
 * The sliceMetrics question as a ClickHouse user would ask it of the hour
 * states (metrics migration 003): each hour's latest fold, the country
 * field, all versions; every value the question needs is held per hour.
 */
import type { ClickHouseClient } from '@tideline/clickhouse';

export const handStatesSql = (t0: number, t1: number) => `
  SELECT hour, value AS country, samples AS n, sums['ACCURACY'] AS accuracy, sums['ROC_AUC'] AS roc_auc, sums['LOG_LOSS'] AS log_loss
  FROM metrics_hour_states
  WHERE project = {project:String} AND model = 'churn' AND field = 'tags.country' AND all_versions
    AND hour >= toDateTime(${t0 / 1000}, 'UTC') AND hour < toDateTime(${t1 / 1000}, 'UTC')
    AND (hour, fold_version) IN (
      SELECT hour, max(fold_version) FROM metrics_hour_folds
      WHERE project = {project:String} AND model = 'churn' AND hour >= toDateTime(${t0 / 1000}, 'UTC') AND hour < toDateTime(${t1 / 1000}, 'UTC')
      GROUP BY hour)`;

/** Median time (by `repeat`) of the hand-written question on the states; checks it finds `groups` (hour, country) rows. */
export async function handStates(direct: ClickHouseClient, project: string, t0: number, t1: number, groups: number, repeat: (fn: () => Promise<void>) => Promise<number>): Promise<number> {
  return repeat(async () => {
    const result = await direct.query({ query: handStatesSql(t0, t1), query_params: { project }, format: 'JSONEachRow' });
    const found = (await result.json()).length;
    if (found !== groups) throw new Error(`hand-written SQL on the hour states returned ${found} groups, not ${groups}`);
  });
}
