import type { ClickHouseClient } from '@tideline/clickhouse';
import { PREDICTIONS_TABLE, rows, VALUE_KINDS, type Field, type FieldSql, type Params } from '@tideline/store';

interface ProbeScope {
  project: string;
  model: string;
  /** SQL condition on the predictions' columns (the windows, or 1 for the model's history), with its parameters. */
  where: string;
  params: Params;
}

export interface KindProbe {
  /** Per field: rows holding a number, a string, a boolean, a null of it. */
  counts: number[][];
  /**
   * The key list of `features_num` when every row probed that has one has
   * this same list (in the same order), else null: the numeric query then
   * reads values at known positions instead of matching keys (drift-numeric.ts).
   */
  numericKeys: string[] | null;
}

/** The feature maps by kind, in the order of the counts: number, string, boolean, sent as null. */
const KEY_COLUMNS = ['features_num.keys', 'features_str.keys', 'features_bool.keys', 'features_null'];

/**
 * Distinct key lists a map may have in the rows probed for them to be
 * counted a list at a time; past it, keys are exploded and counted one by one.
 */
const MAX_KEY_LISTS = 64;

/**
 * Rows holding a number, a string, a boolean, a null of each field (four
 * counts a field), which decide a feature's type. `features.<name>` fields
 * are counted from the maps' keys, each map's keys read once: rows are
 * grouped by their whole key list (a model usually sends the same feature
 * vector, so there are few lists) and a key's count is the sum over the
 * lists holding it — 2.6 s CPU for 1,000 keys × 200k rows where exploding
 * every key took 6.4 s. Rows holding the first row's list are compared with
 * it and grouped under [] instead of hashing their keys: 2.8 s CPU where
 * grouping by the list itself took 3.9–4.4 s (0.7 s against 1.0 s for 20
 * keys × 2M rows). With more than MAX_KEY_LISTS lists, keys are exploded
 * (ARRAY JOIN, kept when asked for). `mapContains` per feature searches
 * every row's keys once per feature, quadratic in a wide report (11 s CPU
 * for 100 of 1,000 features over 200k rows). A key is counted once a row
 * (ingest writes a record's features as a JSON object: keys are unique).
 * Other fields (tags, output columns) are counted per field.
 */
export async function kindCounts(
  client: ClickHouseClient,
  s: ProbeScope,
  parsed: readonly Field[],
  fields: readonly FieldSql[],
  maxKeyLists = MAX_KEY_LISTS,
): Promise<KindProbe> {
  const counts = parsed.map(() => [0, 0, 0, 0]);
  const probe: KindProbe = { counts, numericKeys: null };
  const from = `FROM ${PREDICTIONS_TABLE}`;
  const where = `project = {project:String} AND model = {model:String} AND ${s.where}`;
  const params: Params = { ...s.params, project: s.project, model: s.model };
  const keyed = new Map(parsed.flatMap((f, i) => (f.source === 'features' ? [[f.name, i] as const] : [])));
  const others = parsed.flatMap((f, i) => (f.source === 'features' ? [] : [i]));
  const add = (kind: number, key: string, n: number) => {
    const i = keyed.get(key);
    if (i !== undefined) counts[i]![kind]! += n;
  };
  const queries: Promise<void>[] = [];
  if (keyed.size > 0) {
    queries.push(
      (async () => {
        // Memory stays bounded whatever the number of lists: past the limit, no new group is made ('any').
        const limit = `LIMIT ${maxKeyLists + 1} SETTINGS max_rows_to_group_by = ${maxKeyLists + 1}, group_by_overflow_mode = 'any'`;
        const lists = KEY_COLUMNS.map((col, kind) => {
          // The first row's list, grouped as [] (the rows holding it cost a comparison, not a hash of every key).
          // (any() of at most one row: an empty scalar subquery of an array is an error, not [].)
          const first = `(SELECT any(c) FROM (SELECT ${col} AS c ${from} WHERE ${where} AND notEmpty(${col}) LIMIT 1))`;
          return `(WITH ${first} AS first SELECT toUInt8(${kind}) AS kind, if(empty(k), first, k) AS keys, n
            FROM (SELECT if(${col} = first, [], ${col}) AS k, count() AS n ${from} WHERE ${where} AND notEmpty(${col}) GROUP BY k ${limit}))`;
        });
        const found = await rows<{ kind: number; keys: string[]; n: string }>(client, `SELECT * FROM (${lists.join(' UNION ALL ')})`, params);
        const tooMany = KEY_COLUMNS.some((_, kind) => found.filter((r) => Number(r.kind) === kind).length > maxKeyLists);
        if (!tooMany) {
          for (const r of found) for (const k of r.keys) add(Number(r.kind), k, Number(r.n));
          const numeric = found.filter((r) => Number(r.kind) === 0);
          probe.numericKeys = numeric.length === 1 ? numeric[0]!.keys : null;
          return;
        }
        const sql = KEY_COLUMNS.map((col, kind) => `SELECT toUInt8(${kind}) AS kind, k, count() AS n ${from} ARRAY JOIN ${col} AS k WHERE ${where} AND k IN {pk:Array(String)} GROUP BY k`);
        for (const r of await rows<{ kind: number; k: string; n: string }>(client, sql.join(' UNION ALL '), { ...params, pk: [...keyed.keys()] })) add(Number(r.kind), r.k, Number(r.n));
      })(),
    );
  }
  if (others.length > 0) {
    const probes = others.map((i) => `[${VALUE_KINDS.map((k) => `countIf(${fields[i]!.has(k)})`).join(', ')}, countIf(${fields[i]!.sentNull})]`);
    queries.push(
      rows<{ counts: string[][] }>(client, `SELECT [${probes.join(', ')}] AS counts ${from} WHERE ${where}`, params).then(([r]) => {
        r!.counts.forEach((c, j) => (counts[others[j]!] = c.map(Number)));
      }),
    );
  }
  await Promise.all(queries);
  return probe;
}
