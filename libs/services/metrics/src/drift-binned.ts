import type { ClickHouseClient } from '@tideline/clickhouse';
import { rows } from '@tideline/store';
import { ksInterval, psiInterval, wassersteinInterval, type Bin, type Interval } from './drift-bounds.ts';
import { featureValues } from './drift-numeric.ts';
import type { DriftScope, FeatureRef, NumericStats } from './drift-sql.ts';

/**
 * The opt-in approximate path of numeric drift (`approximate: true`): each
 * feature's values are counted into bins instead of sorted, and KS,
 * Wasserstein and PSI come with the interval the exact statistic lies in
 * (drift-bounds.ts), answered as the interval's middle ± its half-width.
 *
 * A bin is the set of values whose order-preserving 64-bit image shares its
 * top 21 bits (sign, exponent and MANTISSA_BITS of mantissa): bins follow the
 * value's magnitude (2^9 a power of two, each about 0.2 % of its values'
 * magnitude wide), so zeros, negative values and outliers cost no precision
 * elsewhere and no first pass for a range is needed. A feature whose spread
 * is small beside its magnitude (years, say) lands in few bins: its
 * errorBound says so. Counting is one hash aggregation by (feature, bin) in
 * a single UInt64 key, with no array of values held.
 *
 * MANTISSA_BITS trades the bound against the bins sent back to Node: on 20
 * features × 1M vs 1M values of 0–10 (the benchmark's), 10 bits made 210k
 * bins (11 MB of JSON) and 1.3 s for the query, 9 bits 0.85 s, 8 bits 0.8 s
 * with bounds twice as wide again; the aggregation itself took 0.6 s.
 */
const MANTISSA_BITS = 9;

/** Features one binned query reads at most (each may return thousands of bins; wider reports read the rows again per batch). */
export const BINNED_FEATURES_PER_QUERY = 100;

const ORDERED_BITS = `if(v >= 0, bitOr(reinterpretAsUInt64(v + 0.), 9223372036854775808), bitNot(reinterpretAsUInt64(v)))`;
/** The feature's index above the bin's 1 + 11 + MANTISSA_BITS bits, in one key. */
const FEATURE_SHIFT = 32;

/**
 * Each bin with the sums of its reference and current values (the
 * Wasserstein integral, drift-bounds.ts) and the reference's sum of
 * squares: the reference's standard deviation is combined from them in
 * Node (bins are narrow, so a bin's own variance loses little to
 * cancellation), where a stddevPop state per bin cost the query 0.7 s.
 */
function binnedSql(s: DriftScope, features: readonly FeatureRef[]) {
  const source = featureValues(s, features);
  const sql = `
    SELECT toUInt16(bitShiftRight(k, ${FEATURE_SHIFT})) AS fi, groupArray((lo, hi, nr, nc, s1, s2, sc)) AS bins
    FROM (
      SELECT bitOr(bitShiftLeft(toUInt64(fi), ${FEATURE_SHIFT}), bitShiftRight(${ORDERED_BITS}, ${52 - MANTISSA_BITS})) AS k, min(v) AS lo, max(v) AS hi,
        toUInt32(countIf(in_ref)) AS nr, toUInt32(countIf(in_cur)) AS nc, sumIf(v, in_ref) AS s1, sumIf(v * v, in_ref) AS s2, sumIf(v, in_cur) AS sc
      FROM (${source.sql})
      GROUP BY k
    )
    GROUP BY fi`;
  return { sql, params: source.params };
}

type BinRow = [lo: number, hi: number, ref: number, cur: number, refSum: number, refSquares: number, curSum: number];
type BinnedRow = { fi: number; bins: BinRow[] };

/**
 * The population standard deviation of the reference values, from each
 * bin's count, sum and sum of squares: bin by bin, with Chan et al.'s
 * pairwise update of the mean and the sum of squared deviations.
 */
function referenceStd(bins: readonly BinRow[]): number | null {
  let [n, mean, m2] = [0, 0, 0];
  for (const [, , nr, , s1, s2] of bins) {
    if (nr === 0) continue;
    const [binMean, binM2] = [s1 / nr, Math.max(0, s2 - (s1 * s1) / nr)];
    const delta = binMean - mean;
    const total = n + nr;
    mean += (delta * nr) / total;
    m2 += binM2 + (delta * delta * n * nr) / total;
    n = total;
  }
  return n === 0 ? null : Math.sqrt(m2 / n);
}

/** The middle of an interval and its half-width. */
const centred = ([low, high]: Interval) => ({ value: (low + high) / 2, bound: (high - low) / 2 });

/** Numeric drift statistics from bins, with `bounds` (half-widths) of KS, Wasserstein and PSI. */
export async function binnedStats(client: ClickHouseClient, s: DriftScope, features: readonly FeatureRef[]): Promise<NumericStats[]> {
  const out: NumericStats[] = [];
  for (let start = 0; start < features.length; start += BINNED_FEATURES_PER_QUERY) {
    const batch = features.slice(start, start + BINNED_FEATURES_PER_QUERY);
    const { sql, params } = binnedSql(s, batch);
    const byIndex = new Map((await rows<BinnedRow>(client, sql, params)).map((r) => [Number(r.fi), r]));
    batch.forEach((_, i) => {
      const raw = byIndex.get(i)?.bins ?? [];
      // Bins are disjoint ranges of values: in order of their smallest value.
      const bins: Bin[] = raw.map(([lo, hi, ref, cur, refSum, , curSum]) => ({ lo, hi, ref, cur, refSum, curSum })).sort((a, b) => a.lo - b.lo);
      const [n1, n2] = [bins.reduce((n, b) => n + b.ref, 0), bins.reduce((n, b) => n + b.cur, 0)];
      const refStd = referenceStd(raw);
      if (n1 === 0 || n2 === 0) {
        out.push({ n1, n2, ks: null, wasserstein: null, psi: null, refStd });
        return;
      }
      const [ks, wasserstein, psi] = [ksInterval(bins, n1, n2), wassersteinInterval(bins, n1, n2), psiInterval(bins, n1, n2)].map(centred);
      out.push({ n1, n2, ks: ks!.value, wasserstein: wasserstein!.value, psi: psi!.value, refStd, bounds: { ks: ks!.bound, wasserstein: wasserstein!.bound, psi: psi!.bound } });
    });
  }
  return out;
}
