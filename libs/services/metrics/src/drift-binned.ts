import type { ClickHouseClient } from '@tideline/clickhouse';
import { rows } from '@tideline/store';
import { PSI_LEVELS, psiInterval, type EdgeCounts, type Interval } from './drift-bounds.ts';
import { featureValues, numpyLerp } from './drift-numeric.ts';
import { num, type DriftScope, type FeatureRef, type NumericStats } from './drift-sql.ts';

/**
 * The opt-in approximate path of numeric drift (`approximate: true`): each
 * feature's values are counted into bins instead of sorted, and KS,
 * Wasserstein and PSI come with an interval the exact statistic is
 * guaranteed to lie in, answered as the interval's middle ± its half-width.
 * Nothing is assumed about where values sit inside a bin, so the bounds hold
 * for any data; a bin holding one distinct value (lo = hi) adds no
 * uncertainty, which makes integer-valued features exact.
 *
 * A bin is the set of values whose order-preserving 64-bit image shares its
 * top 21 bits (sign, exponent and MANTISSA_BITS of mantissa): bins follow the
 * value's magnitude (2^9 a power of two, each about 0.2 % of its values'
 * magnitude wide), so zeros, negative values and outliers cost no precision
 * elsewhere and no first pass for a range is needed. A feature whose spread
 * is small beside its magnitude (years, say) lands in few bins: its
 * errorBound says so. Counting is one hash aggregation by (feature, bin) in
 * a single UInt64 key, with no array of values held; the intervals are
 * computed in ClickHouse from each feature's sorted bins, and only the
 * counts around PSI's edges come back (sending 105k bins back as JSON cost
 * 0.6 s of a 1.4 s query). On 20 features × 1M vs 1M values of 0–10, 10 bits
 * made 210k bins, 9 bits half as many with bounds twice as wide.
 */
const MANTISSA_BITS = 9;

/**
 * Most numeric features a request answers from bins, in one query; a wider
 * request is answered exactly (errorBound 0), which is faster there: with
 * 1,000 features the aggregation's hash table holds millions of bins and
 * misses the cache on every value (1,000 × 100k vs 100k: binned 24.7 s wall,
 * 44 s CPU in one query, 46.9 s in batches of 100 that each read the rows
 * again; exact 19.7 s, 28.8 s CPU).
 */
export const BINNED_MAX_FEATURES = 100;

/**
 * Past this much memory the aggregation spills to disk rather than grow:
 * bins are at most one a distinct value, so a request of features with
 * millions of distinct values each stays bounded.
 */
const GROUP_BY_MEMORY = 1_000_000_000;

const ORDERED_BITS = `if(v >= 0, bitOr(reinterpretAsUInt64(v + 0.), 9223372036854775808), bitNot(reinterpretAsUInt64(v)))`;
/** The feature's index above the bin's 1 + 11 + MANTISSA_BITS bits, in one key. */
const FEATURE_SHIFT = 32;

/** The edge between the order statistics at bins ia, ib of `arr` (the bins' lows or highs). */
const lerp = (arr: string, j: number) => numpyLerp(`${arr}[ia${j}]`, `${arr}[ib${j}]`, `t${j}`);
/** Bins whose `arr` value is below x: the first ones, as bins are in value order (so are their lows and highs). */
const binsBelow = (arr: string, x: string) => `arrayCount(y -> y < ${x}, ${arr})`;

