import { describe, expect, it } from 'vitest';
import { seededRandom as random } from '@tideline/runtime';
import { psiInterval, termRange, type EdgeCounts } from './drift-bounds.ts';

/** PSI of exact counts below each edge, as the exact path computes it from the sorted values. */
function psi(refBelow: number[], curBelow: number[], n1: number, n2: number) {
  const shares = (below: number[], n: number) => [...below, n].map((x, j) => Math.max((x - (j === 0 ? 0 : below[j - 1]!)) / n, 1e-4));
  const [r, c] = [shares(refBelow, n1), shares(curBelow, n2)];
  return r.reduce((sum, p, j) => sum + (c[j]! - p) * Math.log(c[j]! / p), 0);
}

/** Nine nondecreasing counts below the edges, out of n. */
const cumulative = (r: () => number, n: number) => Array.from({ length: 9 }, () => Math.floor(r() * (n + 1))).sort((a, b) => a - b);

describe('PSI from counts known to an interval', () => {
  it('is the exact PSI when every count is known', () => {
    const r = random(1);
    for (let i = 0; i < 50; i++) {
      const [ref, cur] = [cumulative(r, 1_000), cumulative(r, 700)];
      const edges: EdgeCounts[] = ref.map((x, j) => ({ ref: [x, x], cur: [cur[j]!, cur[j]!] }));
      const [low, high] = psiInterval(edges, 1_000, 700);
      expect(high - low).toBe(0);
      expect(low).toBeCloseTo(psi(ref, cur, 1_000, 700), 12);
    }
  });

  it('holds the PSI of any counts the intervals allow', () => {
    const r = random(2);
    for (let i = 0; i < 300; i++) {
      const [n1, n2] = [500 + Math.floor(r() * 1_000), 500 + Math.floor(r() * 1_000)];
      // True counts, and intervals around them that widen by whole straddling bins (a few % of the values, at most).
      const [ref, cur] = [cumulative(r, n1), cumulative(r, n2)];
      const widen = (x: number, n: number): [number, number] => [Math.max(0, x - Math.floor(r() * 0.03 * n)), Math.min(n, x + Math.floor(r() * 0.03 * n))];
      const edges: EdgeCounts[] = ref.map((x, j) => ({ ref: widen(x, n1), cur: widen(cur[j]!, n2) }));
      const [low, high] = psiInterval(edges, n1, n2);
      const truth = psi(ref, cur, n1, n2);
      expect(truth).toBeGreaterThanOrEqual(low - 1e-12);
      expect(truth).toBeLessThanOrEqual(high + 1e-12);
    }
  });

  it('bounds one term over a box by its corners, and by zero where the shares can meet', () => {
    const f = (r: number, c: number) => (c - r) * Math.log(c / r);
    expect(termRange([0.1, 0.2], [0.15, 0.3])[0]).toBe(0);
    expect(termRange([0.3, 0.4], [0.1, 0.2])).toEqual([f(0.3, 0.2), Math.max(f(0.4, 0.1), f(0.3, 0.1), f(0.4, 0.2), f(0.3, 0.2))]);
    const r = random(3);
    for (let i = 0; i < 1_000; i++) {
      const [r0, c0] = [1e-4 + r() * 0.5, 1e-4 + r() * 0.5];
      const [r1, c1] = [r0 + r() * 0.1, c0 + r() * 0.1];
      const [low, high] = termRange([r0, r1], [c0, c1]);
      const [x, y] = [r0 + r() * (r1 - r0), c0 + r() * (c1 - c0)];
      expect(f(x, y)).toBeGreaterThanOrEqual(low - 1e-15);
      expect(f(x, y)).toBeLessThanOrEqual(high + 1e-15);
    }
  });
});
