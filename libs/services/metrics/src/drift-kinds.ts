import type { ClickHouseClient } from '@tideline/clickhouse';
import { PREDICTIONS_TABLE, rows, VALUE_KINDS, type Field, type FieldSql, type Params, type Window } from '@tideline/store';
import { inSpans, keyListSummary } from './drift-key-lists.ts';

interface ProbeScope {
  project: string;
  model: string;
  /** The windows probed (a row in two counts once), or null for the model's whole history. */
  windows: readonly Window[] | null;
  /** The fields' own parameters. */
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

/** The feature maps by kind, in the order of the counts: number, string, boolean, sent as null (the kinds of evalstore_key_lists). */
const KEY_COLUMNS = ['features_num.keys', 'features_str.keys', 'features_bool.keys', 'features_null'];

/**
 * Distinct key lists a map may have in the rows probed for them to be
 * counted a list at a time; past it, keys are exploded and counted one by one.
 */
const MAX_KEY_LISTS = 64;

/**
 * Rows holding a number, a string, a boolean, a null of each field (four
 * counts a field), which decide a feature's type. `features.<name>` fields
 * are counted from the maps' key lists, first from the hours' summary
 * (`drift-key-lists.ts`, evalstore migration 010): an hour whose rows all
 * carry the same list of a map answers for them without reading them (a
 * model usually sends the same feature vector; 20 keys × 2M rows: a few ms
 * where reading the rows' keys took about 200). The parts of hours a window
 * cuts, and hours of two or more lists, are probed from their rows: grouped
 * by their whole key list, a key's count the sum over the lists holding it
 * (2.6 s CPU for 1,000 keys × 200k rows where exploding every key took 6.4 s).
 * Rows holding the first row's list are compared with it and grouped under
 * [] instead of hashing their keys (0.7 s against 1.0 s for 20 keys × 2M
 * rows). With more than `maxKeyLists` lists, keys are exploded (ARRAY JOIN,
 * kept when asked for). `mapContains` per feature searches every row's keys
 * once per feature, quadratic in a wide report. A key is counted once a row
 * (ingest writes a record's features as a JSON object: keys are unique).
 * Other fields (tags, output columns) are counted per field, from the rows.
 */
export async function kindCounts(
  client: ClickHouseClient,
  s: ProbeScope,
  parsed: readonly Field[],
  fields: readonly FieldSql[],
  { maxKeyLists = MAX_KEY_LISTS, summary = true } = {},
): Promise<KindProbe> {
  const counts = parsed.map(() => [0, 0, 0, 0]);
  const probe: KindProbe = { counts, numericKeys: null };
  const from = `FROM ${PREDICTIONS_TABLE}`;
  const inWindows = s.windows ? inSpans('ts', s.windows, 'kw') : { sql: '1', params: {} };
  const where = (cond: string) => `project = {project:String} AND model = {model:String} AND ${cond}`;
  const params: Params = { ...s.params, ...inWindows.params, project: s.project, model: s.model };
  const keyed = new Map(parsed.flatMap((f, i) => (f.source === 'features' ? [[f.name, i] as const] : [])));
  const others = parsed.flatMap((f, i) => (f.source === 'features' ? [] : [i]));
  const add = (kind: number, key: string, n: number) => {
    const i = keyed.get(key);
    if (i !== undefined) counts[i]![kind]! += n;
  };
  /** The rows' key lists where `cond` holds, grouped (at most maxKeyLists + 1 a map). */
  const rowLists = async (cond: string, condParams: Params) => {
    // Memory stays bounded whatever the number of lists: past the limit, no new group is made ('any').
    const limit = `LIMIT ${maxKeyLists + 1} SETTINGS max_rows_to_group_by = ${maxKeyLists + 1}, group_by_overflow_mode = 'any'`;
    const lists = KEY_COLUMNS.map((col, kind) => {
      // The first row's list, grouped as [] (the rows holding it cost a comparison, not a hash of every key).
      // (any() of at most one row: an empty scalar subquery of an array is an error, not [].)
      const first = `(SELECT any(c) FROM (SELECT ${col} AS c ${from} WHERE ${where(cond)} AND notEmpty(${col}) LIMIT 1))`;
      return `(WITH ${first} AS first SELECT toUInt8(${kind}) AS kind, if(empty(k), first, k) AS keys, n
        FROM (SELECT if(${col} = first, [], ${col}) AS k, count() AS n ${from} WHERE ${where(cond)} AND notEmpty(${col}) GROUP BY k ${limit}))`;
    });
    const found = await rows<{ kind: number; keys: string[]; n: string }>(client, `SELECT * FROM (${lists.join(' UNION ALL ')})`, { ...params, ...condParams });
    return found.map((r) => ({ kind: Number(r.kind), keys: r.keys, n: Number(r.n) }));
  };
  const queries: Promise<void>[] = [];
  if (keyed.size > 0) {
    queries.push(
      (async () => {
        const known = summary ? await keyListSummary(client, s.project, s.model, s.windows, maxKeyLists) : null;
        const rest = known ? inSpans('ts', known.rowSpans, 'kr') : inWindows;
        const found = [...(known?.lists ?? []), ...(known && known.rowSpans.length === 0 ? [] : await rowLists(rest.sql, rest.params))];
        // The same list from the summary and the rows is one list.
        const merged = new Map<string, (typeof found)[number]>();
        for (const l of found) {
          const id = JSON.stringify([l.kind, l.keys]);
          const seen = merged.get(id);
          if (seen) seen.n += l.n;
          else merged.set(id, { ...l });
        }
        const lists = [...merged.values()];
        if (!KEY_COLUMNS.some((_, kind) => lists.filter((l) => l.kind === kind).length > maxKeyLists)) {
          for (const l of lists) for (const k of l.keys) add(l.kind, k, l.n);
          const numeric = lists.filter((l) => l.kind === 0);
          probe.numericKeys = numeric.length === 1 ? numeric[0]!.keys : null;
          return;
        }
        const sql = KEY_COLUMNS.map((col, kind) => `SELECT toUInt8(${kind}) AS kind, k, count() AS n ${from} ARRAY JOIN ${col} AS k WHERE ${where(inWindows.sql)} AND k IN {pk:Array(String)} GROUP BY k`);
        for (const r of await rows<{ kind: number; k: string; n: string }>(client, sql.join(' UNION ALL '), { ...params, pk: [...keyed.keys()] })) add(Number(r.kind), r.k, Number(r.n));
      })(),
    );
  }
  if (others.length > 0) {
    const probes = others.map((i) => `[${VALUE_KINDS.map((k) => `countIf(${fields[i]!.has(k)})`).join(', ')}, countIf(${fields[i]!.sentNull})]`);
    queries.push(
      rows<{ counts: string[][] }>(client, `SELECT [${probes.join(', ')}] AS counts ${from} WHERE ${where(inWindows.sql)}`, params).then(([r]) => {
        r!.counts.forEach((c, j) => (counts[others[j]!] = c.map(Number)));
      }),
    );
  }
  await Promise.all(queries);
  return probe;
}
