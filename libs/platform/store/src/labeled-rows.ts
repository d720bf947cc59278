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
  /** SQL of a subquery selecting the prediction ids to read (e.g. those a labeling request picked); its parameters are the caller's. */
  ids?: string;
}

/**
 * Predictions of one model, joined with their latest feedback, as one row
 * source for every read. The join happens here, at read time, so a label
 * joins its prediction whatever the order and delay of their arrival:
 * - both tables are read FINAL (ReplacingMergeTree on the arrival version):
 *   a prediction stored twice counts once, and the latest label wins;
 * - the join is an ANY LEFT JOIN of two streams sorted by id (ClickHouse's
 *   full_sorting_merge): no hash table of the model's ids, no second scan of
 *   the window to restrict the feedback side. Measured on 10M predictions
 *   and 10M labels: 16× faster than a hash join on argMax-reduced feedback
 *   restricted to the window's ids, which was the first design;
 * - feedback overrides a label sent inline with the prediction.
 * Exposes the columns `sliceFilterToSql` emits (tags, features_*, score,
 * value, predicted_class, model_version, label_*) plus `labeled` and
 * `labeled_at_ms`.
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
  // Both tables are ordered by id within a model: an id set prunes them to its rows instead of the model's history.
  const ids = scope.ids ? ` AND id IN (${scope.ids})` : '';
  const feedbackIds = scope.ids ? ` AND prediction_id IN (${scope.ids})` : '';
  const sql = `
    SELECT p.id AS id, p.model_version AS model_version, p.ts AS ts, p.features_num AS features_num, p.features_str AS features_str,
      p.features_bool AS features_bool, p.features_null AS features_null, p.tags AS tags, p.score AS score,
      p.probabilities AS probabilities, p.predicted_class AS predicted_class, p.value AS value,
      f.prediction_id != '' AS has_feedback,
      if(has_feedback, f.label_positive, p.inline_label_positive) AS label_positive,
      if(has_feedback, f.label_class, p.inline_label_class) AS label_class,
      if(has_feedback, f.label_value, p.inline_label_value) AS label_value,
      (label_positive IS NOT NULL OR label_class IS NOT NULL OR label_value IS NOT NULL) AS labeled,
      if(has_feedback, toUnixTimestamp64Milli(f.ts), if(labeled, toUnixTimestamp64Milli(p.ts), NULL)) AS labeled_at_ms
    FROM (SELECT * FROM ${PREDICTIONS_TABLE} FINAL WHERE ${where}${ids}) AS p
    LEFT ANY JOIN (
      SELECT prediction_id, label_positive, label_class, label_value, ts
      FROM ${FEEDBACK_TABLE} FINAL
      WHERE project = {project:String} AND model = {model:String}${feedbackIds}
    ) AS f ON f.prediction_id = p.id
    SETTINGS join_algorithm = 'full_sorting_merge'`;
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

/** The columns of a stored prediction that carry its features, tags and output, as rows read back hold them. */
export interface PredictionColumns {
  features_num: Record<string, number>;
  features_str: Record<string, string>;
  features_bool: Record<string, boolean>;
  /** Features sent as null: kept apart so "missing" and "null" stay distinct. */
  features_null: string[];
  tags: Record<string, string>;
  score: number | null;
  probabilities: Record<string, number>;
  predicted_class: string | null;
  value: number | null;
}
