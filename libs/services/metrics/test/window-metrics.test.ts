/**
 * windowMetrics against the queries it stands in for: on the same data
 * through the subgraph, each window's counts and values must equal
 * `metric`'s (one window, no granularity) and each sliced field's values
 * must equal `sliceMetrics`' (groupBy: [field]), in the same order, to 1e-9
 * relative: every metric of every task, overlapping windows, an empty
 * window, a model version, multiclass MICRO averages. Then every bound and
 * bad argument is refused naming its field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@tideline/contracts';
import { predictionRecord } from '@tideline/testing';
import { METRICS } from '../src/metric-definitions.ts';
import type { Harness } from './harness.ts';
import { differences, HOUR, mixedRecord, mixedTrafficHarness, MODELS, T0, window } from './mixed-traffic.ts';

const P = 'windows';
const ROWS = 360;
let h: Harness;

beforeAll(async () => {
  h = await mixedTrafficHarness(P, ROWS);
  // A second version of the binary model on the same hours: the version filter must keep it apart.
  await h.publish(...Array.from({ length: 120 }, (_, i) => mixedRecord(P, 'bin', 'BINARY', i + 1000, 'v2')));
  await h.stored(P, 'bin', ROWS + 120);
  // wide: a numeric feature and a tag with more values than a window may slice into.
  await h.publish(...Array.from({ length: 1001 }, (_, i) => predictionRecord(P, 'wide', `w${i}`, T0 + i * 1000, 0.5, { tags: { user: `u${i}` }, features: { x: i / 10 } })));
  await h.stored(P, 'wide', 1001);
  // wider: 10 users in its first hour, 2,500 in its second: a request for both windows stops at its row limit.
  await h.publish(...Array.from({ length: 2510 }, (_, i) => predictionRecord(P, 'wider', `v${i}`, T0 + (i < 10 ? 0 : HOUR) + i, 0.5, { tags: { user: `u${i}` } })));
  await h.stored(P, 'wider', 2510);
}, 120_000);
afterAll(async () => h?.stop());

/** Overlapping windows, one inside another, and one after the traffic. */
const WINDOWS = [window(T0, T0 + 2 * HOUR), window(T0 + HOUR, T0 + 3 * HOUR), window(T0 + HOUR / 2, T0 + 2.5 * HOUR), window(T0 + 3 * HOUR, T0 + 4 * HOUR)];
/** Each model's sliced fields: a tag (some rows without it) and, for classifiers, the predicted class. */
const fieldsOf = (model: string) => (model === 'reg' ? ['tags.country'] : ['tags.country', 'output.predictedClass']);
const metricsOf = (task: Task) => Object.entries(METRICS).flatMap(([name, d]) => (d!.tasks.includes(task) ? [name] : []));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type Any = Record<string, any>;
async function answer<T = Any>(query: string): Promise<T> {
  const res = await h.gql<T>(P, query);
  expect(res.errors, query).toBeUndefined();
  return res.data!;
}

/** What metric and sliceMetrics answer for one window: the figures windowMetrics must give. */
async function expected(model: string, metrics: string[], win: string, args: string) {
  const points = await Promise.all(
    metrics.map(async (m) => (await answer(`{ metric(model: "${model}", metric: ${m}, window: ${win}${args}) { points { value sampleCount labeledCount } } }`)).metric.points[0]),
  );
  const slices = await Promise.all(
    fieldsOf(model).map(async (field) => {
      const q = `{ sliceMetrics(model: "${model}", metrics: [${metrics.join(', ')}], window: ${win}, groupBy: ["${field}"]${args}) { key { value } sampleCount labeledCount values { metric value } } }`;
      return (await answer(q)).sliceMetrics.map((s: Any) => ({ field, value: s.key[0].value, sampleCount: s.sampleCount, labeledCount: s.labeledCount, values: s.values }));
    }),
  );
  return { sampleCount: points[0].sampleCount, labeledCount: points[0].labeledCount, values: metrics.map((metric, i) => ({ metric, value: points[i].value })), slices: slices.flat() };
}

const CASES = [
  { model: 'bin', args: '' },
  { model: 'bin', args: ', modelVersion: "v2"' },
  { model: 'reg', args: '' },
  { model: 'mc', args: '' },
  { model: 'mc', args: ', average: MICRO' },
];

