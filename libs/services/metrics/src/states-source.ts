import { MODEL_SUMMARY_TABLE, ms, type Window } from '@tideline/store';
import { FOLDED_COLUMNS, FOLDED_ROWS_TABLE } from './folded-rows.ts';
import { HOUR_FOLDS_TABLE, HOUR_MS, stateKeys, STATES_TABLE } from './hour-states.ts';
import type { MetricSums } from './metric-sums.ts';
import { finiteOrNull } from './metric-series.ts';

/** Rows of each hour's latest recorded fold among `hours` (a condition on `hour`): never rows a fold is still writing, nor older versions not yet deleted. */
const latestFolds = (hours: string) =>
  `(hour, fold_version) IN (SELECT hour, max(fold_version) FROM ${HOUR_FOLDS_TABLE} WHERE project = {project:String} AND model = {model:String} AND ${hours} GROUP BY hour)`;

/**
 * The store's fingerprint of the model (its rows ever inserted, the model
 * summary's; the one a fold records), read by the same statement as the
 * states: a read whose fingerprint is the one a fold check found current
 * needs no second look (HourStates.readIfHolds).
 */
export const STORE_FINGERPRINT = `(SELECT sum(rows_in) FROM ${MODEL_SUMMARY_TABLE} WHERE project = {project:String} AND model = {model:String}) AS store_fingerprint`;

/** The fingerprint a read of the states carried (STORE_FINGERPRINT): null without rows. */
export const storeFingerprintOf = (found: readonly { store_fingerprint?: unknown }[]): number | null =>
  found.length > 0 && found[0]!.store_fingerprint != null ? Number(found[0]!.store_fingerprint) : null;

/** The bucket of a state's hour, on the request's grid (`origin`, `step` bound by the caller). */
export const STATE_BUCKET = 'intDiv(toInt64(toUnixTimestamp(hour)) * 1000 - {origin:Int64}, {step:Int64})';

/** Whether a window and its buckets are made of whole UTC hours, as the states are. */
export const wholeHours = (window: Window, buckets: { originMs: number; stepMs: number }) =>
  [window.fromMs, window.toMs, buckets.originMs, buckets.stepMs].every((ms) => ms % HOUR_MS === 0);

/**
 * The hour states of one field (WHOLE_FIELD: the whole hours) of a model's
 * window, for one version or all: each hour's latest recorded fold, never a
 * row another fold is still writing. `held(key)` reads an entry of the
 * `sums` map (keys bound as parameters); `select` builds the statement,
 * each row with the store's fingerprint (STORE_FINGERPRINT).
 */
export function statesSource(scope: { project: string; model: string; window: Window; modelVersion?: string | null }, field: string) {
  const keys: string[] = [];
  const hours = "hour >= toDateTime(intDiv({from:Int64}, 1000), 'UTC') AND hour < toDateTime(intDiv({to:Int64}, 1000), 'UTC')";
  return {
    held: (key: string) => `sums[{sk${keys.push(key) - 1}:String}]`,
    select: (columns: readonly string[], groupBy: string) => `
      SELECT ${[...columns, STORE_FINGERPRINT].join(',\n        ')}
      FROM ${STATES_TABLE}
      WHERE project = {project:String} AND model = {model:String} AND ${hours}
        AND field = {st_field:String} AND all_versions = {st_all:Bool} AND model_version = {st_version:String}
        AND ${latestFolds(hours)}
      GROUP BY ${groupBy}`,
    params: (): Record<string, unknown> => ({
      project: scope.project,
      model: scope.model,
      from: scope.window.fromMs,
      to: scope.window.toMs,
      st_field: field,
      st_all: !scope.modelVersion,
      st_version: scope.modelVersion ?? '',
      ...Object.fromEntries(keys.map((key, i) => [`sk${i}`, key])),
    }),
  };
}

/**
 * A metric's value per bucket from the states: as held for an hour, from its
 * additive parts for more (undefined: not additive, so not from the states).
 */
export function bucketValue(held: (key: string) => string, metric: string, sums: MetricSums | undefined, stepMs: number): string | undefined {
  if (stepMs === HOUR_MS) return finiteOrNull(`any(${held(stateKeys.value(metric))})`);
  return sums && finiteOrNull(sums.value(sums.parts.map((_, j) => `sum(${held(stateKeys.part(metric, j))})`)));
}

/**
 * A window of a model from its folded rows (metrics migration 004), with the
 * columns and parameters of the store's row source (labeledRows): each
 * hour's latest recorded fold, never rows another fold is still writing.
 * Exact only while the model's fold is current (HourStates.freshness).
 */
export function foldedRowsSource(scope: { project: string; model: string; window: Window; modelVersion?: string | null }): { sql: string; params: Record<string, unknown> } {
  const hours = `hour >= toStartOfHour(${ms('from')}) AND hour < ${ms('to')}`;
  const version = scope.modelVersion ? ' AND model_version = {modelVersion:String}' : '';
  const sql = `
    SELECT ${FOLDED_COLUMNS} FROM ${FOLDED_ROWS_TABLE}
    WHERE project = {project:String} AND model = {model:String} AND ${hours}${version}
      AND ts >= ${ms('from')} AND ts < ${ms('to')}
      AND ${latestFolds(hours)}`;
  return { sql, params: { project: scope.project, model: scope.model, from: scope.window.fromMs, to: scope.window.toMs, ...(scope.modelVersion ? { modelVersion: scope.modelVersion } : {}) } };
}
