/**
 * Drift verdicts at scale (drift-verdict.ts): 500k reference rows against
 * 500k current rows, generated in ClickHouse. A negligible shift has a tiny
 * p-value at that size; by default (AUTO) it is not drifted, because past
 * 1,000 values per window KS and CHI2 are decided on an effect size, while a
 * real shift is. The p-value is still reported, and P_VALUE keeps the old
 * decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

/** Rows a window: a day of reference, then a day of current. */
const N = 500_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const windowOf = (fromMs: number, lengthMs: number) => ({ from: new Date(fromMs).toISOString(), to: new Date(fromMs + lengthMs).toISOString() });
const [REF, CUR] = [windowOf(T0, DAY), windowOf(T0 + DAY, DAY)];
/** The first 800 rows of each day: small samples. */
const SMALL = 800 * (DAY / N);
const [REF_SMALL, CUR_SMALL] = [windowOf(T0, SMALL), windowOf(T0 + DAY, SMALL)];
const P = 'verdict-p';

type Result = {
  statistic: number | null;
  pValue: number | null;
  effectSize: number | null;
  effectSizeMethod: string;
  verdictRule: string;
  threshold: number | null;
  drifted: boolean;
  referenceCount: number;
  currentCount: number;
};
const FIELDS = 'statistic pValue effectSize effectSizeMethod verdictRule threshold drifted referenceCount currentCount';

let h: Harness;

/** A uniform in (0, 1) from the row number and a salt: deterministic, so every run sees the same data. */
const uniform = (salt: number) => `((cityHash64(number, ${salt}) % 4294967296) + 0.5) / 4294967296`;

