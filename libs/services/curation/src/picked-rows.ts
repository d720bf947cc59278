import type { Task } from '@tideline/contracts';
import { FEEDBACK_TABLE, PREDICTIONS_TABLE, type Params } from '@tideline/store';

export const PICKS_TABLE = 'curation_label_picks';
export const REQUESTS_TABLE = 'curation_label_requests';

/**
 * The store's rows of picked predictions, with their current label: the
 * predictions and feedback whose ids are among `picksWhere`'s picks (a
 * condition on the picks table), each read FINAL as the store's own read
 * model does, feedback overriding an inline label. Both tables are ordered
 * by id within a model, so the id sets prune them to the picked rows instead
 * of scanning the model's history.
 */
export function pickedRowsSql(picksWhere: string): string {
  const picked = `SELECT prediction_id FROM ${PICKS_TABLE} WHERE project = {project:String} AND model = {model:String} AND ${picksWhere}`;
  return `
    SELECT p.id AS id, p.model_version AS model_version, p.ts AS ts, p.features_num AS features_num, p.features_str AS features_str,
      p.features_bool AS features_bool, p.features_null AS features_null, p.tags AS tags, p.score AS score,
      p.probabilities AS probabilities, p.predicted_class AS predicted_class, p.value AS value,
      f.prediction_id != '' AS has_feedback,
      if(has_feedback, f.label_positive, p.inline_label_positive) AS label_positive,
      if(has_feedback, f.label_class, p.inline_label_class) AS label_class,
      if(has_feedback, f.label_value, p.inline_label_value) AS label_value,
      (label_positive IS NOT NULL OR label_class IS NOT NULL OR label_value IS NOT NULL) AS labeled
    FROM (SELECT * FROM ${PREDICTIONS_TABLE} FINAL WHERE project = {project:String} AND model = {model:String} AND id IN (${picked})) AS p
    LEFT ANY JOIN (
      SELECT prediction_id, label_positive, label_class, label_value FROM ${FEEDBACK_TABLE} FINAL
      WHERE project = {project:String} AND model = {model:String} AND prediction_id IN (${picked})
    ) AS f ON f.prediction_id = p.id`;
}

/** True where a labeled row's prediction is wrong (classifiers; binary at threshold 0.5). */
export function wrongSql(task: Task): string | null {
  if (task === 'BINARY') return '(score IS NOT NULL AND (assumeNotNull(score) >= 0.5) != assumeNotNull(label_positive))';
  if (task === 'MULTICLASS') return 'ifNull(predicted_class, \'\') != assumeNotNull(label_class)';
  return null;
}

export type { Params };
