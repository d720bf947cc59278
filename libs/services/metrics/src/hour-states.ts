import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import { FEEDBACK_TABLE, fieldNames, listModels, PREDICTIONS_TABLE, rows, type Params } from '@tideline/store';
import type { MetricName } from './__generated__/resolvers-types.ts';
import { FOLDED_ROWS_TABLE, foldedHours, writeFoldedRows } from './folded-rows.ts';
import { compileGroupBy } from './group-by.ts';
import { METRICS } from './metric-definitions.ts';
import { histogramColumns } from './score-histograms.ts';
import { rowStatistic } from './significance.ts';
import { MAX_GROUPS, statisticSums } from './slice-sql.ts';

/**
 * Hour states (metrics migration 003; README "Hour states"): per hour of a
 * model, per tag value and per version (and all versions together), the
 * counts, every metric's value, its additive parts and its significance
 * sums, folded from the store's row source (`labeledRows`, the same join
 * every read uses), so sliceMetrics over whole hours reads these few rows
 * instead of the model's history.
 *
 * A fold rewrites only the hours whose rows changed since the last one: the
 * hours of predictions and of the predictions of feedback stored since then
 * (`stored_at`, set by ClickHouse at insert), every hour a re-sent
 * prediction was stored in included, so the hour it left is folded too.
 * Each pass writes its hours under a new fold_version, then their records,
 * then drops their older states and rows (in the background), then the
 * model's record with the store's fingerprint read before it began: a pass
 * cut short leaves the record of the previous one, whose fingerprint no
 * longer matches, so nothing half-written is read.
 */
export const STATES_TABLE = 'metrics_hour_states';
export const HOUR_FOLDS_TABLE = 'metrics_hour_folds';
export const FOLDS_TABLE = 'metrics_folds';
export const HOUR_MS = 3_600_000;
/** Tag fields held, the first by name: each multiplies the states of an hour by its values. */
export const MAX_STATE_FIELDS = 8;
/**
 * Rows (copies included) one fold statement writes or reads at most, unless
 * one hour holds more: bounds the memory of the per-group ROC AUC arrays,
 * and how long a read beside a fold waits behind one statement (at 4M rows,
 * writing folded rows in statements of 8M folded 7 % faster but made the
 * read beside it 41 % slower).
 */
const ROWS_PER_STATEMENT = 2_000_000;
/**
 * A fold reads its hours' rows by their ids (writeFoldedRows' `byIds`) when
 * they hold at most this share of the model's rows; above it, reading the
 * model's history once costs less. Measured at 5M rows over 24 hours (in
 * this service's README, "A live hour's fold"): one hour (2.3 %) 74
 * against 282 ms, four hours (15 %) 424 against 283 ms.
 */
export const NARROW_READ_SHARE = 0.05;
/** An insert that began before the last fold's newest stored row may commit after its scan: rows stored this long before it are looked at again. */
export const STORE_LAG_MS = 60_000;
/** The pseudo-field of a whole hour (no grouping): present in every hour that has rows, never capped. */
export const WHOLE_FIELD = '';

/** Keys of the `sums` map: a metric's value, its additive part j, its statistic sum. */
export const stateKeys = {
  value: (metric: string) => metric,
  part: (metric: string, j: number) => `${metric}#${j}`,
  statistic: (metric: string, suffix: string) => `${metric}:${suffix}`,
};

/** Every entry of the `sums` map for a task: (key, Float64 aggregate). sliceMetrics' default average (MACRO) is the one held. */
function stateEntries(task: Task): [string, string][] {
  const ctx = { task, average: 'MACRO' as const };
  return Object.entries(METRICS).flatMap(([name, def]) => {
    if (!def || !def.tasks.includes(task)) return [];
    const stat = rowStatistic(name as MetricName, task);
    return [
      [stateKeys.value(name), `toFloat64(${def.sql(ctx)})`] as [string, string],
      ...(def.sums?.(ctx)?.parts ?? []).map((p, j): [string, string] => [stateKeys.part(name, j), `toFloat64(${p})`]),
      ...Object.entries(stat ? statisticSums(stat) : {}).map(([suffix, sql]): [string, string] => [stateKeys.statistic(name, suffix), `toFloat64(${sql})`]),
    ];
  });
}

export interface FoldRecord {
  version: number;
  task: Task;
  fingerprint: number;
  storedThroughMs: number;
  /** The tag fields held (`tags.<key>`), sorted. */
  fields: string[];
}

const scope = 'project = {project:String} AND model = {model:String}';

/** The model's last complete fold, if any. */
export async function lastFold(client: ClickHouseClient, project: string, model: string): Promise<FoldRecord | undefined> {
  const [r] = await rows<{ v: string; task: Task; fp: string; through: string; fields: string[] }>(
    client,
    `SELECT fold_version AS v, task, fingerprint AS fp, toUnixTimestamp64Milli(stored_through) AS through, fields FROM ${FOLDS_TABLE} FINAL WHERE ${scope}`,
    { project, model },
  );
  return r && { version: Number(r.v), task: r.task, fingerprint: Number(r.fp), storedThroughMs: Number(r.through), fields: r.fields };
}

