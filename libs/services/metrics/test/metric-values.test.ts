/**
 * Metric values through the metrics subgraph over the real store: labels that
 * arrive inline or as feedback, per-bucket values, null where a value is
 * undefined, multiclass averages, and metrics refused for the wrong task.
 * Hand-checked values; metric-definitions.spec.ts shows the arithmetic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PredictionRecord } from '@tideline/contracts';
import { predictionRecord, feedbackRecord } from '@tideline/testing';
import { startHarness, type Harness } from './harness.ts';

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);
const MIN = 60_000;
const P = 'mv';
const WINDOW = '{ from: "2026-01-01T00:00:00Z", to: "2026-01-01T00:04:00Z" }';
let h: Harness;

const prediction = (model: string, id: string, minute: number, task: PredictionRecord['task'], output: PredictionRecord['output'], label?: PredictionRecord['label']): PredictionRecord => ({
  ...predictionRecord(P, model, id, T0 + minute * MIN + 1000, 0),
  task,
  output,
  ...(label ? { label } : {}),
});

beforeAll(async () => {
  h = await startHarness();
  const ties: [number, 0 | 1 | null][] = [[0.9, 1], [0.8, 0], [0.5, 1], [0.5, 0], [0.3, 1], [0.1, 0], [0.7, null]];
  await h.publish(
    // Minute 0: ties at 0.5, one label inline, the others as feedback, one row unlabeled.
    ...ties.map(([score], i) => predictionRecord(P, 'bin', `t${i}`, T0 + 1000 + i, score, i === 0 ? { label: { positive: true } } : {})),
    ...ties.flatMap(([, label], i) => (i === 0 || label === null ? [] : [feedbackRecord(P, 'bin', `t${i}`, { positive: label === 1 })])),
    // Minute 1: positives only. Minute 2: no labels. Minute 3: empty.
    predictionRecord(P, 'bin', 'o1', T0 + MIN + 1000, 0.2, { label: { positive: true } }),
    predictionRecord(P, 'bin', 'o2', T0 + MIN + 2000, 0.6, { label: { positive: true } }),
    predictionRecord(P, 'bin', 'u1', T0 + 2 * MIN + 1000, 0.9),
    // Multiclass: (true, predicted) (a a) (a b) (b b) (b b) (c a) (c d).
    ...[['a', 'a'], ['a', 'b'], ['b', 'b'], ['b', 'b'], ['c', 'a'], ['c', 'd']].map(([label, predicted], i) =>
      prediction('mc', `m${i}`, 0, 'MULTICLASS', { predictedClass: predicted }, { class: label }),
    ),
    // Multiclass log loss: renormalized rows, a true class missing from the row.
    prediction('mcll', 'l1', 0, 'MULTICLASS', { probabilities: { a: 0.7, b: 0.2, c: 0.1 }, predictedClass: 'a' }, { class: 'a' }),
    prediction('mcll', 'l2', 0, 'MULTICLASS', { probabilities: { a: 0.4, b: 0.5, c: 0.1 }, predictedClass: 'b' }, { class: 'b' }),
    prediction('mcll', 'l3', 0, 'MULTICLASS', { probabilities: { a: 0.6, b: 0.4 }, predictedClass: 'a' }, { class: 'c' }),
    prediction('mcll', 'l4', 0, 'MULTICLASS', { probabilities: { a: 0.2, b: 0.6, c: 0.1 }, predictedClass: 'b' }, { class: 'b' }),
    // Regression: scikit-learn's example y = [3, −0.5, 2, 7], ŷ = [2.5, 0, 2, 8].
    ...[[2.5, 3], [0, -0.5], [2, 2], [8, 7]].map(([value, label], i) => prediction('reg', `r${i}`, 0, 'REGRESSION', { value: value! }, { value: label! })),
  );
  await h.stored(P, 'bin', ties.length + 3);
  await h.stored(P, 'mc', 6);
  await h.stored(P, 'mcll', 4);
  await h.stored(P, 'reg', 4);
}, 120_000);
afterAll(async () => h?.stop());

type Series = Record<string, { points: { value: number | null; sampleCount: number; labeledCount: number }[] }>;

/** Values per minute of every metric asked, in one request. */
async function values(model: string, metrics: string[], average = 'MACRO'): Promise<Record<string, (number | null)[]>> {
  const aliases = metrics.map((m) => `${m}: metric(model: "${model}", metric: ${m}, window: ${WINDOW}, granularity: MINUTE, average: ${average}) { points { value sampleCount labeledCount } }`);
  const res = await h.gql<Series>(P, `{ ${aliases.join('\n')} }`);
  expect(res.errors).toBeUndefined();
  return Object.fromEntries(metrics.map((m) => [m, res.data![m]!.points.map((p) => p.value)]));
}

