import type { ClickHouseClient } from '@tideline/clickhouse';
import { SliceFilterError, sliceFilterFields, sliceFilterToSql, type CompiledFilter, type SliceFilter } from '@tideline/store';
import { MODEL_NAME_PATTERN, type Task } from '@tideline/contracts';
import { PublicError, badInput } from '@tideline/graphql';
import { checkWindow, taskOf, unknownFields, type Window } from '@tideline/store';

/**
 * Checks shared by labeling requests and datasets. Every error names the
 * input field it is about (`extensions.field`), as docs/API.md promises.
 */
export function checkModel(model: string, field: string): string {
  if (!MODEL_NAME_PATTERN.test(model)) throw badInput(`${field} must be 1 to 128 letters, digits, '_', '.' or '-', starting with a letter or digit`, field);
  return model;
}

const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
export function checkModelVersion(version: string | null | undefined, field: string): string | null {
  if (version == null) return null;
  if (!VERSION_PATTERN.test(version)) throw badInput(`${field} must be 1 to 128 letters, digits, '_', '.' or '-', starting with a letter or digit`, field);
  return version;
}

/** The model's task; a model the store has never seen is MODEL_NOT_FOUND. */
export async function taskOfModel(client: ClickHouseClient, project: string, model: string, field: string): Promise<Task> {
  const task = await taskOf(client, project, model);
  if (!task) throw new PublicError('MODEL_NOT_FOUND', `model '${model}' has no records in this project`, { field });
  return task;
}

export function checkTimeWindow(window: { from: Date; to: Date }, field: string): Window {
  const checked = checkWindow(window, field);
  return checked;
}

export function checkInt(value: number, field: string, min: number, max: number, why = ''): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(`${field} must be an integer from ${min} to ${max}${why ? ` (${why})` : ''}; got ${value}`, field);
  return value;
}

/** The slice compiled to SQL (parameters sf<i>), or INVALID_SLICE / FIELD_NOT_FOUND naming the input field. */
export async function compileSlice(client: ClickHouseClient, project: string, model: string, task: Task, slice: unknown, field: string): Promise<CompiledFilter> {
  let compiled: CompiledFilter;
  try {
    compiled = sliceFilterToSql(slice as SliceFilter | null, { task });
  } catch (err) {
    if (err instanceof SliceFilterError) throw new PublicError('INVALID_SLICE', err.message, { field: `${field}${err.path}` });
    throw err;
  }
  const missing = await unknownFields(client, project, model, sliceFilterFields(slice));
  if (missing.length) throw new PublicError('FIELD_NOT_FOUND', `model '${model}' has never carried ${missing.map((m) => `'${m.slice(0, 200)}'`).join(', ')}`, { field });
  return compiled;
}

const FIELD_NAME = /^[^\u0000-\u001f]{1,256}$/;

/**
 * A field whose values split rows into groups (strata, slices) as SQL over
 * the store's row source: a Nullable(String). Map keys are the bound
 * parameter `{param:String}`.
 */
export async function groupKeySql(
  client: ClickHouseClient,
  scope: { project: string; model: string; task: Task },
  fieldName: string,
  param: string,
  field: string,
): Promise<{ sql: string; params: Record<string, string> }> {
  if (fieldName === 'modelVersion') return { sql: 'CAST(toString(model_version) AS Nullable(String))', params: {} };
  if (fieldName === 'output.predictedClass') {
    if (scope.task === 'BINARY') return { sql: "if(score IS NULL, NULL, if(assumeNotNull(score) >= 0.5, 'true', 'false'))", params: {} };
    if (scope.task === 'MULTICLASS') return { sql: 'CAST(predicted_class AS Nullable(String))', params: {} };
    throw badInput('output.predictedClass applies to classifiers only', field);
  }
  const dot = fieldName.indexOf('.');
  const prefix = fieldName.slice(0, dot);
  const name = fieldName.slice(dot + 1);
  if (dot > 0 && FIELD_NAME.test(name) && (prefix === 'tags' || prefix === 'features')) {
    if ((await unknownFields(client, scope.project, scope.model, [fieldName])).length) {
      throw new PublicError('FIELD_NOT_FOUND', `model '${scope.model}' has never carried '${fieldName.slice(0, 200)}'`, { field });
    }
    const key = `{${param}:String}`;
    if (prefix === 'tags') return { sql: `if(mapContains(tags, ${key}), tags[${key}], NULL)`, params: { [param]: name } };
    // Numeric features are not strata: a value each would make every row its own group.
    return { sql: `multiIf(mapContains(features_str, ${key}), features_str[${key}], mapContains(features_bool, ${key}), if(features_bool[${key}], 'true', 'false'), NULL)`, params: { [param]: name } };
  }
  throw badInput(`unknown field '${fieldName.slice(0, 80)}'; expected tags.<name>, features.<name> (a string or boolean feature), modelVersion or output.predictedClass`, field);
}