/** Every hour a prediction id has been stored in (evalstore migration 009). */
const PREDICTION_HOURS_TABLE = 'evalstore_prediction_hours';

/**
 * The hours (epoch seconds) whose rows may have changed since `sinceMs` (all
 * the model's hours when null), with the rows each holds now: the hours of
 * the predictions stored since and of the predictions of the feedback
 * stored since, every hour an id was ever stored in (a prediction re-sent
 * into another hour changes the hour it left, even once merges dropped its
 * first copy).
 */
async function touchedHours(client: ClickHouseClient, params: Params, sinceMs: number | null): Promise<{ h: number; n: number }[]> {
  const stored = `stored_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')`;
  const ids =
    sinceMs === null
      ? ''
      : ` AND id IN (SELECT id FROM ${PREDICTIONS_TABLE} WHERE ${scope} AND ${stored}
          UNION ALL SELECT prediction_id FROM ${FEEDBACK_TABLE} WHERE ${scope} AND ${stored})`;
  const hours = await rows<{ h: number }>(client, `SELECT DISTINCT toUInt32(hour) AS h FROM ${PREDICTION_HOURS_TABLE} WHERE ${scope}${ids} ORDER BY h`, {
    ...params,
    since: sinceMs ?? 0,
  });
  const counts = await rows<{ h: number; n: string }>(
    client,
    `SELECT toUInt32(toStartOfHour(ts)) AS h, count() AS n FROM ${PREDICTIONS_TABLE} WHERE ${scope} AND h IN {hours:Array(UInt32)} GROUP BY h`,
    { ...params, hours: hours.map((r) => r.h) },
  );
  const rowsIn = new Map(counts.map((r) => [Number(r.h), Number(r.n)]));
  return hours.map((r) => ({ h: Number(r.h), n: rowsIn.get(Number(r.h)) ?? 0 }));
}

/** Consecutive runs of hours of at most `maxRows` rows each (an hour with more is a run of its own). */
export function hourChunks(hours: readonly { h: number; n: number }[], maxRows: number): number[][] {
  const chunks: number[][] = [];
  let rowsIn = Infinity;
  for (const { h, n } of hours) {
    if (rowsIn + n > maxRows) {
      chunks.push([]);
      rowsIn = 0;
    }
    chunks.at(-1)!.push(h);
    rowsIn += n;
  }
  return chunks;
}

/**
 * Folds the states of `hours` under `version` from their folded rows: the
 * whole hour and each field's values, per version and for all versions. An
 * hour holding one version copies that version's states as its all-versions
 * ones instead of aggregating its rows a second time (a model without a
 * shadow version: about half the statement's time, README "Hour states").
 */
async function foldStates(client: ClickHouseClient, params: Params, task: Task, fields: readonly string[], hours: readonly number[], version: number) {
  const group = compileGroupBy(fields, task, { maxFields: MAX_STATE_FIELDS, minFields: 0 });
  const sums = stateEntries(task).map(([key, sql]) => `'${key}', ${sql}`);
  const histogram = ['histogram_bins', 'score_bins', 'bin_positives', 'bin_negatives'];
  const aggregates = `count() AS samples, countIf(labeled) AS labeled_rows, map(${sums.join(', ')}) AS sums,
            ${histogramColumns(task).map((sql, i) => `${sql} AS ${histogram[i]}`).join(', ')}`;
  const exploded = `FROM (${foldedHours()})
          ARRAY JOIN {fields:Array(String)} AS slice_field, [NULL${group.fields.map((f) => `, ${f.sql}`).join('')}] AS slice_value`;
  // Only hours of two versions or more are aggregated again for all versions.
  const multiVersionHours = `SELECT hour FROM (${foldedHours()}) GROUP BY hour HAVING uniqExact(model_version) > 1`;
  await client.command({
    query: `INSERT INTO ${STATES_TABLE} (project, model, hour, fold_version, field, all_versions, model_version, value, samples, labeled_rows, sums, ${histogram.join(', ')})
      SELECT {project:String}, {model:String}, hour, {version:UInt64}, slice_field, all_versions, model_version, slice_value, samples, labeled_rows, sums, ${histogram.join(', ')}
      FROM (
        SELECT *, count() OVER (PARTITION BY hour, slice_field, all_versions, model_version) AS values_in_hour
        FROM (
          SELECT hour, slice_field, all_versions, if(all_versions, '', model_version) AS model_version, slice_value, samples, labeled_rows, sums, ${histogram.join(', ')}
          FROM (
            SELECT *, uniqExact(model_version) OVER (PARTITION BY hour) = 1 AS one_version
            FROM (SELECT hour, slice_field, model_version, slice_value, ${aggregates} ${exploded} GROUP BY hour, slice_field, slice_value, model_version)
          )
          ARRAY JOIN if(one_version, [false, true], [false]) AS all_versions
          UNION ALL
          SELECT hour, slice_field, true, '', slice_value, ${aggregates} ${exploded}
          WHERE hour IN (${multiVersionHours})
          GROUP BY hour, slice_field, slice_value
        )
      )
      WHERE values_in_hour <= {maxGroups:UInt32}`,
    query_params: { ...params, ...group.params, hours, version, fields: [WHOLE_FIELD, ...fields], maxGroups: MAX_GROUPS },
  });
}