const near = (actual: number | null | undefined, expected: number) => expect(actual).toBeCloseTo(expected, 12);

describe('metric values', () => {
  it('binary: per bucket, labels inline or as feedback, null where undefined', async () => {
    const v = await values('bin', ['COUNT', 'LABELED_COUNT', 'ACCURACY', 'PRECISION', 'RECALL', 'F1', 'ROC_AUC', 'PR_AUC', 'BRIER', 'ECE', 'POSITIVE_RATE', 'LABEL_POSITIVE_RATE', 'LOG_LOSS']);
    expect(v.COUNT).toEqual([7, 2, 1, null]);
    expect(v.LABELED_COUNT).toEqual([6, 2, 0, null]);
    near(v.ACCURACY![0], 3 / 6);
    near(v.PRECISION![0], 2 / 4);
    near(v.RECALL![0], 2 / 3);
    near(v.F1![0], 4 / 7);
    near(v.ROC_AUC![0], 5.5 / 9);
    near(v.PR_AUC![0], 0.7);
    near(v.BRIER![0], 1.65 / 6);
    near(v.ECE![0], 1.7 / 6);
    near(v.POSITIVE_RATE![0], 4 / 6);
    near(v.LABEL_POSITIVE_RATE![0], 3 / 6);
    near(v.LOG_LOSS![0], -(Math.log(0.9) + Math.log(0.2) + Math.log(0.5) + Math.log(0.5) + Math.log(0.3) + Math.log(0.9)) / 6);
    // Positives only: ROC AUC undefined, AP = 1, accuracy 1/2.
    expect(v.ROC_AUC![1]).toBeNull();
    near(v.PR_AUC![1], 1);
    near(v.ACCURACY![1], 1 / 2);
    // No labels and no rows: every performance metric is null, never 0.
    for (const m of ['ACCURACY', 'PRECISION', 'RECALL', 'F1', 'ROC_AUC', 'PR_AUC', 'BRIER', 'ECE', 'POSITIVE_RATE', 'LABEL_POSITIVE_RATE', 'LOG_LOSS']) {
      expect(v[m]!.slice(2), m).toEqual([null, null]);
    }
  });

  it('multiclass: accuracy and precision, recall, F1 averaged MACRO, MICRO and WEIGHTED', async () => {
    const expected: Record<string, [number, number, number]> = {
      MACRO: [7 / 24, 3 / 8, 13 / 40],
      MICRO: [1 / 2, 1 / 2, 1 / 2],
      WEIGHTED: [7 / 18, 1 / 2, 13 / 30],
    };
    for (const [average, [precision, recall, f1]] of Object.entries(expected)) {
      const v = await values('mc', ['ACCURACY', 'PRECISION', 'RECALL', 'F1'], average);
      near(v.ACCURACY![0], 1 / 2);
      near(v.PRECISION![0], precision);
      near(v.RECALL![0], recall);
      near(v.F1![0], f1);
      expect(v.F1!.slice(1)).toEqual([null, null, null]);
    }
  });

  it('multiclass log loss: clipped, rows renormalized', async () => {
    const eps = 2.220446049250313e-16;
    const v = await values('mcll', ['LOG_LOSS']);
    near(v.LOG_LOSS![0], -(Math.log(0.7) + Math.log(0.5) + Math.log(eps / (1 + eps)) + Math.log(0.6 / 0.9)) / 4);
  });

  it('regression: MAE, RMSE, R² and MAPE', async () => {
    const v = await values('reg', ['MAE', 'RMSE', 'R2', 'MAPE']);
    near(v.MAE![0], 0.5);
    near(v.RMSE![0], Math.sqrt(0.375));
    near(v.R2![0], 1 - 1.5 / 29.1875);
    near(v.MAPE![0], (0.5 / 3 + 1 + 1 / 7) / 4);
  });

  it('refuses a metric that does not apply to the model task, naming the field', async () => {
    for (const [model, metric] of [['reg', 'ROC_AUC'], ['mc', 'BRIER'], ['bin', 'MAE']]) {
      const res = await h.gql(P, `{ metric(model: "${model}", metric: ${metric}, window: ${WINDOW}) { points { value } } }`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'METRIC_NOT_APPLICABLE', field: 'metric' });
    }
  });
});
