/**
 * sliceMetrics' opt-in approximate ROC AUC (src/score-histograms.ts) through
 * the subgraph: a binary model's ROC AUC over daily buckets, or over a
 * two-day window without granularity, is read from the hour states' score
 * histograms; every value and error bound is the one its histogram gives
 * (computed here from the records sent), and the exact ROC AUC (the same
 * request without `approximate`) lies within value ± errorBound. Without
 * the argument nothing changes; a request the histograms cannot serve
 * (another task, hourly buckets, states folded without histograms) is
 * answered exactly, with errorBound 0.
 */
import type { PredictionRecord } from '@tideline/contracts';
import { eventually, predictionRecord } from '@tideline/testing';
import { register } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCORE_BINS } from '../src/score-histograms.ts';
import type { Harness } from './harness.ts';
import { differences, HOUR, mixedRecord, mixedTrafficHarness, T0, window } from './mixed-traffic.ts';

const P = 'approx';
const ROWS = 900;
const DAY = 24 * HOUR;
const TWO_DAYS = window(T0, T0 + 2 * DAY);
let h: Harness;
/** The binary model's records: the mixed traffic's first day, and the same scores a day later under other ids and labels. */
const records: PredictionRecord[] = [];

/**
 * A model on which the bound is reached: 40 bins each holding two positives
 * and two negatives over two hours; in country 'above' every positive scores
 * above the negatives of its bin (the exact AUC counts those pairs 1, the
 * histogram 0.5), in 'below' under them (0).
 */
const EDGE: PredictionRecord[] = ['above', 'below'].flatMap((country) =>
  Array.from({ length: 160 }, (_, j) => {
    const [bin, positive] = [j % 40, Math.floor(j / 40) % 2 === 0];
    const offset = (country === 'above') === positive ? 0.75 : 0.25;
    return predictionRecord(P, 'edge', `${country}-${j}`, T0 + (j % 2) * HOUR + j * 1000, (bin * 5 + offset) / SCORE_BINS, { tags: { country }, label: { positive } });
  }),
);

beforeAll(async () => {
  h = await mixedTrafficHarness(P, ROWS);
  const nextDay = Array.from({ length: ROWS }, (_, i) => {
    const r = mixedRecord(P, 'bin', 'BINARY', i + ROWS);
    return { ...r, id: `next-${i}`, timestamp: r.timestamp + DAY };
  });
  await h.publish(...nextDay);
  await h.stored(P, 'bin', 2 * ROWS);
  records.push(...Array.from({ length: ROWS }, (_, i) => mixedRecord(P, 'bin', 'BINARY', i)), ...nextDay);
  await h.publish(...EDGE);
  await h.stored(P, 'edge', EDGE.length);
  for (const model of ['bin', 'edge']) await statesCurrent(model);
}, 180_000);
afterAll(async () => h?.stop());

/** Waits (bounded) until the model's states are folded and current: a request they answer exactly (hourly ACCURACY) is read from them. */
async function statesCurrent(model: string) {
  const before = await reads('states');
  await eventually(async () => {
    await slices(model, ['ACCURACY'], 'granularity: HOUR', window(T0, T0 + 2 * HOUR));
    return (await reads('states')) > before;
  }, 60_000);
}

const reads = async (source: string) =>
  (await register.getSingleMetric('tideline_metrics_reads_total')!.get()).values.find((v) => v.labels.query === 'sliceMetrics' && v.labels.source === source)?.value ?? 0;

interface Value {
  metric: string;
  value: number | null;
  errorBound: number | null;
}
interface Slice {
  key: { value: string | null }[];
  values?: Value[];
  buckets: { from: string; values: Value[] }[];
}

async function slices(model: string, metrics: string[], args: string, win = TWO_DAYS, fields = 'values { metric value errorBound } buckets { from values { metric value errorBound } }'): Promise<Slice[]> {
  const res = await h.gql<{ sliceMetrics: Slice[] }>(P, `{ sliceMetrics(model: "${model}", metrics: [${metrics.join(', ')}], groupBy: ["tags.country"], window: ${win}, ${args}) { key { value } ${fields} } }`);
  expect(res.errors).toBeUndefined();
  return res.data!.sliceMetrics;
}

