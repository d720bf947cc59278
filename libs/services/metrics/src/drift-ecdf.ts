/**
 * PSI, KS, Wasserstein and the reference's standard deviation of one
 * numeric feature, from its two windows' values already sorted (by
 * ClickHouse, drift-numeric.ts): one merge pass over both arrays, no
 * allocation. The definitions are SciPy's and numpy's (README, Drift):
 * F_ref − F_cur at every distinct value of either window ('right'
 * searchsorted), KS its largest magnitude, Wasserstein its integral over the
 * gaps between consecutive distinct values; PSI over ten bins whose edges are
 * the reference's quantiles at k · 0.1 with linear interpolation.
 */

export interface NumericStats {
  n1: number;
  n2: number;
  ks: number | null;
  wasserstein: number | null;
  psi: number | null;
  refStd: number | null;
}

/**
 * Levels k · 0.1 as Float64 (0.30000000000000004, …): with (n − 1)·q an
 * integer the edge is a data point, and the last bit of q decides its bin;
 * these are the levels the oracle (numpy) used.
 */
const QUANTILES = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => k * 0.1);
/** PSI's floor under a bin's share, so that an empty bin has a finite term. */
const PSI_FLOOR = 1e-4;

/** Number of elements of the ascending `sorted` below x. */
function countBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** numpy's `quantile(…, method='linear')` of ascending values, with its lerp (exact at t = 0 and 1). */
function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  const t = h - lo;
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/** Population standard deviation, in two passes (numpy's `std`). */
function populationStd(values: Float64Array): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return Math.sqrt(squares / values.length);
}

/** PSI of the current values against the reference's deciles; a value equal to an edge falls in the upper bin. */
function psi(ref: Float64Array, cur: Float64Array): number {
  const edges = QUANTILES.map((q) => quantile(ref, q));
  const shares = (values: Float64Array) => {
    const below = [0, ...edges.map((e) => countBelow(values, e)), values.length];
    return below.slice(1).map((b, i) => Math.max((b - below[i]!) / values.length, PSI_FLOOR));
  };
  const r = shares(ref);
  const c = shares(cur);
  let sum = 0;
  for (let i = 0; i < r.length; i++) sum += (c[i]! - r[i]!) * Math.log(c[i]! / r[i]!);
  return sum;
}

/** KS and Wasserstein in one merge of the two ascending arrays (both non-empty). */
function ecdfDistances(ref: Float64Array, cur: Float64Array): { ks: number; wasserstein: number } {
  const [n1, n2] = [ref.length, cur.length];
  let [i, j] = [0, 0];
  let ks = 0;
  let wasserstein = 0;
  // The first distinct value: the ECDFs are 0 below it.
  let previous = Math.min(ref[0]!, cur[0]!);
  let previousD = 0;
  while (i < n1 || j < n2) {
    const x = i < n1 && (j >= n2 || ref[i]! <= cur[j]!) ? ref[i]! : cur[j]!;
    while (i < n1 && ref[i]! <= x) i++;
    while (j < n2 && cur[j]! <= x) j++;
    // F_ref − F_cur just right of x; its integral accrues over the gap before x.
    const d = i / n1 - j / n2;
    wasserstein += Math.abs(previousD) * (x - previous);
    ks = Math.max(ks, Math.abs(d));
    previous = x;
    previousD = d;
  }
  return { ks, wasserstein };
}

/** The statistics of one feature from its sorted windows; null where a window is empty. */
export function statsFromSorted(ref: Float64Array, cur: Float64Array): NumericStats {
  const refStd = populationStd(ref);
  if (ref.length === 0 || cur.length === 0) return { n1: ref.length, n2: cur.length, ks: null, wasserstein: null, psi: null, refStd };
  return { n1: ref.length, n2: cur.length, ...ecdfDistances(ref, cur), psi: psi(ref, cur), refStd };
}
