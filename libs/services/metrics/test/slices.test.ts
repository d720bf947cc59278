import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PredictionRecord } from '@tideline/contracts';
import { twoProportionZ } from '../src/significance.ts';
import { predictionRecord } from '@tideline/testing';
import { startHarness, type Harness } from './harness.ts';

const T0 = Date.UTC(2026, 1, 1);
const HOUR = 3_600_000;
const P = 'slices';
let h: Harness;

interface Row {
  country?: string;
  score: number;
  label?: boolean;
}
const rowsOf: Row[] = [
  ...Array.from({ length: 200 }, (_, i): Row => ({ country: 'US', score: 0.8, label: i < 180 })), // accuracy 0.9
  ...Array.from({ length: 200 }, (_, i): Row => ({ country: 'BR', score: 0.3, label: i >= 120 })), // accuracy 0.6
  { country: 'FR', score: 0.9, label: true }, // accuracy 1/3: worst, but three rows are no evidence
  { country: 'FR', score: 0.9, label: false },
  { country: 'FR', score: 0.9, label: false },
  { score: 0.4 }, // no country tag, no label
  { score: 0.6 },
];
const records: PredictionRecord[] = rowsOf.map((r, i) =>
  predictionRecord(P, 'churn', `p${i}`, T0 + (i % 2) * HOUR + i * 1000, r.score, {
    tags: { ...(r.country ? { country: r.country } : {}), device: i % 2 ? 'ios' : 'web' },
    features: { plan: i % 3 === 0 ? 'pro' : 'free', trial: i % 4 === 0, x: i / 10 },
    ...(r.label === undefined ? {} : { label: { positive: r.label } }),
  }),
);

beforeAll(async () => {
  h = await startHarness();
  await h.publish(...records);
  await h.stored(P, 'churn', records.length);
});
afterAll(async () => h?.stop());

const WINDOW = `{ from: "2026-02-01T00:00:00Z", to: "2026-02-01T02:00:00Z" }`;
type Slice = {
  key: { field: string; value: string | null }[];
  sampleCount: number;
  labeledCount: number;
  values: { metric: string; value: number | null }[];
  significance: { metric: string; test: string; pValue: number; restValue: number | null; worseThanRest: boolean; statistic: number }[];
  buckets: { from: string; sampleCount: number; labeledCount: number; values: { value: number | null }[] }[];
};
const FIELDS = `key { field value } sampleCount labeledCount values { metric value } significance { metric test statistic pValue restValue worseThanRest }
  buckets { from sampleCount labeledCount values { value } }`;
const ask = (args: string, project = P) => h.gql<{ sliceMetrics: Slice[] }>(project, `{ sliceMetrics(model: "churn", window: ${WINDOW}, ${args}) { ${FIELDS} } }`);