/**
 * Folds what changed in the model since its last fold (everything, the
 * first time or when its task or tag fields changed) and returns the new
 * record; undefined when the model has no rows. `onPlan` is told the rows
 * of the hours it will fold before it folds them.
 */
export async function foldModel(
  client: ClickHouseClient,
  project: string,
  model: string,
  task: Task,
  { storeLagMs = STORE_LAG_MS, narrowShare = NARROW_READ_SHARE, onPlan }: { storeLagMs?: number; narrowShare?: number; onPlan?: (rows: number) => void } = {},
): Promise<FoldRecord | undefined> {
  const params = { project, model };
  // Read first: whatever is stored after it changes the fingerprint, and the next read folds again.
  const [listing] = await listModels(client, project, [model]);
  if (!listing) return undefined;
  const tags = (await fieldNames(client, project, [model])).get(model)?.tagNames ?? [];
  const fields = [...tags].sort().slice(0, MAX_STATE_FIELDS).map((key) => `tags.${key}`);
  const previous = await lastFold(client, project, model);
  // Later than the last fold's, and apart from another process's fold begun in the same millisecond (the last three digits).
  const version = Math.max(Date.now() * 1000 + Math.floor(Math.random() * 1000), (previous?.version ?? 0) + 1);
  const [newest] = await rows<{ ms: string; n: string }>(
    client,
    `SELECT greatest((SELECT toUnixTimestamp64Milli(max(stored_at)) FROM ${PREDICTIONS_TABLE} WHERE ${scope}),
       (SELECT toUnixTimestamp64Milli(max(stored_at)) FROM ${FEEDBACK_TABLE} WHERE ${scope})) AS ms,
       (SELECT count() FROM ${PREDICTIONS_TABLE} WHERE ${scope}) AS n`,
    params,
  );
  const again = previous && previous.task === task && previous.fields.join('\n') === fields.join('\n');
  const touched = await touchedHours(client, params, again ? previous.storedThroughMs - storeLagMs : null);
  onPlan?.(touched.reduce((n, t) => n + t.n, 0));
  // The hours' rows (the store's join, once per statement), then their states from those.
  const chunks = hourChunks(touched, ROWS_PER_STATEMENT);
  const rowsIn = new Map(touched.map((t) => [t.h, t.n]));
  const narrow = (chunk: number[]) => chunk.reduce((n, h) => n + rowsIn.get(h)!, 0) <= narrowShare * Number(newest?.n ?? 0);
  for (const chunk of chunks) await writeFoldedRows(client, params, chunk, version, { byIds: narrow(chunk) });
  for (const chunk of chunks) await foldStates(client, params, task, fields, chunk, version);
  const hourParams = { ...params, hours: touched.map((t) => t.h), version, fields };
  // An hour left with no rows holds no states, and is complete for every field.
  await client.command({
    query: `INSERT INTO ${HOUR_FOLDS_TABLE} (project, model, hour, fold_version, fields)
      SELECT {project:String}, {model:String}, toDateTime(h, 'UTC'), {version:UInt64}, if(has(held, ''), arrayFilter(f -> f != '', held), {fields:Array(String)})
      FROM (SELECT arrayJoin({hours:Array(UInt32)}) AS h) AS t
      LEFT JOIN (SELECT toUInt32(hour) AS h, groupUniqArray(toString(field)) AS held FROM ${STATES_TABLE}
                 WHERE ${scope} AND fold_version = {version:UInt64} GROUP BY h) AS s USING h`,
    query_params: hourParams,
  });
  // Older versions of these hours are never read again (a read takes each hour's latest recorded fold), so they are
  // deleted in the background: a lightweight delete rewrites the delete mask of every part holding those hours (1.7 s
  // for one hour of a 5M-row model folded at once), and waits its turn behind the engine's merges (the states' took
  // 0.9-1.1 s beside them at 10M), which held the fold, and the reads waiting for it, that long.
  for (const table of [STATES_TABLE, FOLDED_ROWS_TABLE]) {
    await client.command({
      query: `DELETE FROM ${table} WHERE ${scope} AND toUInt32(hour) IN {hours:Array(UInt32)} AND fold_version < {version:UInt64} SETTINGS lightweight_deletes_sync = 0`,
      query_params: hourParams,
    });
  }
  const record: FoldRecord = { version, task, fingerprint: listing.fingerprint, storedThroughMs: Number(newest?.ms ?? 0), fields };
  await client.command({
    query: `INSERT INTO ${FOLDS_TABLE} (project, model, fold_version, task, fingerprint, stored_through, fields)
      SELECT {project:String}, {model:String}, {version:UInt64}, {task:String}, {fingerprint:UInt64}, fromUnixTimestamp64Milli({through:Int64}, 'UTC'), {fields:Array(String)}`,
    query_params: { ...params, version, task, fingerprint: record.fingerprint, through: record.storedThroughMs, fields },
  });
  return record;
}
