/**
 * Drift statistics from binned values, each as an interval the exact
 * statistic is guaranteed to lie in (the opt-in approximate path of
 * `drift` / `driftReport`, drift-binned.ts). Bins are disjoint value ranges
 * in ascending order; each knows its smallest and largest value and how
 * many reference and current values it holds. Nothing is assumed about
 * where values sit inside a bin, so every bound holds for any data: a bin
 * holding one distinct value (lo = hi) adds no uncertainty at all, which
 * makes integer-valued features exact.
 */

export interface Bin {
  lo: number;
  hi: number;
  ref: number;
  cur: number;
  /** Sums of the bin's reference and current values (they make the Wasserstein integral exact over most bins). */
  refSum: number;
  curSum: number;
}

/** [low, high]: the exact statistic lies within. */
export type Interval = readonly [number, number];

/** PSI's bins: reference deciles as numpy.quantile places them (linear interpolation), as the exact path does. */
const PSI_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => k * 0.1);
/** PSI's floor on a bin's share (log of zero otherwise), as the exact path. */
const PSI_FLOOR = 1e-4;

/**
 * KS = sup |F_ref − F_cur|. At the end of bin k the difference D_k is
 * exact (every value up to there is counted); inside a bin it is
 * D_{k−1} + a − b with a ∈ [0, p_k], b ∈ [0, q_k] (the bin's reference and
 * current shares), so sup |D_{k−1} + p_k| or |D_{k−1} − q_k| bounds it.
 */
export function ksInterval(bins: readonly Bin[], n1: number, n2: number): Interval {
  let d = 0;
  let low = 0;
  let high = 0;
  for (const b of bins) {
    const [p, q] = [b.ref / n1, b.cur / n2];
    if (b.hi > b.lo) high = Math.max(high, Math.abs(d + p), Math.abs(d - q));
    d += p - q;
    low = Math.max(low, Math.abs(d));
  }
  return [low, Math.max(low, high)];
}

/**
 * 1-Wasserstein = ∫ |F_ref − F_cur| dx. Between two bins the difference is
 * the exact D_k over a known gap. Across a bin's span [lo, hi] it is
 * f = D_{k−1} + A(x) − B(x), A and B the bin's reference and current
 * values up to x (shares), and ∫ A = Σ (hi − v) / n₁ over its reference
 * values: the bin's sums make ∫ f exact. Where f cannot change sign
 * (D_{k−1} − q_k ≥ 0, or D_{k−1} + p_k ≤ 0), ∫ |f| = |∫ f| exactly; else
 * it lies between |∫ f| and the span × the largest |f| can be.
 */
export function wassersteinInterval(bins: readonly Bin[], n1: number, n2: number): Interval {
  let d = 0;
  let low = 0;
  let high = 0;
  let previousHi: number | undefined;
  for (const b of bins) {
    if (previousHi !== undefined) {
      const gap = Math.abs(d) * (b.lo - previousHi);
      low += gap;
      high += gap;
    }
    const [p, q, span] = [b.ref / n1, b.cur / n2, b.hi - b.lo];
    const integral = Math.abs(span * d + (b.hi * b.ref - b.refSum) / n1 - (b.hi * b.cur - b.curSum) / n2);
    low += integral;
    high += d - q >= 0 || d + p <= 0 ? integral : Math.max(integral, span * Math.max(Math.abs(d + p), Math.abs(d - q)));
    d += p - q;
    previousHi = b.hi;
  }
  return [low, Math.max(low, high)];
}

/** The k-th smallest reference value (0-based) lies in this bin: its [lo, hi]. */
function referenceRank(bins: readonly Bin[], k: number): Interval {
  let seen = 0;
  for (const b of bins) {
    seen += b.ref;
    if (seen > k) return [b.lo, b.hi];
  }
  const last = bins.at(-1)!;
  return [last.lo, last.hi];
}

/** numpy's linear interpolation between the order statistics a and b at fraction t (its formula, so equal inputs give the exact path's edge). */
const lerp = (a: number, b: number, t: number) => (t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t);

/** Values below an edge known to lie in [eLow, eHigh]: [certainly below, possibly below], reference and all. */
function countsBelow(bins: readonly Bin[], [eLow, eHigh]: Interval) {
  const out: Record<'ref' | 'cur', [number, number]> = { ref: [0, 0], cur: [0, 0] };
  for (const b of bins) {
    if (b.hi < eLow) {
      out.ref[0] += b.ref;
      out.cur[0] += b.cur;
    } else if (!(b.lo < eHigh)) continue;
    // Certainly below, or straddling the edge (any part of it may be below).
    out.ref[1] += b.ref;
    out.cur[1] += b.cur;
  }
  return out;
}

/** PSI's term (c − r) ln(c / r) over the box r ∈ [r0, r1], c ∈ [c0, c1] (shares already floored). */
function termRange([r0, r1]: Interval, [c0, c1]: Interval): Interval {
  const f = (r: number, c: number) => (c - r) * Math.log(c / r);
  // Convex in each share: the largest value is at a corner.
  const high = Math.max(f(r0, c0), f(r0, c1), f(r1, c0), f(r1, c1));
  // Zero where the shares can be equal; else it grows as they move apart, so the least is at the closest corner.
  const low = r1 >= c0 && c1 >= r0 ? 0 : r0 > c1 ? f(r0, c1) : f(r1, c0);
  return [low, high];
}

/**
 * PSI over the reference's deciles. Each decile edge interpolates two
 * reference order statistics, each known to its bin's [lo, hi]; values of
 * bins that may straddle an edge may fall on either side, so each of the
 * ten bin counts is an interval, and so is each term of the sum.
 */
export function psiInterval(bins: readonly Bin[], n1: number, n2: number): Interval {
  const below = PSI_LEVELS.map((level) => {
    const h = (n1 - 1) * level;
    const i = Math.floor(h);
    const [a, b] = [referenceRank(bins, i), referenceRank(bins, Math.min(i + 1, n1 - 1))];
    return countsBelow(bins, [lerp(a[0], b[0], h - i), lerp(a[1], b[1], h - i)]);
  });
  const edges: Record<'ref' | 'cur', [number, number]>[] = [{ ref: [0, 0], cur: [0, 0] }, ...below, { ref: [n1, n1], cur: [n2, n2] }];
  let low = 0;
  let high = 0;
  for (let j = 1; j < edges.length; j++) {
    const share = (side: 'ref' | 'cur', n: number): Interval => [
      Math.max(Math.max(0, edges[j]![side][0] - edges[j - 1]![side][1]) / n, PSI_FLOOR),
      Math.max((edges[j]![side][1] - edges[j - 1]![side][0]) / n, PSI_FLOOR),
    ];
    const [l, h] = termRange(share('ref', n1), share('cur', n2));
    low += l;
    high += h;
  }
  return [low, Math.max(low, high)];
}
