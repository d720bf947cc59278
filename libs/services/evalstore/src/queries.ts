import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import type { Cursor } from './cursor.ts';
import type { PredictionRow } from './rows.ts';
import { labeledRows, ms, rows, sliceFilterToSql, type Params, type RowScope, type SliceFilter } from '@tideline/store';

/** A prediction as read back: the stored columns, with its label joined and times in epoch ms. */
export type PredictionRowOut = Pick<
  PredictionRow,
  'id' | 'model_version' | 'features_num' | 'features_str' | 'features_bool' | 'features_null' | 'tags' | 'score' | 'probabilities' | 'predicted_class' | 'value'
> & {
  ts_ms: string | number;
  label_positive: boolean | null;
  label_class: string | null;
  label_value: number | null;
  labeled_at_ms: string | number | null;
};

/** One page of predictions in (timestamp, id, version) order, after the cursor. */
export async function predictionPage(
  client: ClickHouseClient,
  scope: RowScope & { task?: Task; slice?: SliceFilter | null; after?: Cursor; limit: number },
): Promise<PredictionRowOut[]> {
  const source = labeledRows(scope);
  const slice = sliceFilterToSql(scope.slice, { task: scope.task });
  const params: Params = { ...source.params, ...slice.params, limit: scope.limit };
  let where = slice.sql;
  if (scope.after) {
    where += ` AND (ts, id, model_version) > (${ms('afterTs')}, {afterId:String}, {afterVersion:String})`;
    params.afterTs = scope.after.tsMs;
    params.afterId = scope.after.id;
    params.afterVersion = scope.after.modelVersion;
  }
  return rows<PredictionRowOut>(
    client,
    `SELECT id, model_version, toUnixTimestamp64Milli(ts) AS ts_ms, features_num, features_str, features_bool, features_null, tags,
       score, probabilities, predicted_class, value, label_positive, label_class, label_value, labeled_at_ms
     FROM (${source.sql}) WHERE ${where} ORDER BY ts, id, model_version LIMIT {limit:UInt32}`,
    params,
  );
}
