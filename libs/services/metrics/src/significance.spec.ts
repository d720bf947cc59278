import { describe, expect, it } from 'vitest';
import { erfc, mcnemar, normalTwoSided, pairedZ, rowStatistic, twoProportionZ, welchZ } from './significance.ts';

describe('significance', () => {
  it('erfc and the two-sided normal p-value match reference values', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 7);
    expect(erfc(-1)).toBeCloseTo(1.842700792949715, 7);
    expect(normalTwoSided(1.959963984540054)).toBeCloseTo(0.05, 6);
    expect(normalTwoSided(Number.POSITIVE_INFINITY)).toBe(0);
    expect(normalTwoSided(Number.NaN)).toBeNull();
  });

  it('two-proportion z-test (pooled), as statsmodels proportions_ztest', () => {
    const r = twoProportionZ(45, 100, 30, 100)!;
    expect(r.statistic).toBeCloseTo(2.1908902300206643, 9);
    expect(r.pValue).toBeCloseTo(0.028459736916310, 6);
    expect(twoProportionZ(0, 0, 3, 10)).toBeNull();
    expect(twoProportionZ(10, 10, 5, 5)).toBeNull();
  });

  it('Welch z on moments', () => {
    // a = [1, 2, 3, 4], b = [2, 4, 6, 8]: means 2.5 / 5, variances 5/3 and 20/3.
    const r = welchZ({ n: 4, sum: 10, sumSquares: 30 }, { n: 4, sum: 20, sumSquares: 120 })!;
    expect(r.statistic).toBeCloseTo(-2.5 / Math.sqrt(5 / 12 + 20 / 12), 9);
    expect(welchZ({ n: 1, sum: 1, sumSquares: 1 }, { n: 4, sum: 20, sumSquares: 120 })).toBeNull();
  });

  it("McNemar: exact binomial below 25 discordant pairs, chi-square above", () => {
    expect(mcnemar(2, 8)!.pValue).toBeCloseTo(0.109375, 12);
    expect(mcnemar(5, 5)!.pValue).toBe(1);
    const big = mcnemar(30, 10)!;
    expect(big.statistic).toBe(10);
    expect(big.pValue).toBeCloseTo(0.0015654022580025, 6);
    expect(mcnemar(0, 0)).toBeNull();
  });

  it('paired z on differences', () => {
    // d = [1, 2, 3]: mean 2, sd 1.
    expect(pairedZ({ n: 3, sum: 6, sumSquares: 14 })!.statistic).toBeCloseTo(2 * Math.sqrt(3), 9);
    expect(pairedZ({ n: 3, sum: 3, sumSquares: 3 })).toBeNull();
  });

  it('knows which metrics have a test', () => {
    expect(rowStatistic('ACCURACY', 'BINARY')?.kind).toBe('PROPORTION');
    expect(rowStatistic('ACCURACY', 'MULTICLASS')?.kind).toBe('PROPORTION');
    expect(rowStatistic('LOG_LOSS', 'BINARY')?.kind).toBe('MEAN');
    expect(rowStatistic('RMSE', 'REGRESSION')?.kind).toBe('MEAN');
    expect(rowStatistic('ROC_AUC', 'BINARY')).toBeUndefined();
    expect(rowStatistic('PRECISION', 'MULTICLASS')).toBeUndefined();
  });
});
