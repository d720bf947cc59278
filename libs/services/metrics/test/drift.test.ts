import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictionRecord } from '@tideline/testing';
import { scipy } from './drift-oracle.ts';
import { startHarness, type Harness } from './harness.ts';

const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const REF = { from: iso(T0), to: iso(T0 + DAY) };
const CUR = { from: iso(T0 + DAY), to: iso(T0 + 2 * DAY) };
const P = 'drift-p';
let h: Harness;

// Reference values below: scipy 1.17 / numpy on the same data (ks_2samp, wasserstein_distance,
// PSI per the oracle's definition, jensenshannon(base=2), chi2_contingency(correction=False)).
const refX = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 2.5, 2.5];
const curX = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 2.5];
const refDevice = [...Array<string>(5).fill('ios'), ...Array<string>(5).fill('web'), 'ios', 'web'];
const curDevice = [...Array<string>(3).fill('android'), ...Array<string>(3).fill('ios'), ...Array<string>(6).fill('web'), 'web'];

beforeAll(async () => {
  h = await startHarness();
  const records = [
    ...refX.map((x, i) => predictionRecord(P, 'm', `r${i}`, T0 + i * 60_000, 0.1 + i / 100, { features: { x, plan: i % 2 ? 'pro' : 'free' }, tags: { device: refDevice[i]!, country: 'BR' } })),
    ...curX.map((x, i) => predictionRecord(P, 'm', `c${i}`, T0 + DAY + i * 60_000, 0.2 + i / 100, { features: { x, plan: 'pro' }, tags: { device: curDevice[i]!, country: 'BR' } })),
    predictionRecord(P, 'm', 'other', T0 + DAY + 5, 0.5, { features: { x: 1000 }, tags: { device: 'ios', country: 'US' } }),
  ];
  await h.publish(...records);
  await h.stored(P, 'm', records.length);
});
afterAll(async () => h?.stop());

type Result = { statistic: number | null; pValue: number | null; threshold: number | null; drifted: boolean; referenceCount: number; currentCount: number };
const DRIFT = `query($feature: String!, $method: DriftMethod!, $reference: TimeRangeInput!, $current: TimeRangeInput!, $slice: SliceFilterInput, $threshold: Float) {
  drift(model: "m", feature: $feature, method: $method, reference: $reference, current: $current, slice: $slice, threshold: $threshold) {
    statistic pValue threshold drifted referenceCount currentCount } }`;
const BR = { field: 'tags.country', op: 'EQ', value: 'BR' };
const drift = (feature: string, method: string, extra: Record<string, unknown> = {}) =>
  h.gql<{ drift: Result }>(P, DRIFT, { feature, method, reference: REF, current: CUR, slice: BR, ...extra });

const close = (actual: number | null | undefined, expected: number) => expect(Math.abs(actual! - expected) / Math.abs(expected)).toBeLessThan(1e-12);

