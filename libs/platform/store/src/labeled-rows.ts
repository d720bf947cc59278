import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import type { Window } from './windows.ts';

/**
 * The evaluation store's read model, shared by the services that read it
 * (evalstore, metrics): table names and the one row source every query
 * starts from. The evalstore service owns the tables (migrations, writer).
 */
export const PREDICTIONS_TABLE = 'evalstore_predictions';
export const FEEDBACK_TABLE = 'evalstore_feedback';

export type Params = Record<string, unknown>;

/** SQL for a DateTime64 from an Int64 epoch-milliseconds parameter. */
export const ms = (param: string) => `fromUnixTimestamp64Milli({${param}:Int64}, 'UTC')`;

/** Runs a query with bound parameters and returns its rows. */
export async function rows<T>(client: ClickHouseClient, query: string, params: Params): Promise<T[]> {
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
