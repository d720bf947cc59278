import type { ClickHouseClient } from '@tideline/clickhouse';
import { PublicError } from '@tideline/graphql';
import { labeledRows, ms, rows, sliceFilterToSql, type Params, type SliceFilter } from '@tideline/store';
import { ROW_HASH_SQL, contentHashSql } from './content-hash.ts';
import type { DatasetSpec } from './dataset-inputs.ts';
import { groupKeySql } from './inputs.ts';
import { PICKS_TABLE } from './picked-rows.ts';

export const DATASET_ROWS_TABLE = 'curation_dataset_rows';
export const SPLITS = ['train', 'validation', 'test'] as const;

/** A compiled slice filter whose parameters are named `<prefix>sf<i>`, so several can share one statement. */
function prefixed(filter: unknown, task: DatasetSpec['task'], prefix: string): { sql: string; params: Params } {
  return sliceFilterToSql(filter as SliceFilter | null, { task, paramPrefix: `${prefix}sf` });
}

const labelKeySql = (task: DatasetSpec['task']) =>
  task === 'BINARY' ? "if(assumeNotNull(label_positive), 'true', 'false')" : task === 'MULTICLASS' ? 'assumeNotNull(label_class)' : "''";

export interface SnapshotStats {
  rowCount: number;
  contentHash: string;
  splits: { split: string; rowCount: number }[];
  classBalance: { label: string; split: string; rowCount: number }[];
  sliceCounts: { field: string; value: string | null; rowCount: number }[];
}

/**
 * The statement that copies the dataset's rows into the snapshot table in
 * one INSERT … SELECT, all in ClickHouse (the caller runs it, bounded in
 * time, and removes what it wrote if it fails): the labeled rows of the windows and slice, chosen by
 * the strategy (balanced first when asked), each given its weight and its
 * split. Splits are stratified by the label and the `stratifyBy` fields:
 * within each stratum rows are ordered by a seeded hash and the first
 * `train` share goes to train, the next `validation` share to validation,
 * the rest to test, so the same request on the same rows gives the same
 * splits. Each stratum's positions are offset by its own seeded fraction in
 * (0, 1) rather than ½, so small strata fall into validation and test in
 * proportion to their shares instead of all rounding the same way (with ½,
 * every stratum of one or two rows goes to train at 0.8/0.1/0.1). Weights: 0.5^(age / half-life), age counted back from the end of
 * the latest window (not from now, so a rerun weighs alike), times the
 * factor of every `upweight` slice the row is in.
 */