beforeAll(async () => {
  h = await startHarness();
  // Standard normal values (Box–Muller); the current day (number ≥ N) shifted by 0.02 sd ('small') or 0.5 sd ('real'),
  // its category shares moved from 50 % to 51 % ('segment') or 75 % ('segment_real').
  const z = `sqrt(-2 * log(${uniform(1)})) * cos(2 * pi() * ${uniform(2)})`;
  await h.clickhouse.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, features_num, tags, score, version)
      SELECT {p:String}, 'm', 'v1', toString(number), 'BINARY', fromUnixTimestamp64Milli(toInt64(${T0} + number * ${DAY / N})), now64(3),
        map('small', ${z} + if(cur, 0.02, 0), 'real', ${z} + if(cur, 0.5, 0)),
        map('segment', if(${uniform(3)} < if(cur, 0.51, 0.5), 'a', 'b'), 'segment_real', if(${uniform(3)} < if(cur, 0.75, 0.5), 'a', 'b')),
        0.5, 1
      FROM (SELECT number, number >= ${N} AS cur FROM numbers(${2 * N}))`,
    query_params: { p: P },
  });
  // The field catalog the store's writer would have filled.
  await h.clickhouse.command({
    query: `INSERT INTO evalstore_fields VALUES ({p:String}, 'm', 'features', 'small'), ({p:String}, 'm', 'features', 'real'),
      ({p:String}, 'm', 'tags', 'segment'), ({p:String}, 'm', 'tags', 'segment_real')`,
    query_params: { p: P },
  });
}, 120_000);
afterAll(async () => h?.stop());

const drift = async (feature: string, method: string, extra: { verdict?: string; effectSizeThreshold?: number; reference?: object; current?: object } = {}) => {
  const res = await h.gql<{ drift: Result }>(
    P,
    `query($f: String!, $m: DriftMethod!, $r: TimeRangeInput!, $c: TimeRangeInput!, $v: DriftVerdict, $e: Float) {
      drift(model: "m", feature: $f, method: $m, reference: $r, current: $c, verdict: $v, effectSizeThreshold: $e) { ${FIELDS} } }`,
    { f: feature, m: method, r: extra.reference ?? REF, c: extra.current ?? CUR, v: extra.verdict ?? null, e: extra.effectSizeThreshold ?? null },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.drift;
};

describe('drift verdicts at 500k rows a window', () => {
  it('KS: a negligible shift is not drifted by default, its tiny p-value still reported; a real one is', async () => {
    const small = await drift('features.small', 'KS');
    expect(small).toMatchObject({ verdictRule: 'EFFECT_SIZE', effectSizeMethod: 'NORMED_WASSERSTEIN', threshold: 0.1, drifted: false, referenceCount: N, currentCount: N });
    expect(small.pValue!).toBeLessThan(1e-6);
    expect(small.effectSize!).toBeGreaterThan(0.01);
    expect(small.effectSize!).toBeLessThan(0.03);
    const real = await drift('features.real', 'KS');
    expect(real).toMatchObject({ verdictRule: 'EFFECT_SIZE', drifted: true });
    expect(real.effectSize!).toBeGreaterThan(0.45);
    expect(real.effectSize!).toBeLessThan(0.55);
    // The normed Wasserstein distance is the WASSERSTEIN statistic over the reference's standard deviation.
    const w = await drift('features.small', 'WASSERSTEIN');
    expect(w.verdictRule).toBe('STATISTIC');
    expect(w.effectSize).toBeCloseTo(small.effectSize!, 12);
    expect(w.threshold! * (small.effectSize! / w.statistic!)).toBeCloseTo(0.1, 12);
  });

  it('CHI2: a share moved by one point is not drifted by default, by 25 points it is', async () => {
    const small = await drift('tags.segment', 'CHI2');
    expect(small).toMatchObject({ verdictRule: 'EFFECT_SIZE', effectSizeMethod: 'JENSEN_SHANNON', drifted: false });
    expect(small.pValue!).toBeLessThan(1e-6);
    expect(small.effectSize!).toBeLessThan(0.02);
    const js = await drift('tags.segment', 'JENSEN_SHANNON');
    expect(js.statistic).toBeCloseTo(small.effectSize!, 12);
    const real = await drift('tags.segment_real', 'CHI2');
    expect(real).toMatchObject({ verdictRule: 'EFFECT_SIZE', drifted: true });
    expect(real.effectSize!).toBeGreaterThan(0.2);
  });

  it('P_VALUE keeps the decision on the p-value: at this size, the negligible shift is drifted', async () => {
    const small = await drift('features.small', 'KS', { verdict: 'P_VALUE' });
    expect(small).toMatchObject({ verdictRule: 'P_VALUE', threshold: 0.05, drifted: true });
    expect(await drift('tags.segment', 'CHI2', { verdict: 'P_VALUE' })).toMatchObject({ verdictRule: 'P_VALUE', drifted: true });
  });

  it('AUTO decides small windows on the p-value; EFFECT_SIZE and its threshold apply whatever the size', async () => {
    const windows = { reference: REF_SMALL, current: CUR_SMALL };
    const small = await drift('features.small', 'KS', windows);
    expect(small).toMatchObject({ verdictRule: 'P_VALUE', threshold: 0.05, drifted: false, referenceCount: 800, currentCount: 800 });
    expect(await drift('features.real', 'KS', windows)).toMatchObject({ verdictRule: 'P_VALUE', drifted: true });
    expect(await drift('features.real', 'KS', { ...windows, verdict: 'EFFECT_SIZE' })).toMatchObject({ verdictRule: 'EFFECT_SIZE', threshold: 0.1, drifted: true });
    expect(await drift('features.small', 'KS', { effectSizeThreshold: 0.01 })).toMatchObject({ verdictRule: 'EFFECT_SIZE', threshold: 0.01, drifted: true });
    const bad = await h.gql(P, `{ drift(model: "m", feature: "features.small", method: KS, reference: { from: "${REF.from}", to: "${REF.to}" },
      current: { from: "${CUR.from}", to: "${CUR.to}" }, effectSizeThreshold: -1) { drifted } }`);
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'effectSizeThreshold' } });
  });

  it('a report decides every entry by its rule, and keeps p-values and effect sizes', async () => {
    const res = await h.gql<{ driftReport: (Result & { feature: string; method: string; adjustedPValue: number | null })[] }>(
      P,
      `query($r: TimeRangeInput!, $c: TimeRangeInput!) { driftReport(model: "m", features: ["features.small", "features.real", "tags.segment"],
        reference: $r, current: $c, correction: BENJAMINI_HOCHBERG) { feature method adjustedPValue ${FIELDS} } }`,
      { r: REF, c: CUR },
    );
    const entries = res.data!.driftReport;
    const verdicts = Object.fromEntries(entries.map((e) => [`${e.feature}:${e.method}`, `${e.verdictRule}:${e.drifted}`]));
    expect(verdicts).toEqual({
      'features.small:PSI': 'STATISTIC:false',
      'features.small:KS': 'EFFECT_SIZE:false',
      'features.small:WASSERSTEIN': 'STATISTIC:false',
      'features.real:PSI': 'STATISTIC:true',
      'features.real:KS': 'EFFECT_SIZE:true',
      'features.real:WASSERSTEIN': 'STATISTIC:true',
      'tags.segment:JENSEN_SHANNON': 'STATISTIC:false',
      'tags.segment:CHI2': 'EFFECT_SIZE:false',
    });
    for (const e of entries.filter((e) => e.method === 'KS' || e.method === 'CHI2')) expect(e.adjustedPValue!).toBeLessThan(1e-6);
    expect(entries.every((e) => e.effectSize !== null)).toBe(true);
  });
});
