import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import { badInput } from '@tideline/graphql';
import { EVALUATION_METRICS, LABELED_ROWS, rows, type EvaluationMetric } from '@tideline/store';
import { METRICS, type MetricDefinition } from './metric-definitions.ts';
import { finiteOrNull } from './metric-series.ts';
import type { OfflineRow } from './offline-rows.ts';

/**
 * Offline evaluation in ClickHouse: the caller's rows sit in a scratch table
 * under a random evaluation id, exposed with the columns of the store's
 * labeled row source, and every metric is the metrics service's own
 * definition (metric-definitions.ts), the one that `metric` and
 * `sliceMetrics` compute: one query, grouped by variant × (the whole body |
 * each slice field's value).
 */
export const OFFLINE_TABLE = 'metrics_offline_rows';
const TASKS: readonly Task[] = ['BINARY', 'MULTICLASS', 'REGRESSION'];

export interface OfflineMetric {
  name: EvaluationMetric;
  definition: MetricDefinition;
}

/** The registry's evaluation metrics that have a definition for the task, in the registry's order. */
export const defaultMetrics = (task: Task): EvaluationMetric[] => EVALUATION_METRICS.filter((m) => METRICS[m]?.tasks.includes(task));

/** `task` of the query string; BAD_USER_INPUT naming `task` otherwise. */
export function parseTask(raw: string | null): Task {
  if (!raw) throw badInput(`task is required: ?task=${TASKS.join('|')}`, 'task');
  if (!(TASKS as readonly string[]).includes(raw)) throw badInput(`task '${raw.slice(0, 40)}' is not one of ${TASKS.join(', ')}`, 'task');
  return raw as Task;
}

/** `metrics` of the query string (comma-separated), each an evaluation metric defined for the task; the task's defaults when absent. */
export function parseMetrics(raw: string | null, task: Task): OfflineMetric[] {
  const names = raw === null ? defaultMetrics(task) : raw.split(',').map((m) => m.trim());
  if (names.length === 0 || names.some((n) => n === '')) throw badInput('metrics must name at least one metric, comma-separated', 'metrics');
  if (new Set(names).size !== names.length) throw badInput('metrics names a metric twice', 'metrics');
  return names.map((name) => {
    const definition = (EVALUATION_METRICS as readonly string[]).includes(name) ? METRICS[name as EvaluationMetric] : undefined;
    if (!definition) throw badInput(`metric '${name.slice(0, 40)}' is not an evaluation metric; use ${EVALUATION_METRICS.join(', ')}`, 'metrics');
    if (!definition.tasks.includes(task)) throw badInput(`metric ${name} does not apply to ${task}; for ${task}: ${defaultMetrics(task).join(', ')}`, 'metrics');
    return { name: name as EvaluationMetric, definition };
  });
}

export interface EvaluationValue {
  /** Null: the whole body; else `field=value`. */
  slice: string | null;
  metric: EvaluationMetric;
  value: number | null;
  /** Labeled rows of the variant and slice: every stored row is labeled. */
  sampleCount: number;
}

export interface Scratch {
  project: string;
  evaluation: string;
}

/** Stores one batch of rows under the evaluation. */
export async function insertRows(client: ClickHouseClient, scratch: Scratch, batch: readonly OfflineRow[]): Promise<void> {
  await client.insert({ table: OFFLINE_TABLE, values: batch.map((r) => ({ project: scratch.project, evaluation_id: scratch.evaluation, ...r })), format: 'JSONEachRow' });
}

/** Drops the evaluation's rows: its partition (the evaluation id is ours, a UUID, never the caller's text). */
export async function dropRows(client: ClickHouseClient, scratch: Scratch): Promise<void> {
  await client.command({ query: `ALTER TABLE ${OFFLINE_TABLE} DROP PARTITION {evaluation:String}`, query_params: { evaluation: scratch.evaluation } });
}

/**
 * The one statement: the scratch rows as the labeled row source, each row
 * once with slice NULL (the whole body) and once per slice field it carries
 * (`field=value`), then every metric's aggregate per variant and slice.
 */
export function offlineQuery(task: Task, metrics: readonly OfflineMetric[]): string {
  const ctx = { task, average: 'MACRO' as const };
  return `
    SELECT variant, slice, countIf(${LABELED_ROWS[task]}) AS samples,
      ${metrics.map((m, i) => `${finiteOrNull(m.definition.sql(ctx))} AS m${i}`).join(',\n      ')}
    FROM (
      SELECT variant, score, probabilities, predicted_class, value, label_positive, label_class, label_value,
        (label_positive IS NOT NULL OR label_class IS NOT NULL OR label_value IS NOT NULL) AS labeled,
        arrayJoin(arrayPushFront(arrayMap((k, v) -> concat(k, '=', v), mapKeys(slices), mapValues(slices)), NULL)) AS slice
      FROM ${OFFLINE_TABLE}
      WHERE project = {project:String} AND evaluation_id = {evaluation:String}
    )
    GROUP BY variant, slice
    ORDER BY variant, slice NULLS FIRST`;
}

type ResultRow = { variant: string; slice: string | null; samples: string | number } & Record<string, unknown>;

/** Every metric per variant (in `variants`' order) and slice (the whole body first, then by `field=value`). */
export async function evaluateRows(client: ClickHouseClient, scratch: Scratch, task: Task, metrics: readonly OfflineMetric[], variants: readonly string[]) {
  const found = await rows<ResultRow>(client, offlineQuery(task, metrics), { project: scratch.project, evaluation: scratch.evaluation });
  return variants.map((variant) => ({
    variant,
    values: found
      .filter((r) => r.variant === variant)
      .flatMap((r) =>
        metrics.map((m, i): EvaluationValue => {
          const v = r[`m${i}`];
          return { slice: r.slice, metric: m.name, value: v === null || v === undefined ? null : Number(v), sampleCount: Number(r.samples) };
        }),
      ),
  }));
}
