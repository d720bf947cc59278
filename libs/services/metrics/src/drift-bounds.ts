/**
 * PSI as an interval, for the approximate path of numeric drift
 * (drift-binned.ts), from what ClickHouse knows of each decile edge of the
 * reference: how many reference and current values are certainly below it,
 * and how many possibly are (values of bins that may straddle the edge).
 */

/** [low, high]: the exact statistic lies within. */
export type Interval = readonly [number, number];

/** Values below one edge: [certainly, possibly] (certainly ≤ possibly), reference and current. */
export interface EdgeCounts {
  ref: Interval;
  cur: Interval;
}

/**
 * PSI's edges, for both drift paths: the reference's quantiles at levels
 * k · 0.1 as Float64 (0.30000000000000004, …): with (n − 1)·q an integer the
 * edge is a data point, and the last bit of q decides its bin; these are the
 * levels the oracle (numpy) used.
 */
export const PSI_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => k * 0.1);
/** PSI's floor on a bin's share (the log of zero otherwise), for both drift paths. */
export const PSI_FLOOR = 1e-4;

/** PSI's term (c − r) ln(c / r) over the box r ∈ [r0, r1], c ∈ [c0, c1] (shares already floored, so positive). */
export function termRange([r0, r1]: Interval, [c0, c1]: Interval): Interval {
  const f = (r: number, c: number) => (c - r) * Math.log(c / r);
  // Convex in each share: the largest value is at a corner.
  const high = Math.max(f(r0, c0), f(r0, c1), f(r1, c0), f(r1, c1));
  // Zero where the shares can be equal; else it grows as they move apart (increasing in the larger share,
  // decreasing in the smaller), so the least is at the corner where they are closest.
  const low = r1 >= c0 && c1 >= r0 ? 0 : r0 > c1 ? f(r0, c1) : f(r1, c0);
  return [low, high];
}

/**
 * PSI = Σ (cur − ref) ln(cur / ref) over the ten bins the nine edges make.
 * A bin's count is the values below its upper edge minus those below its
 * lower one, so it lies between (certainly below the upper) − (possibly
 * below the lower) and (possibly below the upper) − (certainly below the
 * lower); each term's range over that box is summed (the boxes ignore that
 * the bins' counts add up to n, so the interval is safe, not tight).
 */
export function psiInterval(edges: readonly EdgeCounts[], n1: number, n2: number): Interval {
  const all: EdgeCounts[] = [{ ref: [0, 0], cur: [0, 0] }, ...edges, { ref: [n1, n1], cur: [n2, n2] }];
  let low = 0;
  let high = 0;
  for (let j = 1; j < all.length; j++) {
    const share = (side: 'ref' | 'cur', n: number): Interval => [
      Math.max(Math.max(0, all[j]![side][0] - all[j - 1]![side][1]) / n, PSI_FLOOR),
      Math.max((all[j]![side][1] - all[j - 1]![side][0]) / n, PSI_FLOOR),
    ];
    const [l, h] = termRange(share('ref', n1), share('cur', n2));
    low += l;
    high += h;
  }
  return [low, Math.max(low, high)];
}