describe('sliceMetrics', () => {
  it('orders slices worst first by the first metric, undefined last, with a two-proportion test against the rest', async () => {
    const res = await ask('metrics: [ACCURACY, LOG_LOSS, ROC_AUC], groupBy: ["tags.country"]');
    expect(res.errors).toBeUndefined();
    const slices = res.data!.sliceMetrics;
    expect(slices.map((s) => s.key)).toEqual([
      [{ field: 'tags.country', value: 'FR' }],
      [{ field: 'tags.country', value: 'BR' }],
      [{ field: 'tags.country', value: 'US' }],
      [{ field: 'tags.country', value: null }],
    ]);
    expect(slices.map((s) => [s.sampleCount, s.labeledCount])).toEqual([[3, 3], [200, 200], [200, 200], [2, 0]]);
    expect(slices.map((s) => s.values[0]!.value)).toEqual([1 / 3, 0.6, 0.9, null]);
    expect(slices.map((s) => s.values.map((v) => v.metric))).toEqual(Array(4).fill(['ACCURACY', 'LOG_LOSS', 'ROC_AUC']));
    const [fr, br, us] = slices;
    // BR against the rest of the labeled traffic: US 180 / 200 and FR 1 / 3.
    const accuracy = br!.significance.find((s) => s.metric === 'ACCURACY')!;
    const expected = twoProportionZ(120, 200, 181, 203)!;
    expect(accuracy).toMatchObject({ test: 'TWO_PROPORTION_Z', worseThanRest: true });
    expect(accuracy.statistic).toBeCloseTo(expected.statistic, 9);
    expect(accuracy.pValue).toBeCloseTo(expected.pValue, 9);
    expect(accuracy.restValue).toBeCloseTo(181 / 203, 12);
    // Three rows at 1/3 are the worst value but no evidence: not marked.
    expect(fr!.significance.find((s) => s.metric === 'ACCURACY')!.worseThanRest).toBe(false);
    expect(us!.significance.find((s) => s.metric === 'ACCURACY')!.worseThanRest).toBe(false);
    // Log loss has Welch's test on per-row losses; ROC AUC has no test (one score per slice: undefined too).
    expect(br!.significance.map((s) => [s.metric, s.test])).toEqual([['ACCURACY', 'TWO_PROPORTION_Z'], ['LOG_LOSS', 'WELCH_Z']]);
    expect(br!.values[2]!.value).toBe(0.5);
  });

  it('leaves out slices below minSamples, whose rows still count in the rest', async () => {
    const slices = (await ask('metrics: [ACCURACY], groupBy: ["tags.country"], minSamples: 10')).data!.sliceMetrics;
    expect(slices.map((s) => s.key[0]!.value)).toEqual(['BR', 'US']);
    expect(slices[0]!.significance[0]!.restValue).toBeCloseTo(181 / 203, 12);
  });

  it('orders lower-is-better metrics worst first too', async () => {
    const slices = (await ask('metrics: [LOG_LOSS], groupBy: ["tags.country"], minSamples: 10')).data!.sliceMetrics;
    const logLoss = (score: number, correct: number) => -(correct * Math.log(Math.max(score, 1 - score)) + (1 - correct) * Math.log(Math.min(score, 1 - score)));
    expect(slices.map((s) => s.key[0]!.value)).toEqual(['BR', 'US']);
    expect(slices[0]!.values[0]!.value).toBeCloseTo(logLoss(0.3, 0.6), 12);
    expect(slices[1]!.values[0]!.value).toBeCloseTo(logLoss(0.8, 0.9), 12);
  });

  it('groups by two fields, features (string, boolean) and the predicted class', async () => {
    const two = (await ask('metrics: [COUNT], groupBy: ["tags.country", "tags.device"], minSamples: 10')).data!.sliceMetrics;
    expect(two).toHaveLength(4);
    expect(two.every((s) => s.sampleCount === 100 && s.key.map((k) => k.field).join() === 'tags.country,tags.device')).toBe(true);
    const plan = (await ask('metrics: [COUNT], groupBy: ["features.plan"]')).data!.sliceMetrics;
    const byPlan = Object.fromEntries(plan.map((s) => [s.key[0]!.value, s.sampleCount]));
    const expectedPlan = { pro: records.filter((_, i) => i % 3 === 0).length, free: records.filter((_, i) => i % 3 !== 0).length };
    expect(byPlan).toEqual(expectedPlan);
    const trial = (await ask('metrics: [COUNT], groupBy: ["features.trial"]')).data!.sliceMetrics;
    expect(Object.fromEntries(trial.map((s) => [s.key[0]!.value, s.sampleCount]))).toEqual({ true: Math.ceil(records.length / 4), false: records.length - Math.ceil(records.length / 4) });
    const predicted = (await ask('metrics: [COUNT], groupBy: ["output.predictedClass"]')).data!.sliceMetrics;
    expect(Object.fromEntries(predicted.map((s) => [s.key[0]!.value, s.sampleCount]))).toEqual({ true: 204, false: 201 });
    const version = (await ask('metrics: [COUNT], groupBy: ["modelVersion"], slice: { field: "tags.country", op: EQ, value: "US" }')).data!.sliceMetrics;
    expect(version).toEqual([expect.objectContaining({ key: [{ field: 'modelVersion', value: 'v1' }], sampleCount: 200 })]);
  });

  it('with granularity, gives every slice its buckets from the same statement', async () => {
    const slices = (await ask('metrics: [ACCURACY], groupBy: ["tags.country"], minSamples: 10, granularity: HOUR')).data!.sliceMetrics;
    expect(slices.map((s) => s.key[0]!.value)).toEqual(['BR', 'US']);
    for (const s of slices) {
      expect(s.buckets.map((b) => b.from)).toEqual(['2026-02-01T00:00:00.000Z', '2026-02-01T01:00:00.000Z']);
      expect(s.buckets.map((b) => b.sampleCount)).toEqual([100, 100]);
    }
    // BR rows i < 120 are right; even ones fall in hour 0: 60 + 40 wrong per hour → 0.6 each.
    expect(slices[0]!.buckets.map((b) => b.values[0]!.value)).toEqual([0.6, 0.6]);
    expect(slices[0]!.values[0]!.value).toBe(0.6);
    const plain = (await ask('metrics: [ACCURACY], groupBy: ["tags.country"], minSamples: 10')).data!.sliceMetrics;
    expect(plain[0]!.buckets).toEqual([]);
  });

  it('answers the same values, order and buckets when no significance is asked (its sums are then not computed)', async () => {
    const args = 'metrics: [LOG_LOSS, ACCURACY, ROC_AUC], groupBy: ["tags.country"], granularity: HOUR';
    const withTests = (await ask(args)).data!.sliceMetrics;
    expect(withTests.some((s) => s.significance.length > 0)).toBe(true);
    const fields = 'key { field value } sampleCount labeledCount values { metric value } buckets { from sampleCount labeledCount values { value } }';
    const without = await h.gql<{ sliceMetrics: Slice[] }>(P, `{ sliceMetrics(model: "churn", window: ${WINDOW}, ${args}) { ${fields} } }`);
    expect(without.errors).toBeUndefined();
    expect(without.data!.sliceMetrics).toEqual(withTests.map(({ significance: _s, ...rest }) => rest));
  });

  it('reports bad groupBy and metrics with stable codes naming the argument', async () => {
    const code = async (args: string) => (await ask(args)).errors?.[0]?.extensions;
    expect(await code('metrics: [COUNT], groupBy: ["nope"]')).toMatchObject({ code: 'INVALID_GROUP_BY', field: 'groupBy' });
    expect(await code('metrics: [COUNT], groupBy: []')).toMatchObject({ code: 'INVALID_GROUP_BY', field: 'groupBy' });
    expect(await code('metrics: [COUNT], groupBy: ["tags.a", "tags.b", "tags.c"]')).toMatchObject({ code: 'INVALID_GROUP_BY', field: 'groupBy' });
    expect(await code('metrics: [COUNT], groupBy: ["features.x"]')).toMatchObject({ code: 'INVALID_GROUP_BY', field: 'groupBy' });
    expect(await code('metrics: [ESTIMATED_ACCURACY], groupBy: ["tags.country"]')).toMatchObject({ code: 'METRIC_NOT_SUPPORTED', field: 'metrics' });
    expect(await code('metrics: [MAE], groupBy: ["tags.country"]')).toMatchObject({ code: 'METRIC_NOT_APPLICABLE', field: 'metrics' });
    expect(await code('metrics: [], groupBy: ["tags.country"]')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'metrics' });
    expect(await code('metrics: [COUNT], groupBy: ["tags.country"], minSamples: -1')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'minSamples' });
  });

  it('caps the number of slices with TOO_MANY_GROUPS naming groupBy', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => predictionRecord('many', 'churn', `u${i}`, T0 + i, 0.5, { tags: { user: `u${i}` } }));
    await h.publish(...many);
    await h.stored('many', 'churn', many.length);
    const res = await ask('metrics: [COUNT], groupBy: ["tags.user"]', 'many');
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'TOO_MANY_GROUPS', field: 'groupBy' } });
    expect(res.errors?.[0]?.message).toMatch(/1001 slices/);
    // minSamples is applied before the cap.
    const fine = await ask('metrics: [COUNT], groupBy: ["tags.user"], minSamples: 2', 'many');
    expect(fine.data?.sliceMetrics).toEqual([]);
  });
});
