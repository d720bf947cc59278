/**
 * Approximate drift (`approximate: true`): KS, Wasserstein and PSI from
 * binned values, each with an error bound that must hold the exact answer.
 * 20,000 reference rows against 20,000 current ones, generated in
 * ClickHouse, with features of the shapes that are hard for bins: a
 * continuous shifted feature, integers (ties), a small spread far from zero
 * (years), signed values with zeros and outliers, and two identical
 * distributions. Every statistic is checked against SciPy / numpy on the
 * stored rows: |SciPy − statistic| ≤ errorBound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { rawValues, scipy, type DriftTruth } from './drift-oracle.ts';

const N = 20_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const P = 'approx-p';
const FEATURES = ['cont', 'ints', 'year', 'wild', 'same'];
const window = (day: number) => ({ from: new Date(T0 + day * DAY).toISOString(), to: new Date(T0 + (day + 1) * DAY).toISOString() });

interface Entry {
  feature: string;
  method: string;
  statistic: number | null;
  errorBound: number | null;
  threshold: number | null;
  drifted: boolean;
}

let h: Harness;
let truth: Record<string, DriftTruth>;

beforeAll(async () => {
  h = await startHarness();
  // u(k): a uniform draw in [0, 1) per row and feature; the current day (number >= N) shifts some features.
  const u = (k: number) => `(cityHash64(number, ${k}) % 1000000) / 1000000.0`;
  const cur = 'number >= ' + N;
  await h.clickhouse.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, features_num, tags, score, version)
      SELECT {p:String}, 'm', 'v1', toString(number), 'BINARY', fromUnixTimestamp64Milli(toInt64(${T0} + number * ${DAY / N})), now64(3),
        map('cont', ${u(1)} * 10 + if(${cur}, 0.3, 0),
            'ints', floor(${u(2)} * 20) + if(${cur} AND ${u(3)} < 0.3, 1, 0),
            'year', 2020 + ${u(4)} + if(${cur}, 0.05, 0),
            'wild', multiIf(${u(5)} < 0.01, 1e6, ${u(5)} < 0.05, 0, (${u(6)} - 0.5) * 4 + if(${cur}, 0.2, 0)),
            'same', ${u(7)} * ${u(8)}),
        map('country', ['fr', 'de', 'es'][number % 3 + 1]), 0.5, 1
      FROM numbers(${2 * N})`,
    query_params: { p: P },
  });
  const values = Object.fromEntries(
    await Promise.all(FEATURES.map(async (f) => [f, { ref: await rawValues(h.clickhouse, P, 'm', f, T0, T0 + DAY), cur: await rawValues(h.clickhouse, P, 'm', f, T0 + DAY, T0 + 2 * DAY) }] as const)),
  );
  truth = scipy(values);
}, 120_000);
afterAll(async () => h?.stop());

async function report(approximate: boolean): Promise<Entry[]> {
  const res = await h.gql<{ driftReport: Entry[] }>(
    P,
    `query($f: [String!]!, $r: TimeRangeInput!, $c: TimeRangeInput!, $a: Boolean) {
      driftReport(model: "m", features: $f, reference: $r, current: $c, approximate: $a) { feature method statistic errorBound threshold drifted } }`,
    { f: [...FEATURES.map((f) => `features.${f}`), 'tags.country'], r: window(0), c: window(1), a: approximate },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.driftReport;
}

const KEYS = { KS: 'ks', WASSERSTEIN: 'wasserstein', PSI: 'psi' } as const;

describe('approximate drift', () => {
  it('holds SciPy within statistic ± errorBound for every feature and method', async () => {
    const entries = await report(true);
    for (const f of FEATURES) {
      for (const [method, key] of Object.entries(KEYS)) {
        const e = entries.find((x) => x.feature === `features.${f}` && x.method === method)!;
        const want = truth[f]![key];
        expect(Math.abs(e.statistic! - want), `${f} ${method}: ${e.statistic} ± ${e.errorBound} vs ${want}`).toBeLessThanOrEqual(e.errorBound! + 1e-9 * Math.max(1, want));
      }
    }
  });

  it('is tight on continuous values, exact on integers, and says when bins are coarse', async () => {
    const entries = await report(true);
    const get = (f: string, m: string) => entries.find((x) => x.feature === `features.${f}` && x.method === m)!;
    expect(get('cont', 'KS').errorBound).toBeLessThan(0.002);
    // Bins' sums make the Wasserstein integral exact wherever the two distributions' difference keeps its sign.
    expect(get('cont', 'WASSERSTEIN').errorBound! / truth.cont!.wasserstein).toBeLessThan(0.01);
    // PSI's edges are known to a bin: far below the thresholds PSI is read against (0.1–0.25).
    expect(get('cont', 'PSI').errorBound).toBeLessThan(0.005);
    for (const m of Object.keys(KEYS)) expect(get('ints', m).errorBound).toBeLessThan(1e-12);
    // Years: bins about 2 wide at 2020, so the whole spread sits in one or two of them; the bound is large and says so.
    expect(get('year', 'KS').errorBound).toBeGreaterThan(0.2);
    // The verdicts follow the statistics: the shifted feature drifts, the identical ones do not.
    expect(get('cont', 'KS').drifted).toBe(true);
    expect(get('same', 'KS').drifted).toBe(false);
  });

  it('answers exact statistics (errorBound 0) by default and for categorical methods; drift agrees with driftReport', async () => {
    const [exact, approx] = [await report(false), await report(true)];
    for (const e of exact) expect(e.errorBound).toBe(0);
    // WASSERSTEIN's default threshold is 0.1 reference standard deviations: the binned path combines it from bin sums.
    for (const f of FEATURES) {
      const [x, a] = [exact, approx].map((r) => r.find((e) => e.feature === `features.${f}` && e.method === 'WASSERSTEIN')!.threshold!);
      expect(Math.abs(a! - x!) / x!, f).toBeLessThan(1e-9);
    }
    for (const e of approx.filter((x) => x.feature === 'tags.country')) expect(e.errorBound).toBe(0);
    const cont = exact.find((x) => x.feature === 'features.cont' && x.method === 'KS')!;
    expect(Math.abs(cont.statistic! - truth.cont!.ks)).toBeLessThan(1e-9);
    const one = await h.gql<{ drift: Entry }>(
      P,
      `query($r: TimeRangeInput!, $c: TimeRangeInput!) { drift(model: "m", feature: "features.wild", method: PSI, reference: $r, current: $c, approximate: true) { statistic errorBound } }`,
      { r: window(0), c: window(1) },
    );
    expect(one.errors).toBeUndefined();
    expect(one.data!.drift).toEqual({ statistic: approx.find((x) => x.feature === 'features.wild' && x.method === 'PSI')!.statistic, errorBound: expect.any(Number) });
  });
});
