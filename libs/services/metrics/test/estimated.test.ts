import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, feedbackRecord, predictionRecord } from '@tideline/testing';
import { startHarness, type Harness } from './harness.ts';

/**
 * CBPE on calibrated synthetic traffic: labels ~ Bernoulli(score). The
 * reference day is labeled; the current day's scores are shifted (more
 * confident, more positives) and its labels are withheld, then revealed.
 */
const P = 'cbpe';
const T0 = Date.UTC(2026, 2, 1);
const DAY = 86_400_000;
const N = 4000;
let h: Harness;

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20260301);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const round = (x: number) => Math.round(x * 1e6) / 1e6;

const reference = Array.from({ length: N }, () => {
  const score = round(sigmoid(1.5 * normal()));
  return { score, label: random() < score };
});
const current = Array.from({ length: N }, () => {
  const score = round(sigmoid(2.5 * normal() + 0.5));
  return { score, label: random() < score };
});

/** scikit-learn's ROC AUC: the Mann–Whitney statistic, ties counted half. */
function rocAuc(rows: { score: number; label: boolean }[]): number {
  const sorted = [...rows].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (sorted[k]!.label) rankSum += rank;
    i = j;
  }
  const pos = rows.filter((r) => r.label).length;
  const neg = rows.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
const accuracy = (rows: { score: number; label: boolean }[]) => rows.filter((r) => r.score >= 0.5 === r.label).length / rows.length;
/** What a calibrated model expects, from its scores alone. */
const expectedAccuracy = current.reduce((s, r) => s + Math.max(r.score, 1 - r.score), 0) / N;
function expectedRocAuc(scores: number[]): number {
  // P(score_pos > score_neg) with each row positive with probability = its score (self-pairs excluded).
  const sorted = [...scores].sort((a, b) => a - b);
  let negBelow = 0;
  let num = 0;
  let posTotal = 0;
  let negTotal = 0;
  let self = 0;
  for (const s of sorted) {
    num += s * negBelow;
    negBelow += 1 - s;
    posTotal += s;
    negTotal += 1 - s;
    self += s * (1 - s);
  }
  return num / (posTotal * negTotal - self);
}

beforeAll(async () => {
  h = await startHarness();
  await h.publish(
    ...reference.map((r, i) => predictionRecord(P, 'churn', `r${i}`, T0 + i * 20_000, r.score, { label: { positive: r.label } })),
    ...current.map((r, i) => predictionRecord(P, 'churn', `c${i}`, T0 + DAY + i * 20_000, r.score)),
  );
  await h.stored(P, 'churn', 2 * N);
});
afterAll(async () => h?.stop());

