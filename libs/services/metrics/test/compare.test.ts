import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mcnemar, pairedZ } from '../src/significance.ts';
import { eventually, feedbackRecord, predictionRecord } from '@tideline/testing';
import { startHarness, type Harness } from './harness.ts';

/**
 * Shadow traffic: versions v1 (baseline) and v2 (candidate) predict the same
 * ids 0…299; labels arrive once per id. v1 is right for ids < 200, v2 for
 * 10 ≤ id < 260: 10 pairs only the baseline gets right, 60 only the
 * candidate. Ids 300…309 are v1 only, 310…314 v2 only.
 */
const P = 'compare';
const T0 = Date.UTC(2026, 3, 1);
let h: Harness;

const label = (i: number) => i % 2 === 0;
const scoreOf = (i: number, correct: boolean) => (correct ? (label(i) ? 0.8 : 0.2) : label(i) ? 0.3 : 0.7);
const baselineRight = (i: number) => i < 200;
const candidateRight = (i: number) => i >= 10 && i < 260;
const ids = Array.from({ length: 300 }, (_, i) => i);
const logLoss = (i: number, correct: boolean) => {
  const s = scoreOf(i, correct);
  return -Math.log(label(i) ? s : 1 - s);
};

beforeAll(async () => {
  h = await startHarness();
  const predictions = [
    ...ids.map((i) => predictionRecord(P, 'churn', `id${i}`, T0 + i * 1000, scoreOf(i, baselineRight(i)), { modelVersion: 'v1' })),
    ...ids.map((i) => predictionRecord(P, 'churn', `id${i}`, T0 + i * 1000 + 7, scoreOf(i, candidateRight(i)), { modelVersion: 'v2' })),
    ...Array.from({ length: 10 }, (_, k) => predictionRecord(P, 'churn', `id${300 + k}`, T0 + k, 0.9, { modelVersion: 'v1' })),
    ...Array.from({ length: 5 }, (_, k) => predictionRecord(P, 'churn', `id${310 + k}`, T0 + k, 0.1, { modelVersion: 'v2' })),
  ];
  await h.publish(...predictions, ...Array.from({ length: 315 }, (_, i) => feedbackRecord(P, 'churn', `id${i}`, { positive: label(i) })));
  await h.stored(P, 'churn', predictions.length);
});
afterAll(async () => h?.stop());

type Comparison = {
  baselineValue: number | null;
  candidateValue: number | null;
  difference: number | null;
  pairedCount: number;
  labeledPairedCount: number;
  baselineOnlyCount: number;
  candidateOnlyCount: number;
  test: string | null;
  statistic: number | null;
  pValue: number | null;
  candidateBetter: boolean | null;
  candidateWorse: boolean | null;
};
const compare = async (metric: string, baseline = 'v1', candidate = 'v2', extra = '') => {
  const res = await h.gql<{ compareVersions: Comparison }>(
    P,
    `{ compareVersions(model: "churn", metric: ${metric}, window: { from: "2026-04-01T00:00:00Z", to: "2026-04-02T00:00:00Z" }, baseline: "${baseline}", candidate: "${candidate}" ${extra}) {
      baselineValue candidateValue difference pairedCount labeledPairedCount baselineOnlyCount candidateOnlyCount test statistic pValue candidateBetter candidateWorse } }`,
  );
  return res;
};

describe('compareVersions', () => {
  it('compares accuracy on paired ids with McNemar, labels shared by id', async () => {
    // Feedback joins as it lands: wait for every label.
    const res = await eventually(async () => {
      const answer = await compare('ACCURACY');
      return answer.data?.compareVersions.labeledPairedCount === 300 ? answer : undefined;
    }, 20_000, 50);
    expect(res.errors).toBeUndefined();
    const c = res.data!.compareVersions;
    const expected = mcnemar(10, 60)!;
    expect(c).toMatchObject({ pairedCount: 300, labeledPairedCount: 300, baselineOnlyCount: 10, candidateOnlyCount: 5, test: 'MCNEMAR', candidateBetter: true, candidateWorse: false });
    expect(c.baselineValue).toBeCloseTo(200 / 300, 12);
    expect(c.candidateValue).toBeCloseTo(250 / 300, 12);
    expect(c.difference).toBeCloseTo(50 / 300, 12);
    expect(c.statistic).toBeCloseTo(2500 / 70, 9);
    expect(c.pValue).toBeCloseTo(expected.pValue, 12);
    // Swapped, the candidate is the worse one.
    const swapped = (await compare('ACCURACY', 'v2', 'v1')).data!.compareVersions;
    expect(swapped).toMatchObject({ candidateBetter: false, candidateWorse: true });
    expect(swapped.difference).toBeCloseTo(-50 / 300, 12);
  });

  it('compares a loss with a paired z-test on per-id differences; AUC has no test', async () => {
    const c = (await compare('LOG_LOSS')).data!.compareVersions;
    const d = ids.map((i) => logLoss(i, candidateRight(i)) - logLoss(i, baselineRight(i)));
    const expected = pairedZ({ n: d.length, sum: d.reduce((a, b) => a + b, 0), sumSquares: d.reduce((a, b) => a + b * b, 0) })!;
    expect(c.test).toBe('PAIRED_Z');
    expect(c.baselineValue).toBeCloseTo(ids.reduce((s, i) => s + logLoss(i, baselineRight(i)), 0) / 300, 9);
    expect(c.candidateValue).toBeCloseTo(ids.reduce((s, i) => s + logLoss(i, candidateRight(i)), 0) / 300, 9);
    expect(c.statistic).toBeCloseTo(expected.statistic, 6);
    expect(c.candidateBetter).toBe(true);
    const auc = (await compare('ROC_AUC')).data!.compareVersions;
    expect(auc).toMatchObject({ test: null, pValue: null, candidateBetter: null, pairedCount: 300 });
    expect(auc.candidateValue! - auc.baselineValue!).toBeCloseTo(auc.difference!, 12);
  });

  it('applies the slice and reports misuse', async () => {
    const even = (await compare('ACCURACY', 'v1', 'v2', ', slice: { field: "label", op: EQ, value: true }')).data!.compareVersions;
    expect(even.pairedCount).toBe(150);
    const none = (await compare('ACCURACY', 'v1', 'v9')).data!.compareVersions;
    expect(none).toMatchObject({ pairedCount: 0, baselineOnlyCount: 310, candidateValue: null, difference: null, test: null });
    expect((await compare('ACCURACY', 'v1', 'v1')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'candidate' });
    expect((await compare('MAE')).errors?.[0]?.extensions).toMatchObject({ code: 'METRIC_NOT_APPLICABLE', field: 'metric' });
  });
});
