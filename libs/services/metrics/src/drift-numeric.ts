import type { ClickHouseClient } from '@tideline/clickhouse';
import { rows, type Params } from '@tideline/store';
import { PSI_FLOOR, PSI_LEVELS } from './drift-bounds.ts';
import { explode, num, windowRows, type DriftScope, type FeatureRef, type NumericStats } from './drift-sql.ts';

/**
 * numpy's linear interpolation at fraction t between the order statistics
 * a and b, in its own formula (the same inputs give the same edge in both
 * drift paths, to the last bit).
 */
export const numpyLerp = (a: string, b: string, t: string) => `if(${t} >= 0.5, ${b} - (${b} - ${a}) * (1 - ${t}), ${a} + (${b} - ${a}) * ${t})`;

/** Block size of the two-level search in sorted arrays (`countBelow`). */
const BLOCK = 512;

/** Every BLOCK-th element of an array: the coarse index `countBelow` searches first. */
const coarse = (arr: string) => `arrayFilter((x, i) -> i % ${BLOCK} = 0, ${arr}, arrayEnumerate(${arr}))`;

/**
 * SQL for the number of elements of the ascending array `arr` below `x`,
 * without a lambda over the whole array: a lambda that captures a column
 * (here `x`) copies the captured value once per array element, so nine
 * `arrayCount(v -> v < edge, sorted)` over millions of values cost more
 * than the sort. The count is found in the coarse index (every BLOCK-th
 * element, `idx`), then within the one block that can hold the boundary.
 */
const countBelow = (arr: string, idx: string, x: string) => {
  const blocks = `arrayCount(c -> c < ${x}, ${idx})`;
  return `(${BLOCK} * ${blocks} + arrayCount(v -> v < ${x}, arraySlice(${arr}, ${BLOCK} * ${blocks} + 1, ${BLOCK})))`;
};

/** A sorted array's run ends (last position of each run of equal values; values are finite, ingest rejects others). */
const runEnds = (sorted: string, what: string) =>
  `arrayFilter((x, v, w) -> v != w, ${what}, ${sorted}, arrayPushBack(arrayPopFront(${sorted}), nan))`;

/**
 * Both cores for the per-feature array work: GROUP BY fi hands its result on
 * as one block, and every array expression above it runs on one thread for
 * all features of the block (measured on 20 × 1M vs 1M: 8.8 s of 11.2 s CPU
 * on one thread). Blocks of one row after the aggregation spread the
 * features over the query's threads; the rows are read in ordinary blocks
 * (`READ_BLOCKS`, a subquery's own setting): one-row blocks out of ARRAY
 * JOIN cost 4× the whole query.
 */
const ONE_FEATURE_A_BLOCK = 'SETTINGS max_block_size = 1';
const READ_BLOCKS = 'SETTINGS max_block_size = 65536';

/**
 * (fi, v, in_ref, in_cur) rows: every value of every feature in the two
 * windows. A `features.<name>` is read at its position in the rows' values
 * when every row of the windows has the same key list (`mapSlot`, found
 * while probing the features' types): the keys are not read at all, the
 * values asked for are picked by a constant mask and exploded with their
 * feature's index (20 × 1M vs 1M: 1.2 s CPU to read, explode and group the
 * values). Otherwise by exploding `features_num` once (ARRAY JOIN of its
 * keys and values, kept when the key is asked for): one pass over the map
 * whatever the number of features, where `features_num[k]` per feature
 * searches each row's keys once per feature (quadratic for a wide report).
 * Other numeric features (output.score, output.value) are columns, exploded
 * from a literal array.
 */