type Point = { value: number | null; realized: number | null; sampleCount: number; labeledCount: number };
const estimate = async (metric: string, extra = '') => {
  const res = await h.gql<{ estimatedPerformance: { metric: string; points: Point[] } }>(
    P,
    `{ estimatedPerformance(model: "churn", metric: ${metric}, window: { from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z" },
        reference: { from: "2026-03-01T00:00:00Z", to: "2026-03-02T00:00:00Z" } ${extra}) { metric points { value realized sampleCount labeledCount } } }`,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.estimatedPerformance;
};

describe('estimated performance (CBPE)', () => {
  /**
   * Tolerance 0.03: the estimate's error is the calibration's (20 bins of
   * 200 reference rows: ±0.035 per bin, averaged over the bins, ≈ 0.01) plus
   * the realized value's sampling noise (4000 rows: ≈ 0.007 for accuracy,
   * ≈ 0.008 for AUC), so 0.03 is about three standard errors; the traffic is
   * seeded, so the test is deterministic. The reference's own accuracy is
   * far from the current day's (≈ 0.73 versus ≈ 0.82), so a stale reference
   * value would fail it.
   */
  const TOLERANCE = 0.03;

  it('estimates accuracy and ROC AUC while labels are withheld, realized null', async () => {
    expect(Math.abs(accuracy(reference) - expectedAccuracy)).toBeGreaterThan(0.05);
    const acc = await estimate('ESTIMATED_ACCURACY');
    expect(acc.metric).toBe('ESTIMATED_ACCURACY');
    expect(acc.points).toHaveLength(1);
    const [point] = acc.points;
    expect(point).toMatchObject({ sampleCount: N, labeledCount: 0, realized: null });
    expect(Math.abs(point!.value! - expectedAccuracy)).toBeLessThan(TOLERANCE);
    expect(Math.abs(point!.value! - accuracy(current))).toBeLessThan(TOLERANCE);

    const auc = (await estimate('ESTIMATED_ROC_AUC')).points[0]!;
    expect(auc.realized).toBeNull();
    expect(Math.abs(auc.value! - expectedRocAuc(current.map((r) => r.score)))).toBeLessThan(TOLERANCE);
    expect(Math.abs(auc.value! - rocAuc(current))).toBeLessThan(TOLERANCE);

    const hourly = await estimate('ESTIMATED_ACCURACY', ', granularity: HOUR');
    expect(hourly.points).toHaveLength(24);
    expect(hourly.points.reduce((s, p) => s + p.sampleCount, 0)).toBe(N);
  });

  it('shows the realized value beside the estimate as labels arrive', async () => {
    const before = (await estimate('ESTIMATED_ACCURACY')).points[0]!;
    const half = current.slice(0, N / 2);
    await h.publish(...half.map((r, i) => feedbackRecord(P, 'churn', `c${i}`, { positive: r.label })));
    const labeled = (count: number) =>
      eventually(async () => {
        const point = (await estimate('ESTIMATED_ACCURACY')).points[0]!;
        return point.labeledCount === count ? point : undefined;
      }, 20_000, 50);
    const partial = await labeled(N / 2);
    expect(partial.realized).toBeCloseTo(accuracy(half), 12);
    // The estimate covers every prediction of the window, labeled or not: it does not move.
    expect(partial.value).toBeCloseTo(before.value!, 12);

    await h.publish(...current.slice(N / 2).map((r, i) => feedbackRecord(P, 'churn', `c${i + N / 2}`, { positive: r.label })));
    const full = await labeled(N);
    expect(full.realized).toBeCloseTo(accuracy(current), 12);
    expect(Math.abs(full.value! - full.realized!)).toBeLessThan(TOLERANCE);
    const auc = (await estimate('ESTIMATED_ROC_AUC')).points[0]!;
    expect(auc.realized).toBeCloseTo(rocAuc(current), 9);
    expect(Math.abs(auc.value! - auc.realized!)).toBeLessThan(TOLERANCE);
  });

  it('reports misuse with stable codes', async () => {
    const viaMetric = await h.gql(P, `{ metric(model: "churn", metric: ESTIMATED_ACCURACY, window: { from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z" }) { points { value } } }`);
    expect(viaMetric.errors?.[0]?.extensions).toMatchObject({ code: 'REFERENCE_REQUIRED', field: 'metric' });
    const ask = (metric: string, reference: string) =>
      h.gql(P, `{ estimatedPerformance(model: "churn", metric: ${metric}, window: { from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z" }, reference: ${reference}) { points { value } } }`);
    expect((await ask('ACCURACY', '{ from: "2026-03-01T00:00:00Z", to: "2026-03-02T00:00:00Z" }')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'metric' });
    // Ten minutes of reference: 30 labeled predictions.
    expect((await ask('ESTIMATED_ACCURACY', '{ from: "2026-03-01T00:00:00Z", to: "2026-03-01T00:10:00Z" }')).errors?.[0]?.extensions).toMatchObject({
      code: 'REFERENCE_TOO_SMALL',
      field: 'reference',
    });
    expect((await ask('ESTIMATED_ACCURACY', '{ from: "2026-03-02T00:00:00Z", to: "2026-03-01T00:00:00Z" }')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reference.from',
    });
  });
});