export async function snapshotInsert(client: ClickHouseClient, project: string, spec: DatasetSpec): Promise<{ query: string; query_params: Params }> {
  const hull = { fromMs: Math.min(...spec.windows.map((w) => w.fromMs)), toMs: Math.max(...spec.windows.map((w) => w.toMs)) };
  const source = labeledRows({ project, model: spec.model, window: hull, modelVersion: spec.modelVersion });
  const slice = prefixed(spec.slice, spec.task, 'm');
  const params: Params = { ...source.params, ...slice.params, project, dataset: spec.id, seed: spec.seed, maxRows: spec.maxRows };
  const inWindows = spec.windows.map((w, i) => {
    params[`wf${i}`] = w.fromMs;
    params[`wt${i}`] = w.toMs;
    return `(ts >= ${ms(`wf${i}`)} AND ts < ${ms(`wt${i}`)})`;
  });
  const onlyRequested = spec.strategy === 'LABEL_REQUESTS' ? ` AND id IN (SELECT prediction_id FROM ${PICKS_TABLE} WHERE project = {project:String} AND model = {model:String})` : '';
  const order = spec.strategy === 'RECENT' ? '(-toUnixTimestamp64Milli(ts), id, model_version)' : '(cityHash64(id, model_version, {seed:Int64}, \'pick\'), id, model_version)';
  const label = labelKeySql(spec.task);
  let chosen = `SELECT *, ${label} AS label_key FROM (${source.sql}) WHERE labeled AND ${slice.sql} AND (${inWindows.join(' OR ')})${onlyRequested}`;
  if (spec.balance === 'UNDERSAMPLE') {
    // Every class cut to the smallest class's count, keeping each class's first rows in the strategy's order.
    chosen = `SELECT * EXCEPT (class_rank, class_size) FROM (
      SELECT *, row_number() OVER (PARTITION BY label_key ORDER BY ${order}) AS class_rank, min(class_rows) OVER () AS class_size
      FROM (SELECT *, count() OVER (PARTITION BY label_key) AS class_rows FROM (${chosen}))) WHERE class_rank <= class_size`;
  }
  if (spec.strategy !== 'ALL') chosen = `SELECT * FROM (${chosen}) ORDER BY ${order} LIMIT {maxRows:UInt64}`;

  let weight = '1.0';
  if (spec.recencyHalfLifeMs) {
    params.recencyRef = hull.toMs;
    params.halfLife = spec.recencyHalfLifeMs;
    weight = `pow(0.5, ({recencyRef:Int64} - toUnixTimestamp64Milli(ts)) / {halfLife:Float64})`;
  }
  spec.upweight.forEach((u, i) => {
    const compiled = prefixed(u.slice, spec.task, `u${i}`);
    Object.assign(params, compiled.params);
    params[`uf${i}`] = u.factor;
    weight = `${weight} * if(${compiled.sql}, {uf${i}:Float64}, 1.0)`;
  });
  const strata = [label];
  for (const [i, field] of spec.stratifyBy.entries()) {
    const key = await groupKeySql(client, { project, model: spec.model, task: spec.task }, field, `st${i}`, `input.stratifyBy[${i}]`);
    Object.assign(params, key.params);
    strata.push(`ifNull(${key.sql}, '\\0')`);
  }
  params.trainShare = spec.splits.train;
  params.validationEnd = spec.splits.train + spec.splits.validation;

  // A plain count() over the chosen rows first: a request that would exceed the cap is refused before anything is written.
  const [count] = await rows<{ n: string }>(client, `SELECT count() AS n FROM (${chosen})`, params);
  if (spec.strategy === 'ALL' && Number(count?.n ?? 0) > spec.maxRows) {
    throw new PublicError('TOO_MANY_ROWS', `the windows hold ${count!.n} labeled rows, more than input.maxRows (${spec.maxRows}); use strategy RANDOM or RECENT to sample, or narrow the windows`, { field: 'input.maxRows' });
  }
  return {
    query: `INSERT INTO ${DATASET_ROWS_TABLE}
      SELECT {project:String} AS project, {dataset:String} AS dataset_id, split, id, model_version, ts, features_num, features_str, features_bool, tags,
        score, probabilities, predicted_class, value, label_positive, label_class, label_value, weight, ${ROW_HASH_SQL} AS row_hash
      FROM (
        SELECT *, multiIf(position < {trainShare:Float64}, 'train', position < {validationEnd:Float64}, 'validation', 'test') AS split
        FROM (
          SELECT *, ${weight} AS weight,
            (row_number() OVER (PARTITION BY stratum ORDER BY cityHash64(id, model_version, {seed:Int64}, 'split'), id, model_version)
              - (sipHash64(stratum, {seed:Int64}) % 1000000 + 0.5) / 1000000)
              / count() OVER (PARTITION BY stratum) AS position
          FROM (SELECT *, tuple(${strata.join(', ')}) AS stratum FROM (${chosen}))))`,
    query_params: params,
  };
}

/** Row counts per split, class and protected slice, and the content hash, from the snapshot table. */
export async function snapshotStats(client: ClickHouseClient, project: string, spec: DatasetSpec): Promise<SnapshotStats> {
  const params: Params = { project, dataset: spec.id, model: spec.model };
  const from = `(SELECT * FROM ${DATASET_ROWS_TABLE} WHERE project = {project:String} AND dataset_id = {dataset:String})`;
  const [hash] = await rows<{ content_hash: string; row_count: string }>(client, contentHashSql(from, 'row_hash'), params);
  const splitRows = await rows<{ split: string; label: string; n: string }>(
    client,
    `SELECT toString(split) AS split, ${labelKeySql(spec.task)} AS label, count() AS n FROM ${from} GROUP BY split, label ORDER BY split, label`,
    params,
  );
  const splits = SPLITS.map((split) => ({ split, rowCount: splitRows.filter((r) => r.split === split).reduce((sum, r) => sum + Number(r.n), 0) }));
  const classBalance = spec.task === 'REGRESSION' ? [] : splitRows.map((r) => ({ label: r.label, split: r.split, rowCount: Number(r.n) }));
  const sliceCounts: SnapshotStats['sliceCounts'] = [];
  for (const [i, field] of spec.stratifyBy.entries()) {
    const key = await groupKeySql(client, { project, model: spec.model, task: spec.task }, field, `st${i}`, `input.stratifyBy[${i}]`);
    const found = await rows<{ value: string | null; n: string }>(client, `SELECT ${key.sql} AS value, count() AS n FROM ${from} GROUP BY value ORDER BY n DESC, value LIMIT 1000`, { ...params, ...key.params });
    sliceCounts.push(...found.map((f) => ({ field, value: f.value, rowCount: Number(f.n) })));
  }
  return { rowCount: Number(hash?.row_count ?? 0), contentHash: hash?.content_hash ?? '', splits, classBalance, sliceCounts };
}

export async function dropSnapshot(client: ClickHouseClient, project: string, id: string): Promise<void> {
  await client.command({ query: `DELETE FROM ${DATASET_ROWS_TABLE} WHERE project = {project:String} AND dataset_id = {dataset:String}`, query_params: { project, dataset: id } });
}