export function featureValues(s: DriftScope, features: readonly FeatureRef[]): { sql: string; params: Params } {
  const parts: string[] = [];
  const params: Params = {};
  const indexed = features.map((f, i) => ({ f, i }));
  const slotted = indexed.filter(({ f }) => f.mapSlot !== undefined && f.mapSlot.position > 0).sort((a, b) => a.f.mapSlot!.position - b.f.mapSlot!.position);
  if (slotted.length > 0) {
    const keys = slotted[0]!.f.mapSlot!.keys;
    const mask = Array.from({ length: keys }, () => 0);
    for (const { f } of slotted) mask[f.mapSlot!.position - 1] = 1;
    const source = windowRows(s, 'mapValues(features_num) AS vals');
    Object.assign(params, source.params, { dm: mask, dl: keys, df: slotted.map(({ i }) => i) });
    const picked = slotted.length === keys ? 'vals' : 'arrayFilter((x, m) -> m, vals, {dm:Array(UInt8)})';
    parts.push(`SELECT fi, v, in_ref, in_cur FROM (SELECT in_ref, in_cur, ${picked} AS picked FROM (${source.sql}) WHERE length(vals) = {dl:UInt32})
      ARRAY JOIN picked AS v, {df:Array(UInt16)} AS fi ${READ_BLOCKS}`);
  }
  const keyed = indexed.filter(({ f }) => f.mapKey !== undefined && f.mapSlot === undefined).map(({ f, i }) => ({ key: f.mapKey!, i }));
  if (keyed.length > 0) {
    const source = windowRows(s, 'features_num');
    Object.assign(params, source.params, { dk: keyed.map((k) => k.key), di: keyed.map((k) => k.i) });
    parts.push(`SELECT transform(k, {dk:Array(String)}, {di:Array(UInt16)}, toUInt16(65535)) AS fi, v, in_ref, in_cur
      FROM (${source.sql}) ARRAY JOIN mapKeys(features_num) AS k, mapValues(features_num) AS v WHERE fi != 65535 ${READ_BLOCKS}`);
  }
  const columns = indexed.filter(({ f }) => f.mapKey === undefined);
  if (columns.length > 0) {
    const source = windowRows(s, explode(columns.map(({ f }) => f), 'Float64'));
    Object.assign(params, source.params, ...columns.map(({ f }) => f.params));
    // explode numbers the features it is given from 0; map them back to their index here.
    parts.push(`SELECT [${columns.map(({ i }) => i).join(', ')}][t.1 + 1] AS fi, t.2 AS v, in_ref, in_cur FROM (${source.sql}) ${READ_BLOCKS}`);
  }
  // Every feature is in the windows' key list at position 0 (none): no rows, no query.
  if (parts.length === 0) parts.push('SELECT toUInt16(0) AS fi, 0. AS v, false AS in_ref, false AS in_cur WHERE 0');
  return { sql: parts.join(' UNION ALL '), params };
}

/**
 * One sort per feature, of UInt64 keys that hold both the value and its
 * window: the bits of a non-negative Float64 order like the number, and of a
 * negative one reversed (`NEG`), so key = (order-preserving bits << 1) | side
 * (0 reference, 1 current) sorts by value, ties kept exact (equal values have
 * equal bits once -0 is +0), and the side comes back as the low bit. The
 * order-preserving image of all finite doubles takes 64 bits, one too many
 * with the side, hence two sorts of the negative and the non-negative values
 * (their sizes add up to the feature's), concatenated in that order.
 * Measured on 20 × 1M vs 1M: 1.4 s CPU for the keys and their sort against
 * 2.7 s for the two Float64 sorts of sort(ref ++ cur) and sort(ref ++ ref ++ cur)
 * this replaced (5 values sorted a row and feature, not 2). The keys are
 * made per exploded value (`valueKey`, one vectorized expression) and
 * gathered by sign and side in the aggregation, where they were made by
 * filtering and mapping each window's array after it: 3.25 → 3.12 s CPU for
 * the 20 × 1M query (medians of 7, alternated; same statistics to the bit).
 */
const MAGNITUDE_BITS = '9223372036854775807'; // 2^63 − 1: a finite double's bits without the sign
const KEY = { POS: (x: string) => `reinterpretAsUInt64(${x} + 0.)`, NEG: (x: string) => `toUInt64(${MAGNITUDE_BITS} - reinterpretAsUInt64(-${x}))` };
const VALUE = { POS: (m: string) => `reinterpretAsFloat64(${m})`, NEG: (m: string) => `-reinterpretAsFloat64(toUInt64(${MAGNITUDE_BITS} - ${m}))` };
/** A value's key without its side (the side is added as it is gathered: + 1 for the current window). */
const valueKey = (x: string) => `bitShiftLeft(if(${x} < 0, ${KEY.NEG(x)}, ${KEY.POS(x)}), 1)`;
/** Keys of the values of one sign, both windows (a value of overlapping windows is gathered twice). */
const gatheredKeys = (keep: string, alias: string) =>
  `groupArrayIf(k, in_ref AND ${keep}) AS ${alias}_ref, groupArrayIf(k + 1, in_cur AND ${keep}) AS ${alias}_cur`;
