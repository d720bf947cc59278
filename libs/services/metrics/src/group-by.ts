import type { Task } from '@tideline/contracts';
import { PublicError } from '@tideline/graphql';
import { BINARY_PREDICTED_CLASS, fieldSql, parseField } from '@tideline/store';

export const MAX_GROUP_BY_FIELDS = 2;

/** Columns a slice can be grouped by, besides tags and string or boolean features. */
const GROUPABLE_COLUMNS: readonly string[] = ['modelVersion', 'output.predictedClass'];

export const groupByError = (message: string, argument = 'groupBy') => new PublicError('INVALID_GROUP_BY', message, { field: argument });

/** A groupBy field as SQL over the row source: a Nullable(String) key; map keys are bound parameters. */
export interface GroupField {
  field: string;
  sql: string;
  /** An expression counting rows where the field has a value the key cannot take (a numeric feature). */
  invalidCount?: string;
}

/**
 * Compiles the groupBy fields; parameters are named gb<i>, apart from the slice filter's sf<i>.
 * `argument` names the request's argument in errors (windowMetrics' slicedBy groups by each field on its own).
 */
export function compileGroupBy(
  groupBy: readonly string[],
  task: Task,
  { argument = 'groupBy', maxFields = MAX_GROUP_BY_FIELDS, minFields = 1 } = {},
): { fields: GroupField[]; params: Record<string, string> } {
  const refuse = (message: string) => groupByError(message, argument);
  if (groupBy.length < minFields) throw refuse(`${argument} needs at least one field`);
  if (groupBy.length > maxFields) throw refuse(`${argument} takes at most ${maxFields} fields (got ${groupBy.length})`);
  if (new Set(groupBy).size !== groupBy.length) throw refuse(`${argument} names a field twice`);
  const params: Record<string, string> = {};
  const fields = groupBy.map((path, i): GroupField => {
    const field = parseField(path);
    if (!field || !(field.source === 'tags' || field.source === 'features' || GROUPABLE_COLUMNS.includes(field.path))) {
      throw refuse(`unknown ${argument} field '${path.slice(0, 80)}'; expected tags.<name>, features.<name> (a string or boolean feature), modelVersion or output.predictedClass`);
    }
    if (field.path === 'output.predictedClass') {
      if (task === 'BINARY') return { field: path, sql: BINARY_PREDICTED_CLASS };
      if (task !== 'MULTICLASS') throw refuse('output.predictedClass applies to classifiers only');
    }
    const sql = fieldSql(field, (name) => {
      params[`gb${i}`] = name;
      return `{gb${i}:String}`;
    });
    // Every groupable field has a category reading; numeric feature values have none and are counted instead.
    const category = sql.category!;
    return { field: path, sql: `if(${category.has}, ${category.value}, NULL)`, invalidCount: sql.kinds.includes('Float64') ? `countIf(${sql.has('Float64')})` : undefined };
  });
  return { fields, params };
}
