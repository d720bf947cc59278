import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import { PublicError } from '@tideline/graphql';
import { fieldSql, labeledRows, ms, parseField, PREDICTIONS_TABLE, rows, sliceFilterToSql, type Field, type Params, type SliceFilter, type Window } from '@tideline/store';
import { kindCounts } from './drift-kinds.ts';

/**
 * Drift statistics computed in ClickHouse. Every feature of a request is
 * read in one pass over the rows of the two windows: rows are exploded into
 * (feature, value) pairs with ARRAY JOIN and grouped by feature, so numeric
 * features (PSI, KS, Wasserstein from one sorted array each) and
 * categorical ones (JS distance and the chi-square statistic from the
 * category counts) each take a single query whatever their number.
 */

export type FeatureKind = 'numeric' | 'categorical';

export interface FeatureRef {
  /** As the caller named it: features.<name>, tags.<name>, output.score, output.value, output.predictedClass. */
  name: string;
  kind: FeatureKind;
  /** SQL of the value (Float64 for numeric, String for categorical) given the row columns. */
  value: string;
  /** SQL that is true when the row has a value of this kind. */
  present: string;
  params: Params;
  /** A numeric `features.<name>`: its key in `features_num`, read by exploding the map (drift-numeric.ts). */
  mapKey?: string;
  /**
   * When every row of the windows holding numeric features has the same key
   * list: this key's 1-based position in it (0: not in it), and the list's
   * length (the numeric query reads the values there, drift-numeric.ts).
   */
  mapSlot?: { position: number; keys: number };
  /** Rows of the two windows holding a number of it (what a numeric query holds in memory for it). */
  numbers: number;
}

export interface DriftScope {
  project: string;
  model: string;
  task: Task;
  reference: Window;
  current: Window;
  slice?: SliceFilter | null;
}

export interface NumericStats {
  n1: number;
  n2: number;
  ks: number | null;
  wasserstein: number | null;
  psi: number | null;
  refStd: number | null;
  /** Approximate path only (drift-binned.ts): the exact statistic lies within the answer ± this. */
  bounds?: { ks: number; wasserstein: number; psi: number };
}

export interface CategoricalStats {
  n1: number;
  n2: number;
  jensenShannon: number | null;
  chi2: number | null;
  categories: number;
}

const featureNotFound = (name: string, field: string, why: string) =>
  new PublicError('FEATURE_NOT_FOUND', `feature '${name.slice(0, 200)}' ${why}`, { field });

const FORMS = 'expected features.<name>, tags.<name>, output.score, output.value or output.predictedClass';

/** Bound parameters of the two windows, shared by every drift query. */
const windowParams = (s: DriftScope): Params => ({ rf: s.reference.fromMs, rt: s.reference.toMs, cf: s.current.fromMs, ct: s.current.toMs });
const IN_REF = `(ts >= ${ms('rf')} AND ts < ${ms('rt')})`;
const IN_CUR = `(ts >= ${ms('cf')} AND ts < ${ms('ct')})`;

/**
 * Rows of the two windows and the slice, with `in_ref` / `in_cur` flags
 * (a row of overlapping windows counts in both). Labels are joined only when
 * the slice filters on them; otherwise predictions alone, read FINAL.
 */
export function windowRows(s: DriftScope, columns: string): { sql: string; params: Params } {
  const slice = sliceFilterToSql(s.slice, { task: s.task });
  const params: Params = { ...slice.params, ...windowParams(s) };
  let source: string;
  if (/\blabel_/.test(slice.sql)) {
    const envelope = { fromMs: Math.min(s.reference.fromMs, s.current.fromMs), toMs: Math.max(s.reference.toMs, s.current.toMs) };
    const labeled = labeledRows({ project: s.project, model: s.model, window: envelope });
    Object.assign(params, labeled.params);
    source = `(${labeled.sql})`;
  } else {
    Object.assign(params, { project: s.project, model: s.model });
    source = `(SELECT * FROM ${PREDICTIONS_TABLE} FINAL WHERE project = {project:String} AND model = {model:String} AND (${IN_REF} OR ${IN_CUR}))`;
  }
  return {
    sql: `SELECT ${IN_REF} AS in_ref, ${IN_CUR} AS in_cur, ${columns} FROM ${source} WHERE (in_ref OR in_cur) AND ${slice.sql}`,
    params,
  };
}

/**
 * Resolves feature names to columns, detecting each feature's type from the
 * rows of the two windows (or, when absent there, the model's history): a
 * name the model has never carried is FEATURE_NOT_FOUND naming the argument.
 */