const decode = (keys: string, sign: keyof typeof VALUE) => `arrayMap(k -> ${VALUE[sign]('bitShiftRight(k, 1)')}, ${keys})`;

/**
 * KS, Wasserstein, PSI and the reference's standard deviation of numeric
 * features, all features in one scan (rows exploded into (feature, value)
 * pairs, grouped by feature).
 *
 * Each feature's values sorted once with their side (`valueKey`): `vs`
 * the values in order, `sides` 1 for a current value. At the run end of
 * each distinct value `dv` (the last position of equal values), `ends1` is
 * the count of values ≤ it, `c2` the current ones (cumulative sum of the
 * sides) and `c1` = ends1 − c2 the reference ones. `d` = F_ref − F_cur at each distinct
 * value (SciPy's searchsorted 'right'): KS = max |d|; Wasserstein =
 * Σ |d_i| (dv_{i+1} − dv_i) (= ∫ |F_ref − F_cur|). PSI edges are the
 * reference's linear-interpolated quantiles (numpy's default) of the k-th
 * smallest reference values (the first distinct value with c1 ≥ k); bin
 * counts are c1 and ends1 at the last distinct value below each edge.
 */
export function numericStatsSql(s: DriftScope, features: readonly FeatureRef[]): { sql: string; params: Params } {
  const source = featureValues(s, features);
  // The k-th smallest reference value (1-based k).
  const refRank = (k: string) => `dv[${countBelow('c1', 'c1_idx', k)} + 1]`;
  const edges = PSI_LEVELS.map((q, j) => {
    const h = `((n1 - 1) * ${String(q)})`;
    return `${refRank(`toUInt64(floor(${h})) + 1`)} AS a${j}, ${refRank(`least(toUInt64(floor(${h})) + 2, n1)`)} AS b${j}, ${h} - floor(${h}) AS t${j},
        ${numpyLerp(`a${j}`, `b${j}`, `t${j}`)} AS e${j}`;
  });
  // Values below edge j: `below_j` distinct values, of which r_j reference values and p_j values in all (arr[0] is 0).
  const below = PSI_LEVELS.map((_, j) => `${countBelow('dv', 'dv_idx', `e${j}`)} AS below${j}, c1[below${j}] AS r${j}, ends1[below${j}] AS p${j}`);
  // No if(n1 = 0 OR n2 = 0, NULL, …) around the statistics: short-circuit
  // evaluation of `if` re-runs the whole chain of array expressions beneath
  // its branch (measured: 3× slower for KS, unbounded for PSI). An empty
  // window is turned into nulls below instead.
  // Each level is a subquery so that the lambdas of the next capture its
  // scalar columns (edges, ranks); written in one SELECT, the analyzer
  // substitutes an alias's expression into the lambda, which then captures
  // the arrays it reads (copied per element: quadratic).
  const sql = `
    SELECT fi, n1, n2, ref_std,
      arrayMax(arrayMap(x -> abs(x), d)) AS ks,
      arraySum(arrayMap((x, w) -> abs(x) * w, arrayPopBack(d), arrayPopFront(arrayDifference(dv)))) AS wasserstein,
      arraySum(arrayMap((r, c) -> (c - r) * log(c / r),
        arrayMap(x -> greatest(x / n1, ${PSI_FLOOR}), ref_bins), arrayMap(x -> greatest(x / n2, ${PSI_FLOOR}), cur_bins))) AS psi
    FROM (
      SELECT fi, n1, n2, ref_std, d, dv,
        ${below.join(',\n        ')},
        arrayPopFront(arrayDifference([toInt64(0), ${PSI_LEVELS.map((_, j) => `toInt64(r${j})`).join(', ')}, toInt64(n1)])) AS ref_bins,
        arrayPopFront(arrayDifference([toInt64(0), ${PSI_LEVELS.map((_, j) => `toInt64(p${j} - r${j})`).join(', ')}, toInt64(n2)])) AS cur_bins
      FROM (
        SELECT fi, n1, n2, ref_std, dv, ends1, c1, dv_idx,
          arrayMap((a, b) -> a / n1 - b / n2, c1, c2) AS d,
          ${edges.join(',\n          ')}
        FROM (
          SELECT fi, n1, n2, ref_std, dv, ends1, c1, c2, ${coarse('dv')} AS dv_idx, ${coarse('c1')} AS c1_idx
          FROM (
            SELECT fi, n1, n2, ref_std,
              ${runEnds('vs', 'vs')} AS dv,
              ${runEnds('vs', 'arrayEnumerate(vs)')} AS ends1,
              ${runEnds('vs', 'arrayCumSum(sides)')} AS c2,
              arrayMap((a, b) -> toInt64(a) - b, ends1, c2) AS c1
            FROM (
              SELECT fi, n1, n2, ref_std, arrayConcat(${decode('neg', 'NEG')}, ${decode('pos', 'POS')}) AS vs,
                arrayConcat(arrayMap(k -> bitAnd(k, 1), neg), arrayMap(k -> bitAnd(k, 1), pos)) AS sides
              FROM (
                SELECT fi, n1, n2, ref_std, arraySort(arrayConcat(neg_ref, neg_cur)) AS neg, arraySort(arrayConcat(pos_ref, pos_cur)) AS pos
                FROM (
                  SELECT fi, countIf(in_ref) AS n1, countIf(in_cur) AS n2, stddevPopIf(v, in_ref) AS ref_std,
                    ${gatheredKeys('v < 0', 'neg')}, ${gatheredKeys('v >= 0', 'pos')}
                  FROM (SELECT fi, v, in_ref, in_cur, ${valueKey('v')} AS k FROM (${source.sql}))
                  GROUP BY fi
                )
              )
            )
          )
        )
      )
    )
    ${ONE_FEATURE_A_BLOCK}`;
  return { sql, params: source.params };
}

