/**
 * Drift against the oracle (SciPy 1.10 / numpy values for synthetic traffic,
 * see libs/testing/oracle/README.md) through Tideline's public interfaces only:
 * the platform process ingests the classifier's predictions over HTTP and
 * every `expected.drift` value (day1 versus day0, every slice) is asked of
 * the gateway. Tolerances: KS, Wasserstein, PSI, Jensen–Shannon and the
 * chi-square p-value 1e-9 relative (Float64 end to end); the KS p-value the
 * same decision at 0.05 and 1e-3 absolute when above 1e-6 (the README's).
 */
import { describe, expect, it } from 'vitest';
import { loadOracle } from '@tideline/testing';
import { oracleDay, oracleSlice, relativeMismatch, useOraclePlatform } from './oracle-fixture.ts';

const oracle = loadOracle();
const gql = useOraclePlatform({ models: ['churn'], feedback: false });

/** Oracle feature → Tideline feature name. */
const FEATURES: Record<string, string> = { x1: 'features.x1', x2: 'features.x2', score: 'output.score', device: 'tags.device' };

interface Entry {
  feature: string;
  method: string;
  statistic: number | null;
  pValue: number | null;
}

describe('drift agrees with the oracle (SciPy 1.10) through the gateway', () => {
  it('every statistic of every feature and slice, day1 versus day0 (one driftReport per slice)', async () => {
    const mismatches: string[] = [];
    const slices = Object.entries(oracle.expected.drift);
    expect(slices.length).toBeGreaterThanOrEqual(7);
    await Promise.all(
      slices.map(async ([slice, expected]) => {
        const data = await gql<{ driftReport: Entry[] }>(
          `query($r: TimeRangeInput!, $c: TimeRangeInput!, $s: SliceFilterInput, $f: [String!]!) {
            driftReport(model: "churn", features: $f, reference: $r, current: $c, slice: $s) { feature method statistic pValue } }`,
          { r: oracleDay(oracle, 0), c: oracleDay(oracle, 1), s: oracleSlice(slice), f: Object.keys(expected).map((f) => FEATURES[f]!) },
        );
        const got = (feature: string, method: string) => data.driftReport.find((e) => e.feature === FEATURES[feature] && e.method === method);
        for (const [feature, want] of Object.entries(expected)) {
          const at = `${slice} ${feature}`;
          if (want.ks !== undefined) {
            mismatches.push(...relativeMismatch(`${at} ks`, got(feature, 'KS')?.statistic, want.ks));
            mismatches.push(...relativeMismatch(`${at} wasserstein`, got(feature, 'WASSERSTEIN')?.statistic, want.wasserstein!));
            mismatches.push(...relativeMismatch(`${at} psi`, got(feature, 'PSI')?.statistic, want.psi!));
            const p = got(feature, 'KS')?.pValue ?? null;
            const wantP = want.ksPValue!;
            if (p === null || (p < 0.05) !== (wantP < 0.05) || (wantP > 1e-6 && Math.abs(p - wantP) > 1e-3)) mismatches.push(`${at} ksPValue: ${p}, expected ${wantP}`);
          }
          if (want.jensenShannon !== undefined) {
            mismatches.push(...relativeMismatch(`${at} jensenShannon`, got(feature, 'JENSEN_SHANNON')?.statistic, want.jensenShannon));
            mismatches.push(...relativeMismatch(`${at} chi2PValue`, got(feature, 'CHI2')?.pValue, want.chi2PValue!));
          }
        }
      }),
    );
    expect(mismatches).toEqual([]);
  });

  it('the single-feature drift query agrees and flags the drifting feature', async () => {
    const want = oracle.expected.drift['country=BR']!.x1!;
    const data = await gql<{ ks: { statistic: number; pValue: number; drifted: boolean }; psi: { statistic: number; drifted: boolean }; x2: { drifted: boolean } }>(
      `query($r: TimeRangeInput!, $c: TimeRangeInput!, $s: SliceFilterInput) {
        ks: drift(model: "churn", feature: "features.x1", method: KS, reference: $r, current: $c, slice: $s) { statistic pValue drifted }
        psi: drift(model: "churn", feature: "features.x1", method: PSI, reference: $r, current: $c, slice: $s) { statistic drifted }
        x2: drift(model: "churn", feature: "features.x2", method: PSI, reference: $r, current: $c, slice: $s) { drifted } }`,
      { r: oracleDay(oracle, 0), c: oracleDay(oracle, 1), s: oracleSlice('country=BR') },
    );
    expect(relativeMismatch('ks', data.ks.statistic, want.ks!)).toEqual([]);
    expect(relativeMismatch('psi', data.psi.statistic, want.psi!)).toEqual([]);
    expect(data.ks.drifted && data.psi.drifted).toBe(true);
    expect(data.x2.drifted).toBe(false);
  });
});
