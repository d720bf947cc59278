import type { ClickHouseClient } from '@tideline/clickhouse';
import { rows } from '@tideline/store';
import { ksInterval, psiInterval, wassersteinInterval, type Bin, type Interval } from './drift-bounds.ts';
import { featureValues } from './drift-numeric.ts';
import { num, type DriftScope, type FeatureRef, type NumericStats } from './drift-sql.ts';

/**
 * The opt-in approximate path of numeric drift (`approximate: true`): each
 * feature's values are counted into bins instead of sorted, and KS,
 * Wasserstein and PSI come with the interval the exact statistic lies in
 * (drift-bounds.ts), answered as the interval's middle ± its half-width.
 *
 * A bin is the set of values whose order-preserving 64-bit image shares its
 * top 22 bits (sign, exponent and MANTISSA_BITS of mantissa): bins follow the
 * value's magnitude (2^10 a power of two, each about 0.1 % of its values'
 * magnitude wide), so zeros, negative values and outliers cost no precision
 * elsewhere and no first pass for a range is needed. A feature whose spread
 * is small beside its magnitude (years, say) lands in few bins: its
 * errorBound says so. Counting is a hash aggregation by (feature, bin), with
 * no array of values held: measured on 20 features × 2M values, 0.8 s
 * against 3.1–3.6 s for the exact path.
 */
const MANTISSA_BITS = 10;

/** Features one binned query reads at most (each may return thousands of bins; wider reports read the rows again per batch). */
export const BINNED_FEATURES_PER_QUERY = 100;

const ORDERED_BITS = `if(v >= 0, bitOr(reinterpretAsUInt64(v + 0.), 9223372036854775808), bitNot(reinterpretAsUInt64(v)))`;

function binnedSql(s: DriftScope, features: readonly FeatureRef[]) {
  const source = featureValues(s, features);
  const sql = `
    SELECT fi, stddevPopIfMerge(sd) AS ref_std, arraySort(b -> b.1, groupArray((bin, lo, hi, nr, nc))) AS bins
    FROM (
      SELECT fi, bitShiftRight(${ORDERED_BITS}, ${52 - MANTISSA_BITS}) AS bin, min(v) AS lo, max(v) AS hi,
        countIf(in_ref) AS nr, countIf(in_cur) AS nc, stddevPopIfState(v, in_ref) AS sd
      FROM (${source.sql})
      GROUP BY fi, bin
    )
    GROUP BY fi`;
  return { sql, params: source.params };
}

type BinnedRow = { fi: number; ref_std: number | null; bins: [string, number, number, string, string][] };

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
      const r = byIndex.get(i);
      const bins: Bin[] = (r?.bins ?? []).map(([, lo, hi, ref, cur]) => ({ lo, hi, ref: Number(ref), cur: Number(cur) }));
      const [n1, n2] = [bins.reduce((n, b) => n + b.ref, 0), bins.reduce((n, b) => n + b.cur, 0)];
      if (n1 === 0 || n2 === 0) {
        out.push({ n1, n2, ks: null, wasserstein: null, psi: null, refStd: n1 === 0 ? null : num(r?.ref_std) });
        return;
      }
      const [ks, wasserstein, psi] = [ksInterval(bins, n1, n2), wassersteinInterval(bins, n1, n2), psiInterval(bins, n1, n2)].map(centred);
      out.push({ n1, n2, ks: ks!.value, wasserstein: wasserstein!.value, psi: psi!.value, refStd: num(r?.ref_std), bounds: { ks: ks!.bound, wasserstein: wasserstein!.bound, psi: psi!.bound } });
    });
  }
  return out;
}