/**
 * Values one numeric query holds at most (8 bytes each in the windows'
 * arrays of its features, counted once a row: a row of overlapping windows
 * is held twice): features are queried in batches under it, one batch at a
 * time, so a wide report's memory is bounded; each batch reads the rows
 * again. Measured on 1,000 features × 100k vs 100k (200M values): one query
 * 25 s CPU and a peak of 3.5 GB RSS (about 14 bytes a value above the
 * process's own), two batches of 100M 32 s and 2.1 GB. The bound keeps
 * that report in one pass over its rows, a batch at about 3.5 GB at most.
 */
export const MAX_VALUES_PER_QUERY = 200_000_000;

/** Consecutive batches of features whose values add up to at most `budget` (a larger feature alone). */
export function batches<T extends { numbers: number }>(features: readonly T[], budget: number): T[][] {
  const out: T[][] = [];
  let sum = 0;
  for (const f of features) {
    if (out.length === 0 || sum + f.numbers > budget) {
      out.push([]);
      sum = 0;
    }
    out.at(-1)!.push(f);
    sum += f.numbers;
  }
  return out;
}

type StatsRow = { fi: number; n1: string; n2: string; ks: number | null; wasserstein: number | null; psi: number | null; ref_std: number | null };

export async function numericStats(client: ClickHouseClient, s: DriftScope, features: readonly FeatureRef[], budget = MAX_VALUES_PER_QUERY): Promise<NumericStats[]> {
  const byIndex = new Map<number, StatsRow>();
  let offset = 0;
  // One batch at a time: each query already uses every core.
  for (const batch of batches(features, budget)) {
    const { sql, params } = numericStatsSql(s, batch);
    for (const r of await rows<StatsRow>(client, sql, params)) byIndex.set(offset + Number(r.fi), r);
    offset += batch.length;
  }
  return features.map((_, i) => {
    const r = byIndex.get(i);
    if (!r) return { n1: 0, n2: 0, ks: null, wasserstein: null, psi: null, refStd: null };
    const [n1, n2] = [Number(r.n1), Number(r.n2)];
    const both = n1 > 0 && n2 > 0;
    return { n1, n2, ks: both ? num(r.ks) : null, wasserstein: both ? num(r.wasserstein) : null, psi: both ? num(r.psi) : null, refStd: num(r.ref_std) };
  });
}