export async function resolveFeatures(client: ClickHouseClient, s: DriftScope, names: readonly string[], fieldOf: (i: number) => string): Promise<FeatureRef[]> {
  const params: Params = {};
  const parsed = names.map((name) => parseField(name));
  const fields = names.map((name, i) => {
    const field = parsed[i];
    if (!field || field.source === 'label' || field.path === 'modelVersion') throw featureNotFound(name, fieldOf(i), `is not a feature name; ${FORMS}`);
    const key = `fk${i}`;
    return fieldSql(field, (n) => {
      params[key] = n;
      return `{${key}:String}`;
    });
  });
  const probe = (windows: Window[] | null) => kindCounts(client, { project: s.project, model: s.model, windows, params }, parsed as Field[], fields);
  const inWindows = await probe([s.reference, s.current]);
  let counts = inWindows.counts;
  const numbers = counts.map((c) => c[0]!);
  const seen = (c: number[]) => c.some((x) => x > 0);
  if (!counts.every(seen)) {
    const history = (await probe(null)).counts;
    counts = counts.map((c, i) => (seen(c) ? c : history[i]!));
  }
  const keys = inWindows.numericKeys;
  const positions = new Map(keys?.map((k, i) => [k, i + 1]));
  // Position 0: the key is in no row of the windows holding numbers.
  const slotOf = (key: string) => (keys ? { position: positions.get(key) ?? 0, keys: keys.length } : undefined);
  return names.map((name, i): FeatureRef => {
    const [num, str, bool, nul] = counts[i]!;
    if (!(num! + str! + bool! + nul! > 0)) throw featureNotFound(name, fieldOf(i), `has no values in any record of model '${s.model}'`);
    const f = fields[i]!;
    const p = Object.hasOwn(params, `fk${i}`) ? { [`fk${i}`]: params[`fk${i}`] } : {};
    // A feature's type is the one most of its values have; the others are type mismatches (dataQuality).
    if (num! >= str! + bool!) {
      const field = parsed[i]!;
      const mapKey = field.source === 'features' ? field.name : undefined;
      const mapSlot = mapKey === undefined ? undefined : slotOf(mapKey);
      return { name, kind: 'numeric', value: `assumeNotNull(${f.value('Float64')})`, present: f.has('Float64'), params: p, mapKey, mapSlot, numbers: numbers[i]! };
    }
    return { name, kind: 'categorical', value: `assumeNotNull(${f.category!.value})`, present: f.category!.has, params: p, numbers: numbers[i]! };
  });
}

export const num = (x: unknown): number | null => (x === null || x === undefined ? null : Number.isFinite(Number(x)) ? Number(x) : null);

/** Explodes each row into (feature index, value) pairs of the features it has. */
export const explode = (features: readonly FeatureRef[], type: string) =>
  `arrayJoin(arrayFilter(t -> t.3, [${features.map((f, i) => `(toUInt16(${i}), to${type}(if(${f.present}, ${f.value}, ${type === 'String' ? "''" : '0'})), ${f.present})`).join(', ')}])) AS t`;

/**
 * Jensen–Shannon distance (base 2) and the chi-square statistic of
 * categorical features, from the 2 × k table of category counts
 * (categories in name order; the chi-square terms summed row by row).
 */
export async function categoricalStats(client: ClickHouseClient, s: DriftScope, features: readonly FeatureRef[]): Promise<CategoricalStats[]> {
  if (features.length === 0) return [];
  const source = windowRows(s, explode(features, 'String'));
  const sql = `
    SELECT fi, n1, n2, length(rc) AS k,
      if(n1 = 0 OR n2 = 0, NULL, sqrt((arraySum(arrayMap((p, m) -> if(p > 0, p * log(p / m), 0), ps, ms))
        + arraySum(arrayMap((q, m) -> if(q > 0, q * log(q / m), 0), qs, ms))) / log(2) / 2)) AS js,
      if(n1 = 0 OR n2 = 0, NULL, arraySum(arrayConcat(
        arrayMap((o, c) -> pow(o - n1 * c / (n1 + n2), 2) / (n1 * c / (n1 + n2)), rc, cols),
        arrayMap((o, c) -> pow(o - n2 * c / (n1 + n2), 2) / (n2 * c / (n1 + n2)), cc, cols)))) AS chi2
    FROM (
      SELECT fi, arraySort(groupArray((cat, nr, nc))) AS table,
        arrayMap(x -> toFloat64(x.2), table) AS rc, arrayMap(x -> toFloat64(x.3), table) AS cc,
        arraySum(rc) AS n1, arraySum(cc) AS n2,
        arrayMap((a, b) -> a + b, rc, cc) AS cols,
        arrayMap(x -> x / n1, rc) AS ps, arrayMap(x -> x / n2, cc) AS qs,
        arrayMap((p, q) -> (p + q) / 2, ps, qs) AS ms
      FROM (SELECT t.1 AS fi, t.2 AS cat, countIf(in_ref) AS nr, countIf(in_cur) AS nc FROM (${source.sql}) GROUP BY fi, cat)
      GROUP BY fi
    )`;
  const params = Object.assign({}, source.params, ...features.map((f) => f.params)) as Params;
  const result = await rows<{ fi: number; n1: number; n2: number; k: number; js: number | null; chi2: number | null }>(client, sql, params);
  const byIndex = new Map(result.map((r) => [Number(r.fi), r]));
  return features.map((_, i) => {
    const r = byIndex.get(i);
    if (!r) return { n1: 0, n2: 0, jensenShannon: null, chi2: null, categories: 0 };
    return { n1: Number(r.n1), n2: Number(r.n2), jensenShannon: num(r.js), chi2: num(r.chi2), categories: Number(r.k) };
  });
}