describe('windowMetrics', () => {
  it.each(CASES)('$model $args: every metric, each window and each sliced field, as metric and sliceMetrics answer them', async ({ model, args }) => {
    const metrics = metricsOf(MODELS[model as keyof typeof MODELS]);
    const got = (
      await answer(`{ windowMetrics(model: "${model}", metrics: [${metrics.join(', ')}], windows: [${WINDOWS.join(', ')}], slicedBy: ${JSON.stringify(fieldsOf(model))}${args}) {
        from to sampleCount labeledCount values { metric value } slices { field value sampleCount labeledCount values { metric value } } } }`)
    ).windowMetrics as Any[];
    expect(got).toHaveLength(WINDOWS.length);
    for (const [i, win] of WINDOWS.entries()) {
      const { from, to, ...figures } = got[i]!;
      expect(window(Date.parse(from), Date.parse(to))).toBe(win);
      expect(differences(figures, await expected(model, metrics, win, args)), `windows[${i}]`).toEqual([]);
    }
    // The data are what the comparison rests on: overlapping windows count their shared rows in each, the last is empty, slices include rows without a country.
    const whole = (await answer(`{ metric(model: "${model}", metric: COUNT, window: ${window(T0, T0 + 3 * HOUR)}${args}) { points { sampleCount } } }`)).metric.points[0].sampleCount;
    expect(got[0]!.sampleCount + got[1]!.sampleCount).toBeGreaterThan(whole);
    expect(got[3]).toMatchObject({ sampleCount: 0, labeledCount: 0, slices: [] });
    expect(got[0]!.slices.some((s: Any) => s.field === 'tags.country' && s.value === null)).toBe(true);
  });

  it('a version filter and no slices: counts only what the version predicted', async () => {
    const [all, v2] = await Promise.all(
      ['', ', modelVersion: "v2"'].map(async (args) => (await answer(`{ windowMetrics(model: "bin", metrics: [COUNT], windows: [${WINDOWS[0]}]${args}) { sampleCount slices { value } } }`)).windowMetrics[0]),
    );
    expect(v2.sampleCount).toBeGreaterThan(0);
    expect(all.sampleCount).toBeGreaterThan(v2.sampleCount);
    expect(all.slices).toEqual([]);
  });

  it('refuses bad arguments, naming the field', async () => {
    const refused = async (args: string, model = 'bin') => (await h.gql(P, `{ windowMetrics(model: "${model}", ${args}) { sampleCount } }`)).errors?.[0]?.extensions;
    const w = WINDOWS[0];
    expect(await refused('metrics: [], windows: []')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'metrics' });
    expect(await refused('metrics: [ACCURACY], windows: []')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'windows' });
    expect(await refused(`metrics: [ACCURACY], windows: [${Array(9).fill(w).join(', ')}]`)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'windows' });
    expect(await refused(`metrics: [ACCURACY], windows: [${w}, ${window(T0 + HOUR, T0 + HOUR)}]`)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'windows[1].from' });
    expect(await refused(`metrics: [ESTIMATED_ACCURACY], windows: [${w}]`)).toMatchObject({ code: 'METRIC_NOT_SUPPORTED', field: 'metrics' });
    expect(await refused(`metrics: [MAE], windows: [${w}]`)).toMatchObject({ code: 'METRIC_NOT_APPLICABLE', field: 'metrics' });
    expect(await refused(`metrics: [ACCURACY], windows: [${w}], average: MICRO`)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'average' });
    expect(await refused(`metrics: [ACCURACY], windows: [${w}], slicedBy: ["tags.a", "tags.b", "tags.c", "tags.d", "tags.e"]`)).toMatchObject({ code: 'INVALID_GROUP_BY', field: 'slicedBy' });
    expect(await refused(`metrics: [ACCURACY], windows: [${w}], slicedBy: ["output.score"]`)).toMatchObject({ code: 'INVALID_GROUP_BY', field: 'slicedBy' });
    expect(await refused(`metrics: [ACCURACY], windows: [${w}], slicedBy: ["tags.planet"]`)).toMatchObject({ code: 'FIELD_NOT_FOUND', field: 'slicedBy' });
    expect(await refused(`metrics: [ACCURACY], windows: [${w}], slicedBy: ["features.x"]`, 'wide')).toMatchObject({ code: 'INVALID_GROUP_BY', field: 'slicedBy' });
    expect(await refused(`metrics: [ACCURACY], windows: [${w}], slicedBy: ["tags.user"]`, 'wide')).toMatchObject({ code: 'TOO_MANY_GROUPS', field: 'slicedBy' });
    // Past the row limit the window named is the one that overflowed, not the first.
    const capped = (await h.gql(P, `{ windowMetrics(model: "wider", metrics: [COUNT], windows: [${window(T0, T0 + HOUR)}, ${window(T0 + HOUR, T0 + 2 * HOUR)}], slicedBy: ["tags.user"]) { sampleCount } }`)).errors?.[0];
    expect(capped).toMatchObject({ extensions: { code: 'TOO_MANY_GROUPS', field: 'slicedBy' } });
    expect(capped?.message).toContain('windows[1]');
    expect(await refused(`metrics: [ACCURACY], windows: [${w}]`, 'nobody')).toMatchObject({ code: 'MODEL_NOT_FOUND', field: 'model' });
  });
});
