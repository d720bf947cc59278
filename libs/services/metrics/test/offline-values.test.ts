/**
 * Offline evaluation's values: equal (1e-9) to scikit-learn's on the vendored
 * fixture for every task, variant, slice and default metric; a slice's value
 * equal to the whole-body value of that slice's rows alone; the traffic
 * oracle's labeled day-1 rows give the values the metric queries give on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOracle } from '@tideline/testing';
import { startHarness, type Harness } from './harness.ts';
import { evaluate, expectOracle, loadFixture, valuesOf, type Task } from './offline-client.ts';

let h: Harness;
const fixture = loadFixture();
const TASKS: Task[] = ['BINARY', 'MULTICLASS', 'REGRESSION'];
const DEFAULTS: Record<Task, string[]> = {
  BINARY: ['ACCURACY', 'PRECISION', 'RECALL', 'F1', 'ROC_AUC', 'PR_AUC', 'LOG_LOSS', 'BRIER', 'ECE'],
  MULTICLASS: ['ACCURACY', 'PRECISION', 'RECALL', 'F1', 'LOG_LOSS'],
  REGRESSION: ['R2', 'MAE', 'RMSE', 'MAPE'],
};

beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(async () => h?.stop());

describe('offline evaluation values', () => {
  it.each(TASKS)('%s: every default metric, both variants, overall and per slice, as scikit-learn', async (task) => {
    const { status, body } = await evaluate(h.url, `task=${task}`, fixture.rows[task]);
    expect(status, JSON.stringify(body).slice(0, 500)).toBe(200);
    expect(body).toMatchObject({ task, rows: fixture.rows[task].length, rejectedCount: 0, rejected: [] });
    // Variants in the order they first appear; values in the registry's EvaluationValueInput shape.
    expect(body.variants!.map((v) => v.variant)).toEqual(['model', 'baseline']);
    const model = body.variants![0]!.values;
    expect(new Set(model.map((v) => v.metric))).toEqual(new Set(DEFAULTS[task]));
    expect(model[0]).toEqual({ slice: null, metric: expect.any(String), value: expect.any(Number), sampleCount: fixture.rows[task].length / 2 });
    expect([...new Set(model.map((v) => v.slice))]).toEqual([null, 'features.plan=free', 'features.plan=pro', 'tags.country=BR', 'tags.country=DE', 'tags.country=US']);
    let compared = 0;
    for (const variant of ['model', 'baseline']) compared += expectOracle(valuesOf(body, variant), fixture.expected[task][variant]!);
    expect(compared).toBe(2 * 6 * DEFAULTS[task].length);
  });

  it("a slice's values are the whole-body values of its rows alone", async () => {
    const full = valuesOf((await evaluate(h.url, 'task=BINARY', fixture.rows.BINARY)).body, 'model');
    const br = fixture.rows.BINARY.filter((r) => r.variant === 'model' && r.slices?.['tags.country'] === 'BR').map(({ slices: _s, ...r }) => r);
    const alone = await evaluate(h.url, 'task=BINARY', br);
    expect(alone.body.rows).toBe(br.length);
    const values = valuesOf(alone.body, 'model');
    expect(values.size).toBe(DEFAULTS.BINARY.length); // no slices: the whole body only
    for (const metric of DEFAULTS.BINARY) {
      const whole = values.get(`|${metric}`)!;
      const slice = full.get(`tags.country=BR|${metric}`)!;
      expect(whole.sampleCount).toBe(slice.sampleCount);
      expect(Math.abs(whole.value! - slice.value!), metric).toBeLessThanOrEqual(1e-12);
    }
  });

  it('metrics= chooses and orders the metrics; undefined values are null', async () => {
    // One class only: ROC AUC and PR AUC are undefined (no positives), accuracy is not.
    const lines = [0.2, 0.7, 0.4].map((score) => ({ output: { score }, label: { positive: false } }));
    const { status, body } = await evaluate(h.url, 'task=BINARY&metrics=ROC_AUC,ACCURACY,PR_AUC', lines);
    expect(status).toBe(200);
    expect(body.variants).toEqual([
      {
        variant: 'model',
        values: [
          { slice: null, metric: 'ROC_AUC', value: null, sampleCount: 3 },
          { slice: null, metric: 'ACCURACY', value: 2 / 3, sampleCount: 3 },
          { slice: null, metric: 'PR_AUC', value: null, sampleCount: 3 },
        ],
      },
    ]);
  });

  it("the traffic oracle's labeled day-1 rows: the values scikit-learn gives per country", async () => {
    const oracle = loadOracle();
    const labels = new Map(oracle.feedback.map((f) => [f.predictionId, f]));
    const day1 = oracle.predictions.filter((p) => p.ts >= oracle.t0 + oracle.dayMs && p.ts < oracle.t0 + 2 * oracle.dayMs && labels.has(p.id));
    const lines = day1.map((p) => ({ output: { score: p.score }, label: { positive: labels.get(p.id)!.label === 1 }, slices: { 'tags.country': p.country } }));
    const { body } = await evaluate(h.url, 'task=BINARY', lines);
    const values = valuesOf(body, 'model');
    const names: Record<string, string> = { accuracy: 'ACCURACY', precision: 'PRECISION', recall: 'RECALL', f1: 'F1', rocAuc: 'ROC_AUC', prAuc: 'PR_AUC', logLoss: 'LOG_LOSS', brier: 'BRIER', ece: 'ECE' };
    const expected = Object.fromEntries(
      ['all', 'country=US', 'country=DE', 'country=IN', 'country=BR', 'country=JP'].map((slice) => {
        const e = oracle.expected.classification[`day1/${slice}`]!;
        const metrics = Object.fromEntries(Object.entries(names).map(([k, m]) => [m, e[k]!]));
        return [slice === 'all' ? '' : `tags.${slice}`, { sampleCount: e.labeledCount!, ...metrics }];
      }),
    );
    expect(expectOracle(values, expected)).toBe(6 * 9);
  });
});
