import { setTimeout as sleep } from 'node:timers/promises';
import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import { listModels, rows } from '@tideline/store';
import { finiteOrNull } from './metric-series.ts';
import { foldModel, HOUR_FOLDS_TABLE, HOUR_MS, lastFold, stateKeys, STATES_TABLE, type FoldRecord } from './hour-states.ts';
import { wholeFromBuckets, type RequestedMetric, type SliceScope } from './slice-sql.ts';

/** How long a read waits for a fold of what changed before it answers from the rows instead (the fold goes on). */
export const FOLD_WAIT_MS = 10_000;

/**
 * Whether the hour states can answer a sliceMetrics request exactly: one
 * tag to group by, no slice filter, whole hours, the default average, every
 * whole-window value it needs additive, and a bucket value that is not
 * additive (ROC AUC) only in hourly buckets, where it is held as is.
 */
export function statesCanAnswer(scope: SliceScope, metrics: readonly RequestedMetric[], groupBy: readonly string[]): boolean {
  const { window, buckets } = scope;
  const derived = wholeFromBuckets(scope, metrics);
  return (
    groupBy.length === 1 &&
    groupBy[0]!.startsWith('tags.') &&
    !scope.slice &&
    scope.average === 'MACRO' &&
    derived !== null &&
    [window.fromMs, window.toMs, buckets.originMs, buckets.stepMs].every((ms) => ms % HOUR_MS === 0) &&
    metrics.every((m, i) => derived[i] !== undefined || buckets.stepMs === HOUR_MS || sumsOf(scope, m) !== undefined)
  );
}

const sumsOf = (scope: SliceScope, m: RequestedMetric) => m.definition.sums?.({ task: scope.task, average: scope.average });

/** The first layer of sliceMetricsQuery (one row per slice and bucket, the same columns) read from the hour states. */
export function statesLayer(scope: SliceScope, metrics: readonly RequestedMetric[], field: string): { sql: string; params: Record<string, unknown> } {
  const derived = wholeFromBuckets(scope, metrics)!;
  // The map's keys are metric names, bound as parameters like every other value.
  const keys: string[] = [];
  const held = (key: string) => `sums[{sk${keys.push(key) - 1}:String}]`;
  const columns = metrics.flatMap((m, i) => {
    const sums = sumsOf(scope, m);
    // A metric whose whole window is needed: its parts (layer 2 adds them up); else its value per bucket: held as is for an hour, from the parts for more.
    const parts = derived[i]
      ? derived[i].parts.map((_, j) => `sum(${held(stateKeys.part(m.name, j))}) AS m${i}_${j}`)
      : scope.buckets.stepMs === HOUR_MS || !sums
        ? [`${finiteOrNull(`any(${held(stateKeys.value(m.name))})`)} AS m${i}`]
        : [`${finiteOrNull(sums.value(sums.parts.map((_, j) => `sum(${held(stateKeys.part(m.name, j))})`)))} AS m${i}`];
    const statistic = m.statistic ? (m.statistic.kind === 'PROPORTION' ? ['n', 'x'] : ['n', 's', 'q']).map((c) => `sum(${held(stateKeys.statistic(m.name, c))}) AS s${i}_${c}`) : [];
    return [...parts, ...statistic];
  });
  const sql = `
    SELECT value AS k0, intDiv(toInt64(toUnixTimestamp(hour)) * 1000 - {origin:Int64}, {step:Int64}) AS bucket, false AS whole,
      sum(samples) AS samples, sum(labeled_rows) AS labeled_rows,
      ${columns.join(',\n      ')}
    FROM ${STATES_TABLE}
    WHERE project = {project:String} AND model = {model:String}
      AND hour >= toDateTime(intDiv({from:Int64}, 1000), 'UTC') AND hour < toDateTime(intDiv({to:Int64}, 1000), 'UTC')
      AND field = {st_field:String} AND all_versions = {st_all:Bool} AND model_version = {st_version:String}
      AND (hour, fold_version) IN (
        SELECT hour, max(fold_version) FROM ${HOUR_FOLDS_TABLE}
        WHERE project = {project:String} AND model = {model:String}
          AND hour >= toDateTime(intDiv({from:Int64}, 1000), 'UTC') AND hour < toDateTime(intDiv({to:Int64}, 1000), 'UTC')
        GROUP BY hour)
    GROUP BY k0, bucket`;
  const params: Record<string, unknown> = {
    project: scope.project,
    model: scope.model,
    from: scope.window.fromMs,
    to: scope.window.toMs,
    st_field: field,
    st_all: !scope.modelVersion,
    st_version: scope.modelVersion ?? '',
  };
  keys.forEach((key, i) => (params[`sk${i}`] = key));
  return { sql, params };
}

/**
 * Keeps each model's hour states current: a read finds them current when
 * the store's fingerprint of the model is the one its last fold read; else
 * it starts a fold (one at a time per model in this process) and waits for
 * it up to `waitMs`.
 */
export class HourStates {
  private readonly folds = new Map<string, Promise<FoldRecord | undefined>>();

  constructor(
    private readonly client: ClickHouseClient,
    /** Told of a fold that failed; the reads that waited for it answer from the rows. */
    private readonly onFoldError: (err: unknown, model: string) => void,
    private readonly options: { waitMs?: number; storeLagMs?: number } = {},
  ) {}

  /** A fold record exact for the store as it is now, or undefined (answer from the rows). */
  async current(project: string, model: string, task: Task): Promise<FoldRecord | undefined> {
    const [[listing], record] = await Promise.all([listModels(this.client, project, [model]), lastFold(this.client, project, model)]);
    if (!listing) return undefined;
    const exact = (r: FoldRecord | undefined) => r !== undefined && r.fingerprint === listing.fingerprint && r.task === task;
    if (exact(record)) return record;
    // A fold already running may have begun before the last insert: then one more.
    for (let attempt = 0; attempt < 2; attempt++) {
      const folded = await Promise.race([this.fold(project, model, task), sleep(this.options.waitMs ?? FOLD_WAIT_MS, 'waited' as const)]);
      if (folded === 'waited') return undefined;
      if (exact(folded)) return folded;
    }
    return undefined;
  }

  /** Whether every hour of the window folded so far holds `field` (a tag with too many values in an hour is not held). */
  async holds(project: string, model: string, field: string, fromMs: number, toMs: number): Promise<boolean> {
    const [r] = await rows<{ missing: string }>(
      this.client,
      `SELECT count() AS missing FROM (
         SELECT argMax(fields, fold_version) AS held FROM ${HOUR_FOLDS_TABLE}
         WHERE project = {project:String} AND model = {model:String}
           AND hour >= toDateTime(intDiv({from:Int64}, 1000), 'UTC') AND hour < toDateTime(intDiv({to:Int64}, 1000), 'UTC')
         GROUP BY hour)
       WHERE NOT has(held, {field:String})`,
      { project, model, from: fromMs, to: toMs, field },
    );
    return Number(r?.missing ?? 1) === 0;
  }

  private fold(project: string, model: string, task: Task): Promise<FoldRecord | undefined> {
    const key = JSON.stringify([project, model]);
    let running = this.folds.get(key);
    if (!running) {
      running = foldModel(this.client, project, model, task, this.options.storeLagMs)
        .catch((err: unknown) => {
          this.onFoldError(err, model);
          return undefined;
        })
        .finally(() => this.folds.delete(key));
      this.folds.set(key, running);
    }
    return running;
  }
}
