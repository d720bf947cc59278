/**
 * Every metric expression run in chDB over small literal tables whose values
 * are worked out by hand (scikit-learn 1.2's definitions). Cases are rows of
 * one table told apart by `case`, and each query groups by it, as
 * `sliceMetrics` groups by slice keys: the expressions are single aggregates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouseClient, type ClickHouseClient } from '@tideline/clickhouse';
import type { Task } from '@tideline/contracts';
import { tempDir, type TempDir } from '@tideline/testing';
import type { MetricName } from './__generated__/resolvers-types.ts';
import { METRICS, type Average } from './metric-definitions.ts';
import { finiteOrNull } from './metric-series.ts';

const EPS = 2.220446049250313e-16;
let dir: TempDir;
let client: ClickHouseClient;

interface Row {
  case: string;
  score?: number;
  value?: number;
  predicted_class?: string;
  probabilities?: Record<string, number>;
  label_positive?: boolean;
  label_class?: string;
  label_value?: number;
}

const bin = (c: string, score: number, label?: 0 | 1): Row => ({ case: c, score, label_positive: label === undefined ? undefined : label === 1 });
const reg = (c: string, value: number, label?: number): Row => ({ case: c, value, label_value: label });
const mc = (c: string, label: string | undefined, predicted: string, probabilities: Record<string, number> = {}): Row => ({
  case: c,
  predicted_class: predicted,
  probabilities,
  label_class: label,
});

const ROWS: Row[] = [
  // Binary with a tie across classes at 0.5 (the threshold) and one unlabeled row.
  bin('ties', 0.9, 1),
  bin('ties', 0.8, 0),
  bin('ties', 0.5, 1),
  bin('ties', 0.5, 0),
  bin('ties', 0.3, 1),
  bin('ties', 0.1, 0),
  bin('ties', 0.7),
  // Positives only: ROC AUC undefined, AP defined.
  bin('positives', 0.2, 1),
  bin('positives', 0.6, 1),
  // Negatives only, no predicted positive: recall, precision, F1, ROC AUC and AP undefined.
  bin('negatives', 0.2, 0),
  bin('negatives', 0.4, 0),
  // No labels at all.
  bin('unlabeled', 0.2),
  bin('unlabeled', 0.9),
  // Extremes: log loss clipped, 1.0 in the last ECE bin.
  bin('extremes', 1.0, 0),
  bin('extremes', 0.0, 0),
  // Regression: scikit-learn's documentation example, plus an unlabeled row.
  reg('reg', 2.5, 3),
  reg('reg', 0.0, -0.5),
  reg('reg', 2, 2),
  reg('reg', 8, 7),
  reg('reg', 100),
  // Constant labels: R² undefined; a zero label makes MAPE huge (eps floor).
  reg('regconst', 1, 0),
  reg('regconst', 0, 0),
  // Multiclass: classes a, b, c labelled, d only predicted.
  mc('mc', 'a', 'a'),
  mc('mc', 'a', 'b'),
  mc('mc', 'b', 'b'),
  mc('mc', 'b', 'b'),
  mc('mc', 'c', 'a'),
  mc('mc', 'c', 'd'),
  mc('mc', undefined, 'c'),
  // Multiclass log loss: a row summing to 0.9 is renormalized, a true class missing from the row is eps.
  mc('mcll', 'a', 'a', { a: 0.7, b: 0.2, c: 0.1 }),
  mc('mcll', 'b', 'b', { a: 0.4, b: 0.5, c: 0.1 }),
  mc('mcll', 'c', 'a', { a: 0.6, b: 0.4 }),
  mc('mcll', 'b', 'b', { a: 0.2, b: 0.6, c: 0.1 }),
  mc('mcll', undefined, 'a', {}),
  mc('mcnone', undefined, 'a', { a: 1 }),
];

beforeAll(async () => {
  dir = tempDir('metric-definitions-');
  client = createClickHouseClient(`chdb://${dir.path}`);
  await client.command({
    query: `CREATE TABLE rows (
      case String, score Nullable(Float64), value Nullable(Float64), predicted_class Nullable(String),
      probabilities Map(String, Float64), label_positive Nullable(Bool), label_class Nullable(String), label_value Nullable(Float64),
      labeled Bool ALIAS label_positive IS NOT NULL OR label_class IS NOT NULL OR label_value IS NOT NULL
    ) ENGINE = Memory`,
  });
  await client.insert({ table: 'rows', values: ROWS.map((r) => ({ probabilities: {}, ...r })), format: 'JSONEachRow' });
});

afterAll(async () => {
  await client?.close();
  dir?.remove();
});

/** The metric per case, as the engine reads it (NaN and infinities → null). */
async function metric(name: MetricName, task: Task, average: Average = 'MACRO'): Promise<Record<string, number | null>> {
  const definition = METRICS[name]!;
  expect(definition.tasks).toContain(task);
  const result = await client.query({
    query: `SELECT case, ${finiteOrNull(definition.sql({ task, average }))} AS v FROM rows GROUP BY case ORDER BY case`,
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ case: string; v: number | null }>();
  return Object.fromEntries(rows.map((r) => [r.case, r.v]));
}

const close = (actual: number | null | undefined, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
};

describe('binary metrics', () => {
  // Labeled rows of 'ties' (score, label): .9 1, .8 0, .5 1, .5 0, .3 1, .1 0.
  // At 0.5: TP = 2 (.9, .5), FP = 2 (.8, .5), FN = 1 (.3), TN = 1 (.1).
  it('counts all rows and labeled rows', async () => {
    expect((await metric('COUNT', 'BINARY')).ties).toBe(7);
    expect((await metric('LABELED_COUNT', 'BINARY')).ties).toBe(6);
    expect((await metric('LABELED_COUNT', 'BINARY')).unlabeled).toBe(0);
  });

  it('accuracy, precision, recall and F1 at threshold 0.5 (score ≥ 0.5 is positive)', async () => {
    close((await metric('ACCURACY', 'BINARY')).ties, 3 / 6);
    close((await metric('PRECISION', 'BINARY')).ties, 2 / 4);
    close((await metric('RECALL', 'BINARY')).ties, 2 / 3);
    // 2PR / (P + R) = 2 · .5 · 2/3 / (7/6) = 4/7 = 2TP / (2TP + FP + FN).
    close((await metric('F1', 'BINARY')).ties, 4 / 7);
  });

  it('ROC AUC counts tied pairs as half', async () => {
    // Positives .9 .5 .3 against negatives .8 .5 .1: .9 wins 3, .5 wins 1 and ties 1, .3 wins 1 → 5.5 / 9.
    close((await metric('ROC_AUC', 'BINARY')).ties, 5.5 / 9);
  });

  it('PR AUC is average precision over distinct thresholds', async () => {
    // Thresholds .9 (P 1, R 1/3), .8 (P 1/2, R 1/3), .5 (P 2/4, R 2/3), .3 (P 3/5, R 1), .1 (P 1/2, R 1):
    // AP = 1/3 · 1 + 0 + 1/3 · 1/2 + 1/3 · 3/5 + 0 = 0.7.
    close((await metric('PR_AUC', 'BINARY')).ties, 0.7);
  });

  it('log loss, Brier, ECE and the rates', async () => {
    close((await metric('LOG_LOSS', 'BINARY')).ties, -(Math.log(0.9) + Math.log(0.2) + Math.log(0.5) + Math.log(0.5) + Math.log(0.3) + Math.log(0.9)) / 6);
    // (.01 + .64 + .25 + .25 + .49 + .01) / 6
    close((await metric('BRIER', 'BINARY')).ties, 1.65 / 6);
    // Bins 9: .9−1, 8: .8−0, 5: (.5−1) + (.5−0) = 0, 3: .3−1, 1: .1−0 → (.1 + .8 + 0 + .7 + .1) / 6.
    close((await metric('ECE', 'BINARY')).ties, 1.7 / 6);
    // Over labeled rows, as the oracle: 4 of 6 predicted positive, 3 of 6 labelled positive.
    close((await metric('POSITIVE_RATE', 'BINARY')).ties, 4 / 6);
    close((await metric('LABEL_POSITIVE_RATE', 'BINARY')).ties, 3 / 6);
  });

  it('clips log loss at float64 eps; a score of 1.0 falls in the last ECE bin', async () => {
    // Score 1 with label 0: p clipped to 1 − eps, P(label 0) = eps; score 0 with label 0: P = 1 − eps.
    close((await metric('LOG_LOSS', 'BINARY')).extremes, -(Math.log(EPS) + Math.log(1 - EPS)) / 2);
    // Bin 9: |1 − 0|, bin 0: |0 − 0| → 1 / 2.
    close((await metric('ECE', 'BINARY')).extremes, 0.5);
  });

  it('is null where undefined: one class only, no predicted or labelled positives, no labels', async () => {
    const auc = await metric('ROC_AUC', 'BINARY');
    expect([auc.positives, auc.negatives, auc.unlabeled]).toEqual([null, null, null]);
    const ap = await metric('PR_AUC', 'BINARY');
    close(ap.positives, 1);
    expect([ap.negatives, ap.unlabeled]).toEqual([null, null]);
    expect((await metric('PRECISION', 'BINARY')).negatives).toBeNull();
    expect((await metric('RECALL', 'BINARY')).negatives).toBeNull();
    expect((await metric('F1', 'BINARY')).negatives).toBeNull();
    close((await metric('ACCURACY', 'BINARY')).negatives, 1);
    for (const name of ['ACCURACY', 'PRECISION', 'RECALL', 'F1', 'LOG_LOSS', 'BRIER', 'ECE', 'POSITIVE_RATE', 'LABEL_POSITIVE_RATE'] as const) {
      expect((await metric(name, 'BINARY')).unlabeled, name).toBeNull();
    }
  });
});

describe('regression metrics', () => {
  // y = [3, −0.5, 2, 7], ŷ = [2.5, 0, 2, 8]: errors −0.5, 0.5, 0, 1.
  it('MAE, RMSE, R² and MAPE as scikit-learn', async () => {
    close((await metric('MAE', 'REGRESSION')).reg, 2 / 4);
    close((await metric('RMSE', 'REGRESSION')).reg, Math.sqrt(1.5 / 4));
    // ȳ = 2.875; SS_tot = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875; SS_res = 1.5.
    close((await metric('R2', 'REGRESSION')).reg, 1 - 1.5 / 29.1875);
    // (0.5/3 + 0.5/0.5 + 0 + 1/7) / 4 = 0.3273809523809524 (scikit-learn's example).
    close((await metric('MAPE', 'REGRESSION')).reg, (0.5 / 3 + 1 + 1 / 7) / 4);
  });

  it('R² is null for constant labels; MAPE floors |y| at eps', async () => {
    expect((await metric('R2', 'REGRESSION')).regconst).toBeNull();
    close((await metric('MAPE', 'REGRESSION')).regconst, 1 / EPS / 2);
  });
});

describe('multiclass metrics', () => {
  // Labeled (true, predicted): (a a) (a b) (b b) (b b) (c a) (c d); classes seen a, b, c, d.
  //   a: TP 1, predicted 2, true 2 → P 1/2, R 1/2, F1 1/2
  //   b: TP 2, predicted 3, true 2 → P 2/3, R 1,   F1 4/5
  //   c: TP 0, predicted 0, true 2 → P 0 (zero division), R 0, F1 0
  //   d: TP 0, predicted 1, true 0 → P 0, R 0 (zero division), F1 0
  // macro    P = (1/2 + 2/3) / 4 = 7/24,  R = (1/2 + 1) / 4 = 3/8,  F1 = (1/2 + 4/5) / 4 = 13/40
  // weighted P = (2·1/2 + 2·2/3) / 6 = 7/18, R = (2·1/2 + 2·1) / 6 = 1/2, F1 = (2·1/2 + 2·4/5) / 6 = 13/30
  // micro    P = R = F1 = accuracy = 3/6
  it('accuracy', async () => {
    close((await metric('ACCURACY', 'MULTICLASS')).mc, 3 / 6);
  });

  it.each([
    ['MACRO', 7 / 24, 3 / 8, 13 / 40],
    ['WEIGHTED', 7 / 18, 1 / 2, 13 / 30],
    ['MICRO', 1 / 2, 1 / 2, 1 / 2],
  ] as const)('precision, recall and F1 averaged %s', async (average, precision, recall, f1) => {
    close((await metric('PRECISION', 'MULTICLASS', average)).mc, precision);
    close((await metric('RECALL', 'MULTICLASS', average)).mc, recall);
    close((await metric('F1', 'MULTICLASS', average)).mc, f1);
  });

  it('log loss: probabilities clipped, rows renormalized, a missing true class is eps', async () => {
    // Rows: P(a) = .7; P(b) = .5; c missing from {a .6, b .4} → eps / (1 + eps); P(b) = .6 / .9.
    const expected = -(Math.log(0.7) + Math.log(0.5) + Math.log(EPS / (1 + EPS)) + Math.log(0.6 / 0.9)) / 4;
    close((await metric('LOG_LOSS', 'MULTICLASS')).mcll, expected);
  });

  it('is null without labels', async () => {
    for (const average of ['MACRO', 'MICRO', 'WEIGHTED'] as const) {
      for (const name of ['PRECISION', 'RECALL', 'F1'] as const) expect((await metric(name, 'MULTICLASS', average)).mcnone).toBeNull();
    }
    expect((await metric('ACCURACY', 'MULTICLASS')).mcnone).toBeNull();
    expect((await metric('LOG_LOSS', 'MULTICLASS')).mcnone).toBeNull();
  });
});

describe('definitions', () => {
  it('order slices worst first: errors and losses are lower-is-better', () => {
    const lower = Object.entries(METRICS).filter(([, d]) => !d.higherIsBetter).map(([n]) => n).sort();
    expect(lower).toEqual(['BRIER', 'ECE', 'LOG_LOSS', 'MAE', 'MAPE', 'RMSE']);
  });

  it('apply to the tasks they are defined for', () => {
    expect(METRICS.ROC_AUC!.tasks).toEqual(['BINARY']);
    expect(METRICS.F1!.tasks).toEqual(['BINARY', 'MULTICLASS']);
    expect(METRICS.LOG_LOSS!.tasks).toEqual(['BINARY', 'MULTICLASS']);
    expect(METRICS.R2!.tasks).toEqual(['REGRESSION']);
  });
});
