/**
 * The metric oracle (scikit-learn 1.2's values for synthetic traffic, see
 * libs/testing/oracle/README.md) through Tideline's public interfaces only: the
 * platform process ingests the oracle's traffic over HTTP, a third of the
 * feedback before its predictions and the rest after, and every expected
 * value of every window and slice is asked of the gateway's `metric` query.
 * Everything is Float64 end to end, so values must agree to 1e-9 relative.
 */
import { describe, expect, it } from 'vitest';
import { loadOracle } from '@tideline/testing';
import { oracleDay, oracleSlice, relativeMismatch, useOraclePlatform } from './oracle-fixture.ts';

const oracle = loadOracle();
const gql = useOraclePlatform({ models: ['churn', 'ltv'], feedback: true });

/** Oracle field → Tideline metric. */
const CLASSIFICATION: Record<string, string> = {
  count: 'COUNT',
  labeledCount: 'LABELED_COUNT',
  accuracy: 'ACCURACY',
  precision: 'PRECISION',
  recall: 'RECALL',
  f1: 'F1',
  rocAuc: 'ROC_AUC',
  prAuc: 'PR_AUC',
  logLoss: 'LOG_LOSS',
  brier: 'BRIER',
  ece: 'ECE',
  positiveRate: 'POSITIVE_RATE',
  labelPositiveRate: 'LABEL_POSITIVE_RATE',
};
const REGRESSION: Record<string, string> = { mae: 'MAE', rmse: 'RMSE', r2: 'R2' };

/** `day1/country=BR,device=ios` → the window and slice filter of the oracle's key. */
function scopeOf(oracleKey: string) {
  const [day, slice] = oracleKey.split('/') as [string, string];
  return { window: oracleDay(oracle, day === 'day1' ? 1 : 0), filter: oracleSlice(slice) };
}

interface Point {
  value: number | null;
  sampleCount: number;
  labeledCount: number;
}

/** Every metric of one model for one window and slice, in one request (one alias per metric). */
async function metricsOf(model: string, oracleKey: string, metrics: string[]): Promise<Record<string, Point>> {
  const { window, filter } = scopeOf(oracleKey);
  const aliases = metrics.map((m) => `${m}: metric(model: "${model}", metric: ${m}, window: $w, slice: $s) { points { value sampleCount labeledCount } }`);
  const data = await gql<Record<string, { points: Point[] }>>(
    `query($w: TimeRangeInput!, $s: SliceFilterInput) { ${aliases.join('\n')} }`,
    { w: window, s: filter },
  );
  return Object.fromEntries(metrics.map((m) => {
    expect(data[m]!.points, `${oracleKey} ${m}: one point for the whole window`).toHaveLength(1);
    return [m, data[m]!.points[0]!];
  }));
}

/** Compares every expected field, collecting all mismatches so one run shows them all. */
function compare(oracleKey: string, expected: Record<string, number>, names: Record<string, string>, actual: Record<string, Point>, count: number, labeledCount: number, mismatches: string[]) {
  for (const [field, metric] of Object.entries(names)) {
    const want = expected[field];
    if (want === undefined) continue;
    const got = actual[metric]!;
    if (got.sampleCount !== count || got.labeledCount !== labeledCount) {
      mismatches.push(`${oracleKey} ${metric}: sampleCount/labeledCount ${got.sampleCount}/${got.labeledCount}, expected ${count}/${labeledCount}`);
    }
    mismatches.push(...relativeMismatch(`${oracleKey} ${metric}`, got.value, want));
  }
}

describe('metrics agree with the oracle (scikit-learn 1.2) through the gateway', () => {
  it('binary classifier: every metric of every window and slice', async () => {
    const mismatches: string[] = [];
    const entries = Object.entries(oracle.expected.classification);
    expect(entries.length).toBeGreaterThanOrEqual(14);
    await Promise.all(
      entries.map(async ([oracleKey, expected]) => {
        const actual = await metricsOf('churn', oracleKey, Object.values(CLASSIFICATION));
        compare(oracleKey, expected, CLASSIFICATION, actual, expected.count!, expected.labeledCount!, mismatches);
      }),
    );
    expect(mismatches).toEqual([]);
  });

  it('regressor: every metric of every window and slice', async () => {
    const mismatches: string[] = [];
    const entries = Object.entries(oracle.expected.regression);
    expect(entries.length).toBeGreaterThanOrEqual(14);
    await Promise.all(
      entries.map(async ([oracleKey, expected]) => {
        const actual = await metricsOf('ltv', oracleKey, ['COUNT', 'LABELED_COUNT', ...Object.values(REGRESSION)]);
        // The regressor shares the classifier's predictions and labels: same counts per window and slice.
        const { count, labeledCount } = oracle.expected.classification[oracleKey]!;
        compare(oracleKey, { count: count!, labeledCount: labeledCount!, ...expected }, { count: 'COUNT', labeledCount: 'LABELED_COUNT', ...REGRESSION }, actual, count!, labeledCount!, mismatches);
      }),
    );
    expect(mismatches).toEqual([]);
  });
});