/** ROC AUC and its bound from the histogram of the labeled records of a country within [fromMs, toMs), as the states' read computes them. */
function histogramAuc(country: string | null, fromMs: number, toMs: number): { value: number; bound: number } {
  const pos = new Array<number>(SCORE_BINS).fill(0);
  const neg = new Array<number>(SCORE_BINS).fill(0);
  for (const r of records) {
    if ((r.tags?.country ?? null) !== country || r.timestamp < fromMs || r.timestamp >= toMs || !r.label || r.output?.score === undefined) continue;
    const bin = Math.min(Math.max(Math.floor(r.output.score * SCORE_BINS), 0), SCORE_BINS - 1);
    (r.label.positive ? pos : neg)[bin]! += 1;
  }
  const [P_, N] = [pos.reduce((a, b) => a + b), neg.reduce((a, b) => a + b)];
  let below = 0;
  let pairs = 0;
  let shared = 0;
  for (let b = 0; b < SCORE_BINS; b++) {
    pairs += pos[b]! * (below + neg[b]! / 2);
    shared += pos[b]! * neg[b]!;
    below += neg[b]!;
  }
  return { value: pairs / (P_ * N), bound: shared / 2 / (P_ * N) };
}

/** Each ROC AUC of an approximate answer against its histogram and against the exact answer; every other value exact. */
function checkAgainst(approximate: Slice[], exact: Slice[], spans: (bucketFrom?: string) => [number, number]): number[] {
  const bounds: number[] = [];
  const check = (key: string | null, a: Value[], e: Value[], span: [number, number]) => {
    a.forEach((v, i) => {
      const exactValue = e[i]!.value!;
      if (v.metric !== 'ROC_AUC') {
        expect(v.errorBound).toBe(0);
        expect(differences(v.value, exactValue)).toEqual([]);
        return;
      }
      const expected = histogramAuc(key, ...span);
      expect(differences([v.value, v.errorBound], [expected.value, expected.bound]), `${key} ${span[0]}`).toEqual([]);
      // The guarantee: the exact value within value ± errorBound (1e-12 for floating-point rounding).
      expect(Math.abs(exactValue - v.value!)).toBeLessThanOrEqual(v.errorBound! + 1e-12);
      bounds.push(v.errorBound!);
    });
  };
  expect(approximate.map((s) => s.key[0]!.value)).toEqual(exact.map((s) => s.key[0]!.value));
  approximate.forEach((s, i) => {
    const key = s.key[0]!.value;
    if (s.values) check(key, s.values, exact[i]!.values!, spans());
    expect(s.buckets.map((b) => b.from)).toEqual(exact[i]!.buckets.map((b) => b.from));
    s.buckets.forEach((b, j) => check(key, b.values, exact[i]!.buckets[j]!.values, spans(b.from)));
  });
  return bounds;
}

const daySpan = (from?: string): [number, number] => (from ? [Date.parse(from), Date.parse(from) + DAY] : [T0, T0 + 2 * DAY]);