/**
 * Per feature, over its bins in value order (p, q: the bins' reference and
 * current shares; D_k = F_ref − F_cur at the end of bin k, exact there):
 * - KS: at least max |D_k|; inside bin k the difference is D_{k−1} + a − b
 *   with a ≤ p_k, b ≤ q_k, so at most max |D_{k−1} + p_k|, |D_{k−1} − q_k|.
 * - Wasserstein, ∫ |F_ref − F_cur|: between bins |D_k| × the gap, exactly;
 *   across a bin's span f = D_{k−1} + A(x) − B(x) and ∫ A = Σ (hi − v) / n₁
 *   over its reference values, so the bins' sums make ∫ f exact. Where f
 *   keeps its sign (D_{k−1} − q_k ≥ 0 or D_{k−1} + p_k ≤ 0) ∫ |f| = |∫ f|;
 *   else it lies between |∫ f| and span × the largest |f| can be.
 * - The reference's standard deviation, exactly: bins' within variance
 *   (s2 − s1²/n, small cancellation in a narrow bin) plus between variance.
 * - PSI's edges: each interpolates two reference order statistics, each
 *   known to its bin's [lo, hi]; the reference and current values certainly
 *   below the edge (bins wholly below its lowest place) and possibly below
 *   (bins starting below its highest): psiInterval (drift-bounds.ts).
 * Each level is a subquery so that lambdas capture only scalar columns of
 * the level below (drift-numeric.ts: an alias substituted into a lambda
 * makes it capture the arrays it reads, copied per element).
 */
function binnedSql(s: DriftScope, features: readonly FeatureRef[]) {
  const source = featureValues(s, features);
  const levels = PSI_LEVELS.map((_, j) => j);
  const positions = PSI_LEVELS.map((q, j) => {
    const h = `((n1 - 1) * ${String(q)})`;
    return `${h} - floor(${h}) AS t${j}, arrayFirstIndex(x -> x > toUInt64(floor(${h})), cr0) - 1 AS ia${j},
        arrayFirstIndex(x -> x > least(toUInt64(floor(${h})) + 1, n1 - 1), cr0) - 1 AS ib${j}`;
  });
  const edges = levels.map((j) => `${lerp('los', j)} AS elo${j}, ${lerp('his', j)} AS ehi${j}`);
  const counts = (side: string, bound: 'lo' | 'hi') =>
    `[${levels.map((j) => (bound === 'lo' ? `${side}[${binsBelow('his', `elo${j}`)} + 1]` : `${side}[${binsBelow('los', `ehi${j}`)} + 1]`)).join(', ')}]`;
  const sql = `
    SELECT fi, n1, n2, ref_std, ks_low, ks_high, w_low, w_high,
      ${counts('cr0', 'lo')} AS ref_lo, ${counts('cr0', 'hi')} AS ref_hi, ${counts('cc0', 'lo')} AS cur_lo, ${counts('cc0', 'hi')} AS cur_hi
    FROM (
      SELECT fi, n1, n2, los, his, cr0, cc0, ${edges.join(', ')},
        sqrt(arraySum(arrayMap((nr, s1, s2) -> if(nr = 0, 0, greatest(0, s2 - s1 * s1 / nr) + nr * pow(s1 / nr - mean, 2)), nrs, s1s, s2s)) / n1) AS ref_std,
        arrayMax(arrayMap(d -> abs(d), dd)) AS ks_low,
        greatest(ks_low, arrayMax(arrayMap((d, a, b, lo, hi) -> if(hi > lo, greatest(abs(d + a), abs(d - b)), 0), dprev, p, q, los, his))) AS ks_high,
        arraySum(arrayMap((d, next, hi) -> abs(d) * (next - hi), arrayPopBack(dd), arrayPopFront(los), arrayPopBack(his))) AS gaps,
        gaps + arraySum(integrals) AS w_low,
        gaps + arraySum(arrayMap((i, d, a, b, lo, hi) -> if(d - b >= 0 OR d + a <= 0, i, greatest(i, (hi - lo) * greatest(abs(d + a), abs(d - b)))),
          integrals, dprev, p, q, los, his)) AS w_high
      FROM (
        SELECT fi, n1, n2, los, his, nrs, s1s, s2s, cr0, cc0, p, q, dd, dprev, mean, ${positions.join(',\n          ')},
          arrayMap((d, lo, hi, nr, nc, s1, sc) -> abs((hi - lo) * d + (hi * nr - s1) / n1 - (hi * nc - sc) / n2), dprev, los, his, nrs, ncs, s1s, scs) AS integrals
        FROM (
          SELECT fi, n1, n2, los, his, nrs, ncs, s1s, s2s, scs, arrayPushFront(arrayCumSum(nrs), 0) AS cr0, arrayPushFront(arrayCumSum(ncs), 0) AS cc0,
            arrayMap(x -> x / n1, nrs) AS p, arrayMap(x -> x / n2, ncs) AS q, arrayCumSum(arrayMap((a, b) -> a / n1 - b / n2, nrs, ncs)) AS dd,
            arrayPushFront(arrayPopBack(dd), 0) AS dprev, arraySum(s1s) / n1 AS mean
          FROM (
            SELECT toUInt16(bitShiftRight(k, ${FEATURE_SHIFT})) AS fi, arraySort(b -> b.1, groupArray((lo, hi, nr, nc, s1, s2, sc))) AS bins,
              arrayMap(b -> b.1, bins) AS los, arrayMap(b -> b.2, bins) AS his, arrayMap(b -> b.3, bins) AS nrs, arrayMap(b -> b.4, bins) AS ncs,
              arrayMap(b -> b.5, bins) AS s1s, arrayMap(b -> b.6, bins) AS s2s, arrayMap(b -> b.7, bins) AS scs, arraySum(nrs) AS n1, arraySum(ncs) AS n2
            FROM (
              SELECT bitOr(bitShiftLeft(toUInt64(fi), ${FEATURE_SHIFT}), bitShiftRight(${ORDERED_BITS}, ${52 - MANTISSA_BITS})) AS k, min(v) AS lo, max(v) AS hi,
                countIf(in_ref) AS nr, countIf(in_cur) AS nc, sumIf(v, in_ref) AS s1, sumIf(v * v, in_ref) AS s2, sumIf(v, in_cur) AS sc
              FROM (${source.sql})
              GROUP BY k
            )
            GROUP BY fi
          )
        )
      )
    )
    SETTINGS max_bytes_before_external_group_by = ${GROUP_BY_MEMORY}`;
  return { sql, params: source.params };
}

