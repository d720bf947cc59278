import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import { PublicError } from '@tideline/graphql';
import { sliceFilterFields, taskOf, unknownFields } from '@tideline/store';
import type { ReferenceWindows } from './reference-windows.ts';
import type { MetricName } from './__generated__/resolvers-types.ts';
import { METRICS, type MetricDefinition } from './metric-definitions.ts';

/** The model's task; a model the store has never seen is an error naming the argument. */
export type TaskLookup = (project: string, model: string) => Promise<Task>;

export function taskLookup(client: ClickHouseClient): TaskLookup {
  // A model's task never changes once stored.
  const cache = new Map<string, Task>();
  return async (project: string, model: string): Promise<Task> => {
    const key = `${project}\u0000${model}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const task = await taskOf(client, project, model);
    if (!task) throw new PublicError('MODEL_NOT_FOUND', `model '${model}' has no records in this project`, { field: 'model' });
    cache.set(key, task);
    return task;
  };
}

/** The metric's definition, or a clear error when it does not exist or does not fit the task. */
export function definitionFor(metric: MetricName, task: Task, field = 'metric'): MetricDefinition {
  const definition = METRICS[metric];
  if (!definition) throw new PublicError('METRIC_NOT_SUPPORTED', `metric ${metric} is not computed yet`, { field });
  if (!definition.tasks.includes(task)) {
    throw new PublicError('METRIC_NOT_APPLICABLE', `metric ${metric} does not apply to a ${task} model; it applies to ${definition.tasks.join(', ')}`, { field });
  }
  return definition;
}

/** What every query family's resolvers work with. */
export interface QueryDeps {
  client: ClickHouseClient;
  task: TaskLookup;
  references: ReferenceWindows;
}

/**
 * A slice (or groupBy) on a tag or feature the model has never carried is a
 * mistake in the request, not an empty slice: FIELD_NOT_FOUND names the
 * argument and the field.
 */
export async function checkFieldsExist(deps: QueryDeps, project: string, model: string, fields: { slice?: unknown; groupBy?: readonly string[] | null }): Promise<void> {
  for (const [argument, names] of [['slice', sliceFilterFields(fields.slice)], ['groupBy', fields.groupBy ?? []]] as const) {
    const missing = await unknownFields(deps.client, project, model, names);
    if (missing.length) {
      throw new PublicError('FIELD_NOT_FOUND', `model '${model}' has never carried ${missing.map((m) => `'${m.slice(0, 200)}'`).join(', ')}`, { field: argument });
    }
  }
}