describe('drift', () => {
  it('computes KS, Wasserstein and PSI of a numeric feature as SciPy does, ties included', async () => {
    const ks = (await drift('features.x', 'KS')).data!.drift;
    close(ks.statistic, 0.3076923076923077);
    close(ks.pValue, 0.4456789031402035);
    expect(ks).toMatchObject({ threshold: 0.05, drifted: false, referenceCount: 12, currentCount: 13 });
    const w = (await drift('features.x', 'WASSERSTEIN')).data!.drift;
    close(w.statistic, 3.0384615384615383);
    close(w.threshold, 0.1 * 2.850438562747845);
    expect(w.drifted).toBe(true);
    const psi = (await drift('features.x', 'PSI')).data!.drift;
    close(psi.statistic, 1.608503134720697);
    expect(psi).toMatchObject({ pValue: null, threshold: 0.2, drifted: true });
    expect((await drift('features.x', 'PSI', { threshold: 5 })).data!.drift).toMatchObject({ threshold: 5, drifted: false });
  });

  it('computes Jensen–Shannon and chi-square of a categorical tag', async () => {
    const js = (await drift('tags.device', 'JENSEN_SHANNON')).data!.drift;
    close(js.statistic, 0.39055166286243836);
    const chi2 = (await drift('tags.device', 'CHI2')).data!.drift;
    close(chi2.pValue, 0.13243063865551555);
    expect(chi2).toMatchObject({ drifted: false, referenceCount: 12, currentCount: 13 });
    expect((await drift('features.plan', 'CHI2')).data!.drift.referenceCount).toBe(12);
  });

  it('reports one result per feature × fitting method, with Benjamini–Hochberg adjusted p-values', async () => {
    const res = await h.gql<{ driftReport: { feature: string; method: string; pValue: number | null; adjustedPValue: number | null; drifted: boolean }[] }>(
      P,
      `query($r: TimeRangeInput!, $c: TimeRangeInput!, $s: SliceFilterInput) { driftReport(model: "m", features: ["features.x", "tags.device", "output.score"],
        methods: [KS, CHI2, PSI], reference: $r, current: $c, slice: $s, correction: BENJAMINI_HOCHBERG) { feature method pValue adjustedPValue drifted } }`,
      { r: REF, c: CUR, s: BR },
    );
    const entries = res.data!.driftReport;
    expect(entries.map((e) => `${e.feature}:${e.method}`)).toEqual(['features.x:KS', 'features.x:PSI', 'tags.device:CHI2', 'output.score:KS', 'output.score:PSI']);
    const ps = entries.filter((e) => e.pValue !== null);
    const sorted = [...ps].sort((a, b) => a.pValue! - b.pValue!);
    // BH: the largest p-value keeps its value; every adjusted value is ≥ its raw one.
    expect(sorted.at(-1)!.adjustedPValue).toBeCloseTo(sorted.at(-1)!.pValue!, 12);
    for (const e of ps) expect(e.adjustedPValue!).toBeGreaterThanOrEqual(e.pValue!);
    expect(entries.find((e) => e.method === 'PSI')!.adjustedPValue).toBeNull();
  });

  it('rejects an unknown feature, a reversed window, a method that does not fit the type, and bad names', async () => {
    const unknown = await drift('features.nope', 'KS');
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'FEATURE_NOT_FOUND', field: 'feature' } });
    const malformed = await drift('x; DROP TABLE', 'KS');
    expect(malformed.errors?.[0]).toMatchObject({ extensions: { code: 'FEATURE_NOT_FOUND', field: 'feature' } });
    const reversed = await drift('features.x', 'KS', { current: { from: CUR.to, to: CUR.from } });
    expect(reversed.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'current.from' } });
    const ksOnCategory = await drift('tags.device', 'KS');
    expect(ksOnCategory.errors?.[0]).toMatchObject({ extensions: { code: 'METHOD_NOT_APPLICABLE', field: 'method' } });
    const chi2OnNumber = await drift('features.x', 'CHI2');
    expect(chi2OnNumber.errors?.[0]?.extensions?.code).toBe('METHOD_NOT_APPLICABLE');
    const report = await h.gql(P, `{ driftReport(model: "m", features: ["features.x", "features.zz"], reference: { from: "${REF.from}", to: "${REF.to}" }, current: { from: "${CUR.from}", to: "${CUR.to}" }) { feature } }`);
    expect(report.errors?.[0]).toMatchObject({ extensions: { code: 'FEATURE_NOT_FOUND', field: 'features[1]' } });
  });

  it('counts a row of overlapping windows in both, as SciPy does with the two samples', async () => {
    // Reference: both days (refX and curX); current: the second day (curX). The oracle gets the two samples as the windows hold them.
    const truth = scipy({ x: { ref: [...refX, ...curX], cur: curX } }).x!;
    const both = { reference: { from: REF.from, to: CUR.to } };
    const [ks, w, psi] = await Promise.all(['KS', 'WASSERSTEIN', 'PSI'].map(async (m) => (await drift('features.x', m, both)).data!.drift));
    expect(ks).toMatchObject({ referenceCount: 25, currentCount: 13 });
    close(ks!.statistic, truth.ks);
    close(w!.statistic, truth.wasserstein);
    close(psi!.statistic, truth.psi);
  });

  it('gives a null statistic, not drifted, when a window has no values', async () => {
    const empty = await drift('features.x', 'KS', { current: { from: iso(T0 + 5 * DAY), to: iso(T0 + 6 * DAY) } });
    expect(empty.data!.drift).toMatchObject({ statistic: null, pValue: null, drifted: false, referenceCount: 12, currentCount: 0 });
  });
});

describe('dataQuality', () => {
  it('reports null rate, type mismatches, out-of-range share and unseen categories versus the reference', async () => {
    const Q = 'dq-p';
    const at = (i: number, day: number) => T0 + day * DAY + i * 60_000;
    await h.publish(
      predictionRecord(Q, 'm', 'a', at(0, 0), 0.1, { features: { x: 1, plan: 'free', on: true } }),
      predictionRecord(Q, 'm', 'b', at(1, 0), 0.1, { features: { x: 5, plan: 'pro', on: false } }),
      predictionRecord(Q, 'm', 'c', at(0, 1), 0.1, { features: { x: 3, plan: 'pro', on: true } }),
      predictionRecord(Q, 'm', 'd', at(1, 1), 0.1, { features: { x: 9, plan: 'enterprise', fresh: 1 } }),
      predictionRecord(Q, 'm', 'e', at(2, 1), 0.1, { features: { x: 'oops', plan: null } }),
      predictionRecord(Q, 'm', 'f', at(3, 1), 0.1, { features: { x: -1, plan: 'pro' } }),
    );
    await h.stored(Q, 'm', 6);
    const res = await h.gql<{ dataQuality: Record<string, unknown>[] }>(
      Q,
      `{ dataQuality(model: "m", window: { from: "${CUR.from}", to: "${CUR.to}" }) {
          feature expectedType rowCount nullRate typeMismatchCount outOfRangeShare unseenCategoryShare unseenCategories newFeature } }`,
    );
    const by = Object.fromEntries(res.data!.dataQuality.map((q) => [q.feature, q]));
    expect(by['features.x']).toMatchObject({ expectedType: 'NUMERIC', rowCount: 4, nullRate: 0, typeMismatchCount: 1, outOfRangeShare: 2 / 3, unseenCategoryShare: null });
    expect(by['features.plan']).toMatchObject({ expectedType: 'STRING', nullRate: 0.25, typeMismatchCount: 0, unseenCategoryShare: 1 / 3, unseenCategories: ['enterprise'] });
    expect(by['features.on']).toMatchObject({ expectedType: 'BOOLEAN', nullRate: 0.75, unseenCategoryShare: 0 });
    expect(by['features.fresh']).toMatchObject({ newFeature: true, expectedType: 'NUMERIC' });
  });
});