type Num = string | number;
type BinnedRow = { fi: number; n1: Num; n2: Num; ref_std: number | null; ks_low: number; ks_high: number; w_low: number; w_high: number } & Record<
  'ref_lo' | 'ref_hi' | 'cur_lo' | 'cur_hi',
  Num[]
>;

/** The middle of an interval and its half-width. */
const centred = ([low, high]: Interval) => ({ value: (low + high) / 2, bound: Math.max(0, high - low) / 2 });

/** Numeric drift statistics from bins (at most BINNED_MAX_FEATURES, one query), with `bounds` (half-widths) of KS, Wasserstein and PSI. */
export async function binnedStats(client: ClickHouseClient, s: DriftScope, features: readonly FeatureRef[]): Promise<NumericStats[]> {
  if (features.length > BINNED_MAX_FEATURES) throw new Error(`binnedStats takes at most ${BINNED_MAX_FEATURES} features`);
  if (features.length === 0) return [];
  const { sql, params } = binnedSql(s, features);
  const byIndex = new Map((await rows<BinnedRow>(client, sql, params)).map((r) => [Number(r.fi), r]));
  return features.map((_, i): NumericStats => {
    const r = byIndex.get(i);
    const [n1, n2] = [Number(r?.n1 ?? 0), Number(r?.n2 ?? 0)];
    const refStd = n1 === 0 ? null : num(r!.ref_std);
    if (!r || n1 === 0 || n2 === 0) return { n1, n2, ks: null, wasserstein: null, psi: null, refStd };
    const edges: EdgeCounts[] = PSI_LEVELS.map((_, j) => ({ ref: [Number(r.ref_lo[j]), Number(r.ref_hi[j])], cur: [Number(r.cur_lo[j]), Number(r.cur_hi[j])] }));
    const [ks, wasserstein, psi] = [centred([r.ks_low, r.ks_high]), centred([r.w_low, r.w_high]), centred(psiInterval(edges, n1, n2))];
    return { n1, n2, ks: ks.value, wasserstein: wasserstein.value, psi: psi.value, refStd, bounds: { ks: ks.bound, wasserstein: wasserstein.bound, psi: psi.bound } };
  });
}
