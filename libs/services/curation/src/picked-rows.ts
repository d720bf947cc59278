import type { Task } from '@tideline/contracts';
import { PREDICTED_POSITIVE, labeledRows, type Params } from '@tideline/store';

export const PICKS_TABLE = 'curation_label_picks';
export const REQUESTS_TABLE = 'curation_label_requests';

/**
 * The store's rows of picked predictions, with their current label: the
 * store's one read model restricted to the ids among `picksWhere`'s picks (a
 * condition on the picks table). Parameters: project, model and the caller's.
 */
export function pickedRowsSql(picksWhere: string): string {
  const picked = `SELECT prediction_id FROM ${PICKS_TABLE} WHERE project = {project:String} AND model = {model:String} AND ${picksWhere}`;
  return labeledRows({ project: '', model: '', ids: picked }).sql;
}

/** True where a labeled row's prediction is wrong (classifiers; binary at the store's threshold). */
export function wrongSql(task: Task): string | null {
  if (task === 'BINARY') return `(score IS NOT NULL AND ${PREDICTED_POSITIVE} != assumeNotNull(label_positive))`;
  if (task === 'MULTICLASS') return 'ifNull(predicted_class, \'\') != assumeNotNull(label_class)';
  return null;
}

export type { Params };
