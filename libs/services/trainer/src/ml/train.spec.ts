import type { Task } from '@tideline/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend.ts';
import { loadModel } from './load.ts';
import { parseParams } from './params.ts';
import { arraySource, syntheticRows, workDir } from './test-data.ts';
import { trainModel } from './train.ts';
import type { Family, Prediction, TrainingRow, TrainResult } from './types.ts';

const dir = workDir();
beforeAll(async () => {
  expect(await initBackend('wasm')).toBe('wasm');
});
afterAll(() => dir.remove());

export async function train(task: Task, family: Family, rows: TrainingRow[], validation: TrainingRow[], raw: Record<string, unknown> = {}, extra: Partial<Parameters<typeof trainModel>[0]> = {}): Promise<TrainResult> {
  return trainModel({ task, family, params: parseParams(family, task, raw), seed: 7, train: arraySource(rows), validation: arraySource(validation), workDir: dir.path, ...extra });
}

/** Mean loss of predictions against labels: log loss (BINARY, MULTICLASS) or squared error. */
function meanLoss(task: Task, predictions: Prediction[], rows: TrainingRow[]): number {
  const eps = 1e-7;
  const losses = predictions.map((p, i) => {
    const label = rows[i]!.label;
    if ('score' in p) return -Math.log(Math.min(1 - eps, Math.max(eps, label ? p.score : 1 - p.score)));
    if ('probabilities' in p) return -Math.log(Math.max(eps, p.probabilities[String(label)] ?? 0));
    return (p.value - (label as number)) ** 2;
  });
  return losses.reduce((a, b) => a + b, 0) / losses.length;
}

describe('each family learns each of its tasks clearly better than the naive baseline', () => {
  const cases: [Task, Family, Record<string, unknown>][] = [
    ['BINARY', 'LOGISTIC', { epochs: 15 }],
    ['MULTICLASS', 'LOGISTIC', { epochs: 15 }],
    ['REGRESSION', 'LINEAR', { epochs: 15 }],
    ['BINARY', 'MLP', { epochs: 15, hidden: [16], learningRate: 0.01 }],
    ['MULTICLASS', 'MLP', { epochs: 15, hidden: [16, 8], dropout: 0.1, l2: 0.0001, learningRate: 0.01 }],
    ['REGRESSION', 'MLP', { epochs: 15, hidden: [16], learningRate: 0.01 }],
  ];
  it.each(cases)('%s · %s', async (task, family, raw) => {
    const result = await train(task, family, syntheticRows(task, 3000, 1), syntheticRows(task, 500, 2), { batchSize: 64, ...raw });
    const test = syntheticRows(task, 1000, 3);
    const model = await loadModel(result.artifact);
    const predictions = model.predict(test.map((r) => r.features));
    model.dispose();
    const ours = meanLoss(task, predictions, test);
    const baseline = meanLoss(task, test.map(() => result.baseline), test);
    expect(ours).toBeLessThan((task === 'REGRESSION' ? 0.1 : 0.5) * baseline);
    expect(result.rows).toEqual({ train: 3000, validation: 500, skipped: 0 });
    expect(result.backend).toBe('wasm');
    if (task === 'MULTICLASS') expect(result.classes).toEqual(['a', 'b', 'c']);
  });
});
