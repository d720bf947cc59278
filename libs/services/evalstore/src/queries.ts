import type { ClickHouseClient } from '@tideline/clickhouse';
import { sliceFilterToSql, type SliceFilter } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import type { Buckets, Window } from './buckets.ts';
import type { Cursor } from './cursor.ts';
import { FEEDBACK_TABLE, PREDICTIONS_TABLE } from './writer.ts';

type Params = Record<string, unknown>;

const ms = (param: string) => `fromUnixTimestamp64Milli({${param}:Int64}, 'UTC')`;

async function rows<T>(client: ClickHouseClient, query: string, params: Params): Promise<T[]> {
  const result = await client.query({ query, query_params: params, format: 'JSONEachRow' });
  return result.json<T>();
}

export interface RowScope {
  project: string;
  model: string;
  window?: Window;
  modelVersion?: string | null;
}

/**
 * Predictions of one model, joined with their latest feedback, as one row
 * source for every read. The join happens here, at read time, so a label
 * joins its prediction whatever the order and delay of their arrival:
 * - predictions are read FINAL, so a record stored twice counts once;
 * - feedback is reduced to the latest label per prediction id (argMax on the
 *   arrival version), and only for ids of predictions in the window, so the
 *   right side of the join stays as small as the window;
 * - feedback overrides a label sent inline with the prediction.
 * Exposes the columns `sliceFilterToSql` emits (tags, features_*, score,
 * value, predicted_class, model_version, label_*) plus `labeled`.
 */
export function labeledRows(scope: RowScope): { sql: string; params: Params } {
  const params: Params = { project: scope.project, model: scope.model };
  let where = 'project = {project:String} AND model = {model:String}';
  if (scope.window) {
    where += ` AND ts >= ${ms('from')} AND ts < ${ms('to')}`;
    params.from = scope.window.fromMs;
    params.to = scope.window.toMs;
  }
  if (scope.modelVersion) {
    where += ' AND model_version = {modelVersion:String}';
    params.modelVersion = scope.modelVersion;
  }
  const sql = `
    SELECT p.id AS id, p.model_version AS model_version, p.ts AS ts, p.features_num AS features_num, p.features_str AS features_str,
      p.features_bool AS features_bool, p.features_null AS features_null, p.tags AS tags, p.score AS score,
      p.probabilities AS probabilities, p.predicted_class AS predicted_class, p.value AS value,
      length(f.prediction_id) > 0 AS has_feedback,
      if(has_feedback, tupleElement(f.l, 1), p.inline_label_positive) AS label_positive,
      if(has_feedback, tupleElement(f.l, 2), p.inline_label_class) AS label_class,
      if(has_feedback, tupleElement(f.l, 3), p.inline_label_value) AS label_value,
      (label_positive IS NOT NULL OR label_class IS NOT NULL OR label_value IS NOT NULL) AS labeled,
      if(has_feedback, toUnixTimestamp64Milli(tupleElement(f.l, 4)), if(labeled, toUnixTimestamp64Milli(p.ts), NULL)) AS labeled_at_ms
    FROM (SELECT * FROM ${PREDICTIONS_TABLE} FINAL WHERE ${where}) AS p
    LEFT JOIN (
      SELECT prediction_id, argMax((label_positive, label_class, label_value, ts), version) AS l
      FROM ${FEEDBACK_TABLE}
      WHERE project = {project:String} AND model = {model:String}
        AND prediction_id IN (SELECT id FROM ${PREDICTIONS_TABLE} WHERE ${where})
      GROUP BY prediction_id
    ) AS f ON f.prediction_id = p.id`;
  return { sql, params };
}

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

export interface PredictionRowOut {
  id: string;
  model_version: string;
  ts_ms: string | number;
  features_num: Record<string, number>;
  features_str: Record<string, string>;
  features_bool: Record<string, boolean>;
  features_null: string[];
  tags: Record<string, string>;
  score: number | null;
  probabilities: Record<string, number>;
  predicted_class: string | null;
  value: number | null;
  label_positive: boolean | null;
  label_class: string | null;
  label_value: number | null;
  labeled_at_ms: string | number | null;
}

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

export interface BucketCounts {
  bucket: number;
  samples: number;
  labeled: number;
}

/** Rows and labeled rows per bucket; buckets without rows are absent. */
export async function countsByBucket(
  client: ClickHouseClient,
  scope: RowScope & { window: Window; task?: Task; slice?: SliceFilter | null; buckets: Buckets },
): Promise<BucketCounts[]> {
  const source = labeledRows(scope);
  const slice = sliceFilterToSql(scope.slice, { task: scope.task });
  const result = await rows<{ bucket: string | number; samples: string | number; labeled_rows: string | number }>(
    client,
    `SELECT intDiv(toUnixTimestamp64Milli(ts) - {origin:Int64}, {step:Int64}) AS bucket, count() AS samples, countIf(labeled) AS labeled_rows
     FROM (${source.sql}) WHERE ${slice.sql} GROUP BY bucket`,
    { ...source.params, ...slice.params, origin: scope.buckets.originMs, step: scope.buckets.stepMs },
  );
  return result.map((r) => ({ bucket: Number(r.bucket), samples: Number(r.samples), labeled: Number(r.labeled_rows) }));
}

/** The model's task from its stored records (fixed by the first one), or undefined when none is stored. */
export async function taskOf(client: ClickHouseClient, project: string, model: string): Promise<Task | undefined> {
  const found = await rows<{ task: string }>(
    client,
    `SELECT task FROM ${PREDICTIONS_TABLE} WHERE project = {project:String} AND model = {model:String} LIMIT 1
     UNION ALL SELECT task FROM ${FEEDBACK_TABLE} WHERE project = {project:String} AND model = {model:String} LIMIT 1`,
    { project, model },
  );
  return found[0]?.task as Task | undefined;
}
