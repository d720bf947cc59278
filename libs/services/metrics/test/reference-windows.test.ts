import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictionRecord, feedbackRecord } from '@tideline/testing';
import { startHarness, type Harness } from './harness.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);
const day = (i: number) => ({ from: new Date(T0 + i * DAY).toISOString(), to: new Date(T0 + (i + 1) * DAY).toISOString() });
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  // Day 0 labeled (the reference), day 1 without labels yet.
  const records = [];
  for (let i = 0; i < 400; i++) {
    const score = ((i * 37) % 100) / 100;
    records.push(predictionRecord('p1', 'churn', `r${i}`, T0 + i * 60_000, score));
    records.push(feedbackRecord('p1', 'churn', `r${i}`, { positive: (i * 53) % 100 < score * 100 }));
    records.push(predictionRecord('p1', 'churn', `c${i}`, T0 + DAY + i * 60_000, score));
  }
  await h.publish(...records);
  await h.stored('p1', 'churn', 800);
});
afterAll(async () => h?.stop());

type Estimate = { estimatedPerformance: { points: { value: number | null }[] } };
/** ESTIMATED_ACCURACY of day 1, with day 0 as explicit reference or with the stored one. */
const estimate = (explicitReference: boolean) =>
  h.gql<Estimate>(
    'p1',
    explicitReference
      ? 'query($w: TimeRangeInput!, $r: TimeRangeInput) { estimatedPerformance(model: "churn", metric: ESTIMATED_ACCURACY, window: $w, reference: $r) { points { value } } }'
      : 'query($w: TimeRangeInput!) { estimatedPerformance(model: "churn", metric: ESTIMATED_ACCURACY, window: $w) { points { value } } }',
    explicitReference ? { w: day(1), r: day(0) } : { w: day(1) },
  );

describe('stored reference windows', () => {
  it('answers REFERENCE_REQUIRED, naming the argument, while none is stored', async () => {
    const res = await estimate(false);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'REFERENCE_REQUIRED', field: 'reference' } });
    expect((await h.gql<{ referenceWindow: null }>('p1', '{ referenceWindow(model: "churn") { from } }')).data).toEqual({ referenceWindow: null });
  });

  it('stores a model\'s reference window and uses it when a request gives none', async () => {
    const set = await h.gql<{ setReferenceWindow: { model: string; from: string; to: string } }>(
      'p1',
      'mutation($w: TimeRangeInput!) { setReferenceWindow(model: "churn", window: $w) { model from to } }',
      { w: day(0) },
    );
    expect(set.data!.setReferenceWindow).toEqual({ model: 'churn', from: new Date(T0).toISOString(), to: new Date(T0 + DAY).toISOString() });
    const explicit = await estimate(true);
    const stored = await estimate(false);
    expect(explicit.data!.estimatedPerformance.points[0]!.value).toBeGreaterThan(0);
    expect(stored.data).toEqual(explicit.data);
    // Drift uses it too: the same report with the stored reference as with an explicit one.
    const report = (reference: string) =>
      h.gql('p1', `query($c: TimeRangeInput!, $r: TimeRangeInput!) { driftReport(model: "churn", features: ["output.score"], current: $c${reference}) { method statistic referenceCount } }`.replace(', $r: TimeRangeInput!', reference ? ', $r: TimeRangeInput!' : ''), reference ? { c: day(1), r: day(0) } : { c: day(1) });
    const withStored = await report('');
    expect(withStored.data).toEqual((await report(', reference: $r')).data);
    expect((withStored.data as { driftReport: { referenceCount: number }[] }).driftReport[0]!.referenceCount).toBe(400);
    // Another project sees nothing of it.
    expect((await h.gql<{ referenceWindow: null }>('p2', '{ referenceWindow(model: "churn") { from } }')).data).toEqual({ referenceWindow: null });
  });

  it('refuses a reference window for a model without records, or a reversed window', async () => {
    const unknown = await h.gql('p1', 'mutation($w: TimeRangeInput!) { setReferenceWindow(model: "nope", window: $w) { model } }', { w: day(0) });
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'MODEL_NOT_FOUND' } });
    const reversed = await h.gql('p1', 'mutation($w: TimeRangeInput!) { setReferenceWindow(model: "churn", window: $w) { model } }', { w: { from: day(1).from, to: day(0).from } });
    expect(reversed.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'window.from' } });
  });
});
