/**
 * A wide drift report: 200 numeric features, 3,000 reference rows against
 * 3,000 current ones, generated in ClickHouse with ties (values on a 0.01
 * grid), features missing from some rows and half the features shifted. A
 * few features are checked against SciPy on the rows themselves (ks_2samp,
 * wasserstein_distance, numpy's PSI as the README defines it). A second
 * model sends the same key list in every row (read at known positions),
 * with negative values, zeros and negative zeros.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { rawValues as rawValuesOf, scipy } from './drift-oracle.ts';
import { batches, numericStats } from '../src/drift-numeric.ts';
import { resolveFeatures, type DriftScope } from '../src/drift-sql.ts';
import { kindCounts } from '../src/drift-kinds.ts';
import { fieldSql, parseField, type Field } from '@tideline/store';

const N = 3_000;
const F = 200;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const P = 'wide-p';
const FEATURES = Array.from({ length: F }, (_, i) => `features.f${i}`);
const window = (day: number) => ({ from: new Date(T0 + day * DAY).toISOString(), to: new Date(T0 + (day + 1) * DAY).toISOString() });
const CHECKED = ['f0', 'f7', 'f123', 'f199'];
const UNIFORM_F = 40;
const BUDGET = 100_000;

interface Entry {
  feature: string;
  method: string;
  statistic: number | null;
  referenceCount: number;
  currentCount: number;
}

let h: Harness;

beforeAll(async () => {
  // Reports through GraphQL go in batches of at most 100,000 values (about 5,100 a feature: 11 batches of 200 features).
  h = await startHarness({ METRICS_DRIFT_MAX_VALUES: String(BUDGET) });
  // Feature i of row n: on a 0.01 grid (ties within and across windows), absent when (n + i) % 7 = 0,
  // shifted by 0.3 in the current day when i is even.
  await h.clickhouse.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, features_num, score, version)
      SELECT {p:String}, 'm', 'v1', toString(number), 'BINARY', fromUnixTimestamp64Milli(toInt64(${T0} + number * ${DAY / N})), now64(3),
        mapFromArrays(
          arrayMap(i -> concat('f', toString(i)), arrayFilter(i -> (number + i) % 7 != 0, range(${F}))),
          arrayMap(i -> round((cityHash64(number, i) % 1000) / 100.0 * (1 + i % 3), 2) + if(number >= ${N} AND i % 2 = 0, 0.3, 0),
            arrayFilter(i -> (number + i) % 7 != 0, range(${F})))),
        0.5, 1
      FROM numbers(${2 * N})`,
    query_params: { p: P },
  });
  // Model 'u': the same 40 keys in every row, values on a 0.01 grid in [-10, 10] (ties across windows), some -0.0,
  // a row without any feature; the current day shifts the even features by 0.3.
  await h.clickhouse.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, features_num, score, version)
      SELECT {p:String}, 'u', 'v1', toString(number), 'BINARY', fromUnixTimestamp64Milli(toInt64(${T0} + number * ${DAY / N})), now64(3),
        if(number = 17, map(), mapFromArrays(arrayMap(i -> concat('f', toString(i)), range(${UNIFORM_F})),
          arrayMap(i -> if(cityHash64(number, i, 1) % 40 = 0, -0., round((toInt64(cityHash64(number, i) % 2001) - 1000) / 100.0, 2)
            + if(number >= ${N} AND i % 2 = 0, 0.3, 0)), range(${UNIFORM_F})))),
        0.5, 1
      FROM numbers(${2 * N})`,
    query_params: { p: P },
  });
}, 120_000);
afterAll(async () => h?.stop());

const rawValues = (feature: string, day: number, model = 'm') => rawValuesOf(h.clickhouse, P, model, feature, T0 + day * DAY, T0 + (day + 1) * DAY);

const relative = (a: number | null | undefined, b: number) => Math.abs(a! - b) / Math.abs(b);

/** SELECT statements the process's engine has run so far (chDB keeps ClickHouse's event counters). */
async function selects(): Promise<number> {
  const result = await h.clickhouse.query({ query: "SELECT value FROM system.events WHERE name = 'SelectQuery'", format: 'JSONEachRow' });
  return Number((await result.json<{ value: string }>())[0]!.value);
}

