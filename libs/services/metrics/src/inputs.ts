import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import { badInput, PublicError } from '@tideline/graphql';
import { sliceFilterFields, taskOf, unknownFields } from '@tideline/store';
import type { ReferenceWindows } from './reference-windows.ts';
import type { HourStates } from './slice-states.ts';
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

/** The `tags.<name>` / `features.<name>` among `fields` that a model has never carried. */
export type FieldLookup = (project: string, model: string, fields: readonly string[]) => Promise<string[]>;

/** Known fields remembered, at most this many (then forgotten all at once: a cache, not a record). */
const MAX_KNOWN_FIELDS = 100_000;

export function fieldLookup(client: ClickHouseClient): FieldLookup {
  // The field catalog only grows (no retention deletes from it): a field once known stays known, so
  // only unknown ones are asked again, and a request on known fields costs no round trip to ClickHouse.
  const known = new Set<string>();
  return async (project, model, fields) => {
    const keyOf = (field: string) => `${project}\u0000${model}\u0000${field}`;
    const asked = fields.filter((f) => !known.has(keyOf(f)));
    if (asked.length === 0) return [];
    const missing = await unknownFields(client, project, model, asked);
    if (known.size + asked.length > MAX_KNOWN_FIELDS) known.clear();
    for (const f of asked) if (!missing.includes(f)) known.add(keyOf(f));
    return missing;
  };
}

/** What every query family's resolvers work with. */
export interface QueryDeps {
  client: ClickHouseClient;
  task: TaskLookup;
  fields: FieldLookup;
  references: ReferenceWindows;
  /** sliceMetrics reads the hour states when they answer exactly; absent, always the rows. */
  hourStates?: HourStates;
}

/**
 * A slice (or groupBy) on a tag or feature the model has never carried is a
 * mistake in the request, not an empty slice: FIELD_NOT_FOUND names the
 * argument and the field.
 */
export async function checkFieldsExist(
  deps: QueryDeps,
  project: string,
  model: string,
  fields: { slice?: unknown; groupBy?: readonly string[] | null },
  groupByArgument = 'groupBy',
): Promise<void> {
  const byArgument = [['slice', sliceFilterFields(fields.slice)], [groupByArgument, fields.groupBy ?? []]] as const;
  // One lookup for both arguments; the error names the first argument with a missing field, as before.
  const unknown = new Set(await deps.fields(project, model, byArgument.flatMap(([, names]) => names)));
  for (const [argument, names] of byArgument) {
    const missing = [...new Set(names)].filter((name) => unknown.has(name));
    if (missing.length) {
      throw new PublicError('FIELD_NOT_FOUND', `model '${model}' has never carried ${missing.map((m) => `'${m.slice(0, 200)}'`).join(', ')}`, { field: argument });
    }
  }
}

/** Metrics a request may name at once. */
export const MAX_METRICS = 20;

/** A list of metrics to compute side by side: not empty, bounded, no repeats (checked before any lookup). */
export function checkMetricList(metrics: readonly MetricName[]): void {
  if (metrics.length === 0) throw badInput('metrics needs at least one metric', 'metrics');
  if (metrics.length > MAX_METRICS) throw badInput(`at most ${MAX_METRICS} metrics per request`, 'metrics');
  if (new Set(metrics).size !== metrics.length) throw badInput('metrics names a metric twice', 'metrics');
}

/** A metric of `metrics` computed over labeled rows; the estimated ones need a reference window, which only their own query takes. */
export function realizedDefinition(name: MetricName, task: Task): MetricDefinition {
  if (name === 'ESTIMATED_ACCURACY' || name === 'ESTIMATED_ROC_AUC') {
    throw new PublicError('METRIC_NOT_SUPPORTED', `${name} needs a labeled reference window: ask metric(metric: ${name}, reference: …)`, { field: 'metrics' });
  }
  return definitionFor(name, task, 'metrics');
}

/** `average` is scikit-learn's multiclass option: refused for other tasks rather than ignored. */
export function checkAverage(average: string | null | undefined, task: Task): void {
  if (average !== 'MACRO' && task !== 'MULTICLASS') throw badInput('average applies to multiclass models only', 'average');
}
