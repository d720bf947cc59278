import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, chiSquareSf, kolmogorovSf, ksPValue } from './statistics.ts';

const rel = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('chiSquareSf', () => {
  // Reference values: scipy.stats.chi2.sf(x, k).
  it.each([
    [3.84, 1, 0.05004352124870519],
    [0.5, 3, 0.9188914116546758],
    [10, 4, 0.04042768199451279],
    [50, 5, 1.3857973367009573e-9],
    [200, 9, 3.312992393909567e-38],
    [7.2, 2, 0.027323722447292555],
    [1e-3, 6, 0.9999999999791744],
  ])('chi2.sf(%d, %d)', (x, k, expected) => {
    expect(rel(chiSquareSf(x, k), expected)).toBeLessThan(1e-12);
  });

  it('is 1 at zero', () => expect(chiSquareSf(0, 3)).toBe(1));
});

describe('ksPValue', () => {
  // Reference values: scipy.stats.ks_2samp (method 'auto' → exact here).
  it.each([
    [0.125, 120, 80, 0.4184759411472115],
    [0.205, 200, 200, 0.0004306111484986726],
    [0.0238, 3000, 2500, 0.4158432970029822],
    [7 / 12, 10, 12, 0.027690575678191776],
  ])('exact for d=%d, n1=%d, n2=%d', (d, n1, n2, expected) => {
    expect(rel(ksPValue(d, n1, n2), expected)).toBeLessThan(1e-9);
  });

  it('is asymptotic beyond 10000 rows, close to scipy.stats.kstwo.sf(d, round(n1·n2/(n1+n2)))', () => {
    // scipy: kstwo.sf(0.012, 20000), kstwo.sf(0.005, 50000)
    expect(Math.abs(ksPValue(0.012, 40_000, 40_000) - 0.006251252284121751)).toBeLessThan(2e-4);
    expect(Math.abs(ksPValue(0.005, 100_000, 100_000) - 0.16353363492434803)).toBeLessThan(1e-3);
    expect(Math.abs(kolmogorovSf(0.02, 5000) - 0.03613941395325637)).toBeLessThan(1e-3);
  });
});

describe('benjaminiHochberg', () => {
  it('matches a hand computation (R p.adjust "BH")', () => {
    // sorted: 0.01 (m/1), 0.02 (m/2), 0.03 (m/3), 0.04 (m/4), 0.5 (m/5), m = 5
    // raw m·p/rank: 0.05, 0.05, 0.05, 0.05, 0.5 → step-up minimum keeps them.
    const adjusted = benjaminiHochberg([0.04, 0.5, 0.01, 0.03, 0.02]);
    expect(adjusted.map((p) => Number(p!.toFixed(12)))).toEqual([0.05, 0.5, 0.05, 0.05, 0.05]);
  });

  it('takes the running minimum from the largest p down, caps at 1, skips nulls', () => {
    // m = 3: 0.01·3/1 = 0.03, 0.04·3/2 = 0.06, 0.045·3/3 = 0.045 → 0.03, 0.045, 0.045
    expect(benjaminiHochberg([0.045, null, 0.01, 0.04]).map((p) => (p === null ? null : Number(p.toFixed(12))))).toEqual([0.045, null, 0.03, 0.045]);
    expect(benjaminiHochberg([0.9, 0.8])).toEqual([0.9, 0.9]);
    expect(benjaminiHochberg([1, 1, 1])).toEqual([1, 1, 1]);
  });
});
