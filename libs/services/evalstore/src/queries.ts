import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import type { Cursor } from './cursor.ts';
import type { PredictionRow } from './rows.ts';
import { FEEDBACK_TABLE, labeledRows, ms, PREDICTIONS_TABLE, rows, sliceFilterToSql, type Params, type RowScope, type SliceFilter } from '@tideline/store';

export interface ModelStats {
  name: string;
  task: Task | null;
  predictionCount: number;
  labeledCount: number;
  feedbackCount: number;
  firstPredictionAt: Date | null;
  lastPredictionAt: Date | null;
}

/** Counts per model of the project (or of one model), from both tables. */
export async function modelStats(client: ClickHouseClient, project: string, model?: string): Promise<ModelStats[]> {
  const params: Params = { project, model: model ?? '' };
  const only = model === undefined ? '' : ' AND model = {model:String}';
  const [predictions, labeled, feedback] = await Promise.all([
    rows<{ model: string; task: string; n: string | number; first_ms: string | number; last_ms: string | number }>(
      client,
      `SELECT model, any(task) AS task, count() AS n, toUnixTimestamp64Milli(min(ts)) AS first_ms, toUnixTimestamp64Milli(max(ts)) AS last_ms
       FROM ${PREDICTIONS_TABLE} FINAL WHERE project = {project:String}${only} GROUP BY model`,
      params,
    ),
    rows<{ model: string; n: string | number }>(
      client,
      `SELECT p.model AS model, countIf(length(f.prediction_id) > 0 OR p.inline_label_positive IS NOT NULL
                                 OR p.inline_label_class IS NOT NULL OR p.inline_label_value IS NOT NULL) AS n
       FROM (SELECT model, id, inline_label_positive, inline_label_class, inline_label_value
             FROM ${PREDICTIONS_TABLE} FINAL WHERE project = {project:String}${only}) AS p
       LEFT JOIN (SELECT DISTINCT model, prediction_id FROM ${FEEDBACK_TABLE} WHERE project = {project:String}${only}) AS f
         ON f.model = p.model AND f.prediction_id = p.id
       GROUP BY p.model`,
      params,
    ),
    rows<{ model: string; task: string; n: string | number }>(
      client,
      `SELECT model, any(task) AS task, uniqExact(prediction_id) AS n FROM ${FEEDBACK_TABLE}
       WHERE project = {project:String}${only} GROUP BY model`,
      params,
    ),
  ]);
  const byName = new Map<string, ModelStats>();
  const entry = (name: string) => {
    let s = byName.get(name);
    if (!s) byName.set(name, (s = { name, task: null, predictionCount: 0, labeledCount: 0, feedbackCount: 0, firstPredictionAt: null, lastPredictionAt: null }));
    return s;
  };
  for (const r of predictions) {
    const s = entry(r.model);
    s.task = r.task as Task;
    s.predictionCount = Number(r.n);
    s.firstPredictionAt = new Date(Number(r.first_ms));
    s.lastPredictionAt = new Date(Number(r.last_ms));
  }
  for (const r of labeled) entry(r.model).labeledCount = Number(r.n);
  for (const r of feedback) {
    const s = entry(r.model);
    s.feedbackCount = Number(r.n);
    s.task ??= r.task as Task;
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

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