describe('approximate ROC AUC from the hour states', () => {
  it.each([
    { name: 'daily buckets, ROC AUC first (whole windows rolled up)', metrics: ['ROC_AUC', 'ACCURACY'], args: 'granularity: DAY', fields: undefined },
    { name: 'daily buckets, ROC AUC second (whole windows from the buckets)', metrics: ['ACCURACY', 'ROC_AUC'], args: 'granularity: DAY', fields: 'buckets { from values { metric value errorBound } }' },
    { name: 'a two-day window without granularity', metrics: ['ROC_AUC', 'ACCURACY'], args: '', fields: undefined },
  ])('$name: read from the states, each value its histogram gives and the exact one within its bound', async ({ metrics, args, fields }) => {
    const before = await reads('states');
    const approximate = await slices('bin', metrics, `${args} approximate: true`, TWO_DAYS, fields);
    expect(await reads('states'), 'read from the hour states').toBe(before + 1);
    const exact = await slices('bin', metrics, args, TWO_DAYS, fields);
    expect(approximate.length).toBe(4); // three countries and rows without one
    const bounds = checkAgainst(approximate, exact, daySpan);
    expect(bounds.length).toBeGreaterThanOrEqual(4);
    // Hundreds of labeled rows a slice in SCORE_BINS (256) bins: some pairs share a bin, and few do.
    for (const bound of bounds) expect(bound).toBeGreaterThan(0);
    for (const bound of bounds) expect(bound).toBeLessThan(0.01);
  });

  it('the bound is reached where every pair sharing a bin is ordered one way: the exact value is value ± errorBound', async () => {
    const before = await reads('states');
    const approximate = await slices('edge', ['ROC_AUC'], 'granularity: DAY approximate: true', window(T0, T0 + 2 * HOUR));
    expect(await reads('states'), 'read from the hour states').toBe(before + 1);
    const exact = await slices('edge', ['ROC_AUC'], 'granularity: DAY', window(T0, T0 + 2 * HOUR));
    // Equal approximate values (ties go by key); the exact ones differ by twice the bound.
    expect(approximate.map((s) => s.key[0]!.value)).toEqual(['above', 'below']);
    approximate.forEach((s) => {
      const a = s.buckets[0]!.values[0]!;
      const e = exact.find((x) => x.key[0]!.value === s.key[0]!.value)!.buckets[0]!.values[0]!;
      expect(a.errorBound).toBeGreaterThan(0);
      expect(Math.abs(e.value! - a.value!)).toBeLessThanOrEqual(a.errorBound! + 1e-12);
      expect(differences(Math.abs(e.value! - a.value!), a.errorBound)).toEqual([]);
    });
  });

  it('without approximate nothing changes: the same answer as approximate: false, exact, from the folded rows', async () => {
    const before = await reads('folded');
    const absent = await slices('bin', ['ROC_AUC', 'ACCURACY'], 'granularity: DAY');
    expect(await reads('folded'), 'daily ROC AUC is not read from the states').toBe(before + 1);
    expect(await slices('bin', ['ROC_AUC', 'ACCURACY'], 'granularity: DAY approximate: false')).toEqual(absent);
    const bounds = absent.flatMap((s) => [...s.values!, ...s.buckets.flatMap((b) => b.values)]);
    for (const v of bounds) expect(v.errorBound).toBe(v.value === null ? null : 0);
  });

  it.each([
    { name: 'a multiclass model (F1 over days)', model: 'mc', metrics: ['F1', 'ACCURACY'], args: 'granularity: DAY' },
    { name: 'a regression model (R2 over days)', model: 'reg', metrics: ['R2', 'MAE'], args: 'granularity: DAY' },
    { name: 'hourly buckets (ROC AUC held exactly per hour)', model: 'bin', metrics: ['ACCURACY', 'ROC_AUC'], args: 'granularity: HOUR' },
  ])('$name: approximate answers exactly, errorBound 0', async ({ model, metrics, args }) => {
    const win = window(T0, T0 + 3 * HOUR);
    const exact = await slices(model, metrics, args, win);
    const approximate = await slices(model, metrics, `${args} approximate: true`, win);
    expect(approximate.length).toBeGreaterThanOrEqual(3);
    expect(approximate).toEqual(exact);
    const values = approximate.flatMap((s) => [...s.values!, ...s.buckets.flatMap((b) => b.values)]);
    for (const v of values) expect(v.errorBound).toBe(v.value === null ? null : 0);
  });

  it('states folded without histograms (before migration 005) answer exactly, never from empty histograms', async () => {
    await h.clickhouse.command({
      query: `ALTER TABLE metrics_hour_states UPDATE histogram_bins = 0 WHERE project = {p:String} AND model = 'bin' AND toUnixTimestamp(hour) * 1000 >= {day:Int64} SETTINGS mutations_sync = 2`,
      query_params: { p: P, day: T0 + DAY },
    });
    const exact = await slices('bin', ['ROC_AUC', 'ACCURACY'], 'granularity: DAY');
    const [states, folded] = [await reads('states'), await reads('folded')];
    const approximate = await slices('bin', ['ROC_AUC', 'ACCURACY'], 'granularity: DAY approximate: true');
    expect(await reads('folded'), 'answered again from the folded rows').toBe(folded + 1);
    expect(await reads('states'), 'the states read is dropped').toBe(states);
    expect(approximate).toEqual(exact);
  });
});
