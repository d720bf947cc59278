import { describe, expect, it } from 'vitest';
import { ksInterval, psiInterval, wassersteinInterval, type Bin } from './drift-bounds.ts';

/** The bins drift-binned.ts asks ClickHouse for: values grouped by the top bits of their order-preserving image. */
function binsOf(ref: number[], cur: number[], mantissaBits: number): Bin[] {
  const f = new Float64Array(1);
  const u = new BigUint64Array(f.buffer);
  const key = (v: number) => {
    f[0] = v + 0;
    const bits = v >= 0 ? u[0]! | (1n << 63n) : ~u[0]! & ((1n << 64n) - 1n);
    return bits >> BigInt(52 - mantissaBits);
  };
  const byKey = new Map<bigint, Bin>();
  const add = (v: number, side: 'ref' | 'cur') => {
    const k = key(v);
    const b = byKey.get(k) ?? { lo: v, hi: v, ref: 0, cur: 0, refSum: 0, curSum: 0 };
    b.lo = Math.min(b.lo, v);
    b.hi = Math.max(b.hi, v);
    b[side]++;
    b[`${side}Sum`] += v;
    byKey.set(k, b);
  };
  ref.forEach((v) => add(v, 'ref'));
  cur.forEach((v) => add(v, 'cur'));
  return [...byKey.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, b]) => b);
}

const sorted = (x: number[]) => Float64Array.from(x).sort();
/** Values of the ascending array `s` that are ≤ x (searchsorted 'right'). */
function upTo(s: Float64Array, x: number) {
  let [lo, hi] = [0, s.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The exact statistics as SciPy and numpy define them (what drift-numeric.ts computes). */
function exact(ref: number[], cur: number[]) {
  const [r, c] = [sorted(ref), sorted(cur)];
  const all = sorted([...ref, ...cur]);
  let ks = 0;
  let w = 0;
  for (let i = 0; i < all.length; i++) {
    const d = upTo(r, all[i]!) / r.length - upTo(c, all[i]!) / c.length;
    ks = Math.max(ks, Math.abs(d));
    if (i + 1 < all.length) w += Math.abs(d) * (all[i + 1]! - all[i]!);
  }
  const edges = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => {
    const h = (r.length - 1) * k * 0.1;
    const i = Math.floor(h);
    const [a, b, t] = [r[i]!, r[Math.min(i + 1, r.length - 1)]!, h - i];
    return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
  });
  const shares = (s: Float64Array) => {
    const below = [0, ...edges.map((e) => lowerBound(s, e)), s.length];
    return below.slice(1).map((x, j) => Math.max((x - below[j]!) / s.length, 1e-4));
  };
  const [rs, cs] = [shares(r), shares(c)];
  const psi = rs.reduce((sum, p, j) => sum + (cs[j]! - p) * Math.log(cs[j]! / p), 0);
  return { ks, wasserstein: w, psi };
}
/** Values of `s` below x. */
function lowerBound(s: Float64Array, x: number) {
  let [lo, hi] = [0, s.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A deterministic generator (mulberry32): the cases are the same every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CASES: Record<string, (r: () => number, shifted: boolean) => number> = {
  'uniform, half shifted': (r, s) => r() * 10 + (s ? 0.5 : 0),
  'integers with ties': (r, s) => Math.floor(r() * 20) + (s && r() < 0.3 ? 1 : 0),
  'an offset far above the spread': (r, s) => 2020 + r() + (s ? 0.05 : 0),
  'signed values, zeros and outliers': (r, s) => (r() < 0.01 ? 1e6 : r() < 0.05 ? 0 : (r() - 0.5) * 4 + (s ? 0.2 : 0)),
  'identical distributions': (r) => r() * r(),
};

describe('drift statistics from bins', () => {
  for (const [name, draw] of Object.entries(CASES)) {
    it(`hold the exact KS, Wasserstein and PSI within their intervals: ${name}`, () => {
      const r = random(name.length);
      const ref = Array.from({ length: 3_000 }, () => draw(r, false));
      const cur = Array.from({ length: 2_000 }, () => draw(r, true));
      const truth = exact(ref, cur);
      for (const bits of [2, 6, 10]) {
        const bins = binsOf(ref, cur, bits);
        for (const [stat, [low, high]] of [
          ['ks', ksInterval(bins, ref.length, cur.length)],
          ['wasserstein', wassersteinInterval(bins, ref.length, cur.length)],
          ['psi', psiInterval(bins, ref.length, cur.length)],
        ] as const) {
          const slack = 1e-9 * Math.max(1, Math.abs(truth[stat]));
          expect(truth[stat], `${stat} with ${bits} bits`).toBeGreaterThanOrEqual(low - slack);
          expect(truth[stat], `${stat} with ${bits} bits`).toBeLessThanOrEqual(high + slack);
        }
      }
    });
  }

  it('are exact for integer values (every bin one value) and tight for continuous ones at 10 bits', () => {
    const r = random(7);
    const ints = [Array.from({ length: 2_000 }, () => Math.floor(r() * 50)), Array.from({ length: 2_000 }, () => Math.floor(r() * 55))];
    const truth = exact(ints[0]!, ints[1]!);
    const bins = binsOf(ints[0]!, ints[1]!, 10);
    const [ksl, ksh] = ksInterval(bins, 2_000, 2_000);
    expect(ksh - ksl).toBe(0);
    expect(ksl).toBeCloseTo(truth.ks, 12);
    const [wl, wh] = wassersteinInterval(bins, 2_000, 2_000);
    expect(wh - wl).toBeLessThan(1e-12);
    expect(wl).toBeCloseTo(truth.wasserstein, 9);
    const [pl, ph] = psiInterval(bins, 2_000, 2_000);
    expect(ph - pl).toBeLessThan(1e-12);
    expect(pl).toBeCloseTo(truth.psi, 9);

    const cont = [Array.from({ length: 20_000 }, () => r() * 10), Array.from({ length: 20_000 }, () => r() * 10 + 0.3)];
    const cb = binsOf(cont[0]!, cont[1]!, 10);
    const [kl, kh] = ksInterval(cb, 20_000, 20_000);
    expect(kh - kl).toBeLessThan(0.003);
    const [al, ah] = wassersteinInterval(cb, 20_000, 20_000);
    expect((ah - al) / exact(cont[0]!, cont[1]!).wasserstein).toBeLessThan(0.05);
  });
});
