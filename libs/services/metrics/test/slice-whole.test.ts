/**
 * sliceMetrics' two ways to a slice's whole window, on the same data through
 * the subgraph: derived from the buckets' sums when every whole-window value
 * the answer needs is additive (slice-sql.ts `wholeFromBuckets`), or the
 * ROLLUP of the buckets when one is not (a non-additive metric added to the
 * request, its values selected). Every additive metric of every task must
 * answer the same order, counts, whole-window values, significance and
 * buckets both ways, to 1e-9 relative; and, with no non-additive metric to
 * force the ROLLUP (multiclass MICRO averages), the same as the answers
 * without granularity, over the window and over each bucket's hour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './harness.ts';
import { differences, HOUR, mixedTrafficHarness, T0, window } from './mixed-traffic.ts';

const P = 'whole';
const ROWS = 360;
let h: Harness;

beforeAll(async () => {
  h = await mixedTrafficHarness(P, ROWS);
}, 120_000);
afterAll(async () => h?.stop());

const WHOLE = window(T0, T0 + 3 * HOUR);
const SIGNIFICANCE = 'significance { metric test statistic pValue restValue worseThanRest }';
const FIELDS = `key { field value } sampleCount labeledCount values { metric value } ${SIGNIFICANCE}
  buckets { from sampleCount labeledCount values { metric value } ${SIGNIFICANCE} }`;

type Answer = Record<string, unknown>[];
async function slices(model: string, metrics: string[], args = '', win = WHOLE): Promise<Answer> {
  const res = await h.gql<{ sliceMetrics: Answer }>(
    P,
    `{ sliceMetrics(model: "${model}", metrics: [${metrics.join(', ')}], groupBy: ["tags.country"], window: ${win}, ${args}) { ${FIELDS} } }`,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.sliceMetrics;
}

/** Keeps the entries of `metrics` in every `values` and `significance` list, at any depth. */
const only = (metrics: string[], x: unknown): unknown => {
  if (Array.isArray(x)) return x.filter((e) => !(e && typeof e === 'object' && 'metric' in e) || metrics.includes(e.metric as string)).map((e) => only(metrics, e));
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, only(metrics, v)]));
  return x;
};

/** Every additive metric of each task, and a metric that is not (it forces the ROLLUP when its whole window is needed). */
const CASES = [
  { model: 'bin', additive: ['ACCURACY', 'PRECISION', 'RECALL', 'F1', 'LOG_LOSS', 'BRIER', 'ECE', 'POSITIVE_RATE', 'LABEL_POSITIVE_RATE', 'COUNT', 'LABELED_COUNT'], not: 'ROC_AUC' },
  { model: 'reg', additive: ['MAE', 'RMSE', 'MAPE', 'COUNT', 'LABELED_COUNT'], not: 'R2' },
  { model: 'mc', additive: ['ACCURACY', 'LOG_LOSS', 'COUNT', 'LABELED_COUNT'], not: 'F1' },
];

describe('sliceMetrics whole windows from the buckets', () => {
  it.each(CASES)('$model: every additive metric answers the same derived from the buckets as by ROLLUP', async ({ model, additive, not }) => {
    const derived = await slices(model, additive, 'granularity: HOUR');
    const rolledUp = await slices(model, [...additive, not], 'granularity: HOUR');
    expect(derived.length).toBeGreaterThanOrEqual(4);
    expect(differences(derived, only(additive, rolledUp))).toEqual([]);
    // Each additive metric first in turn: it orders the slices both ways alike.
    for (const first of additive) {
      const ordered = [first, ...additive.filter((m) => m !== first)];
      expect(differences(await slices(model, ordered, 'granularity: HOUR, minSamples: 2'), only(ordered, await slices(model, [...ordered, not], 'granularity: HOUR, minSamples: 2'))), first).toEqual([]);
    }
  });

  it('multiclass MICRO precision, recall and F1: the same as without granularity, over the window and each hour', async () => {
    const metrics = ['F1', 'PRECISION', 'RECALL', 'ACCURACY'];
    const derived = await slices('mc', metrics, 'granularity: HOUR, average: MICRO');
    const strip = (answer: Answer) => answer.map(({ buckets: _b, ...rest }) => rest);
    expect(differences(strip(derived), strip(await slices('mc', metrics, 'average: MICRO')))).toEqual([]);
    for (let hour = 0; hour < 3; hour++) {
      const plain = await slices('mc', metrics, 'average: MICRO', window(T0 + hour * HOUR, T0 + (hour + 1) * HOUR));
      const fromBuckets = derived.map((s) => ({ key: s.key, ...(s.buckets as Record<string, unknown>[])[hour]! }));
      const expected = plain.map(({ key, sampleCount, labeledCount, values, significance }) => ({ key, from: new Date(T0 + hour * HOUR).toISOString(), sampleCount, labeledCount, values, significance }));
      const byKey = (a: Record<string, unknown>) => JSON.stringify(a.key);
      expect(differences([...fromBuckets].sort((a, b) => byKey(a).localeCompare(byKey(b))), [...expected].sort((a, b) => byKey(a).localeCompare(byKey(b)))), `hour ${hour}`).toEqual([]);
    }
  });
});