describe('a wide drift report', () => {
  it('answers 200 features × KS, WASSERSTEIN, PSI in batches under METRICS_DRIFT_MAX_VALUES, the checked ones as SciPy', async () => {
    const scope = { project: P, model: 'm', task: 'BINARY', reference: { fromMs: T0, toMs: T0 + DAY }, current: { fromMs: T0 + DAY, toMs: T0 + 2 * DAY } } as DriftScope;
    const expectedBatches = batches(await resolveFeatures(h.clickhouse, scope, FEATURES, (i) => `features[${i}]`), BUDGET).length;
    expect(expectedBatches).toBeGreaterThan(5);
    const before = await selects();
    const res = await h.gql<{ driftReport: Entry[] }>(
      P,
      `query($f: [String!]!, $r: TimeRangeInput!, $c: TimeRangeInput!) {
        driftReport(model: "m", features: $f, methods: [KS, WASSERSTEIN, PSI], reference: $r, current: $c) { feature method statistic referenceCount currentCount } }`,
      { f: FEATURES, r: window(0), c: window(1) },
    );
    expect(res.errors).toBeUndefined();
    // One numeric query a batch (besides the type probe): the setting reached the service.
    expect((await selects()) - before).toBeGreaterThanOrEqual(expectedBatches);
    const entries = res.data!.driftReport;
    expect(entries).toHaveLength(3 * F);
    const got = (feature: string, method: string) => entries.find((e) => e.feature === `features.${feature}` && e.method === method)!;

    const values = Object.fromEntries(await Promise.all(CHECKED.map(async (f) => [f, { ref: await rawValues(f, 0), cur: await rawValues(f, 1) }] as const)));
    const want = scipy(values);
    for (const f of CHECKED) {
      expect(got(f, 'KS')).toMatchObject({ referenceCount: values[f]!.ref.length, currentCount: values[f]!.cur.length });
      expect(relative(got(f, 'KS').statistic, want[f]!.ks)).toBeLessThan(1e-9);
      expect(relative(got(f, 'WASSERSTEIN').statistic, want[f]!.wasserstein)).toBeLessThan(1e-9);
      expect(relative(got(f, 'PSI').statistic, want[f]!.psi)).toBeLessThan(1e-9);
    }
    // f0 is shifted by 0.3, f3 (same scale) is not.
    expect(got('f0', 'WASSERSTEIN').statistic!).toBeGreaterThan(got('f3', 'WASSERSTEIN').statistic! + 0.1);
  }, 120_000);

  it('gives the same statistics in batches of bounded size as in one query', async () => {
    const scope = { project: P, model: 'm', task: 'BINARY', reference: { fromMs: T0, toMs: T0 + DAY }, current: { fromMs: T0 + DAY, toMs: T0 + 2 * DAY } } as DriftScope;
    const features = await resolveFeatures(h.clickhouse, scope, FEATURES, (i) => `features[${i}]`);
    // About 5,100 values a feature: a budget of 100,000 makes 11 batches.
    expect(batches(features, 100_000).length).toBeGreaterThan(5);
    const [whole, batched] = await Promise.all([numericStats(h.clickhouse, scope, features, Infinity), numericStats(h.clickhouse, scope, features, 100_000)]);
    const exact = ({ n1, n2, ks, wasserstein, psi }: (typeof whole)[number]) => ({ n1, n2, ks, wasserstein, psi });
    expect(batched.map(exact)).toEqual(whole.map(exact));
    // The standard deviation sums in parallel, in no fixed order: equal to rounding.
    batched.forEach((b, i) => expect(relative(b.refStd, whole[i]!.refStd!)).toBeLessThan(1e-12));
    expect(whole.every((w) => w.n1 > 2_000 && w.ks !== null)).toBe(true);
  }, 120_000);

  it('reads a uniform key list at its positions: same statistics as matching keys, as SciPy with negatives and -0', async () => {
    const scope = { project: P, model: 'u', task: 'BINARY', reference: { fromMs: T0, toMs: T0 + DAY }, current: { fromMs: T0 + DAY, toMs: T0 + 2 * DAY } } as DriftScope;
    const names = [39, 0, 5, 12, 33, 2].map((i) => `features.f${i}`);
    const features = await resolveFeatures(h.clickhouse, scope, names, (i) => `features[${i}]`);
    expect(features.map((f) => f.mapSlot)).toEqual([40, 1, 6, 13, 34, 3].map((position) => ({ position, keys: UNIFORM_F })));
    const byKeys = features.map(({ mapSlot: _, ...f }) => f);
    const [positions, keys] = await Promise.all([numericStats(h.clickhouse, scope, features, 20_000), numericStats(h.clickhouse, scope, byKeys)]);
    const exact = ({ n1, n2, ks, wasserstein, psi }: (typeof keys)[number]) => ({ n1, n2, ks, wasserstein, psi });
    expect(positions.map(exact)).toEqual(keys.map(exact));
    const checked = ['f39', 'f0', 'f5'];
    const values = Object.fromEntries(await Promise.all(checked.map(async (f) => [f, { ref: await rawValues(f, 0, 'u'), cur: await rawValues(f, 1, 'u') }] as const)));
    expect(values.f0!.ref.some((v) => Object.is(v, -0))).toBe(true);
    const want = scipy(values);
    checked.forEach((f, i) => {
      expect(positions[i]).toMatchObject({ n1: N - 1, n2: N });
      expect(relative(positions[i]!.ks, want[f]!.ks)).toBeLessThan(1e-9);
      expect(relative(positions[i]!.wasserstein, want[f]!.wasserstein)).toBeLessThan(1e-9);
      expect(relative(positions[i]!.psi, want[f]!.psi)).toBeLessThan(1e-9);
    });
  }, 120_000);

  it('counts feature types per key list as when exploding every key (7 lists here), and says when the lists are uniform', async () => {
    const params: Record<string, unknown> = {};
    const parsed = ['f0', 'f5', 'f199', 'nope'].map((n) => parseField(`features.${n}`)!) as Field[];
    const fields = parsed.map((f, i) => fieldSql(f, (n) => ((params[`fk${i}`] = n), `{fk${i}:String}`)));
    const probe = (model: string, maxKeyLists?: number) => kindCounts(h.clickhouse, { project: P, model, windows: null, params }, parsed, fields, { maxKeyLists });
    // A limit of 3 lists: grouping stops making groups past it, and keys are exploded instead.
    const [lists, exploded, overflow, uniform] = await Promise.all([probe('m'), probe('m', 0), probe('m', 3), probe('u')]);
    expect(lists.counts).toEqual(exploded.counts);
    expect(overflow.counts).toEqual(exploded.counts);
    expect(lists.counts[0]![0]).toBe(2 * N - Math.ceil((2 * N) / 7));
    expect(lists.counts[3]).toEqual([0, 0, 0, 0]);
    expect([lists.numericKeys, exploded.numericKeys]).toEqual([null, null]);
    expect(uniform.numericKeys).toEqual(Array.from({ length: UNIFORM_F }, (_, i) => `f${i}`));
  }, 120_000);

  it('answers a report of more than 100 numeric features exactly even when asked to approximate', async () => {
    const ask = async (approximate: boolean) => {
      const res = await h.gql<{ driftReport: (Entry & { errorBound: number })[] }>(
        P,
        `query($f: [String!]!, $a: Boolean) { driftReport(model: "m", features: $f, methods: [KS, PSI], reference: ${gqlWindow(0)}, current: ${gqlWindow(1)}, approximate: $a) {
          feature method statistic errorBound referenceCount currentCount } }`,
        { f: FEATURES.slice(0, 101), a: approximate },
      );
      expect(res.errors).toBeUndefined();
      return res.data!.driftReport;
    };
    const [approximate, exact] = [await ask(true), await ask(false)];
    expect(approximate).toHaveLength(202);
    expect(approximate.every((e) => e.errorBound === 0)).toBe(true);
    expect(approximate).toEqual(exact);
  });

  it('refuses more than 1,000 features, naming the argument', async () => {
    const res = await h.gql(P, `query($f: [String!]!) { driftReport(model: "m", features: $f, reference: ${gqlWindow(0)}, current: ${gqlWindow(1)}) { feature } }`, {
      f: Array.from({ length: 1_001 }, (_, i) => `features.f${i}`),
    });
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'features' } });
  });
});

const gqlWindow = (day: number) => `{ from: "${window(day).from}", to: "${window(day).to}" }`;
