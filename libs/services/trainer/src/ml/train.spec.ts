import type { Task } from '@tideline/contracts';
import { seededRandom } from '@tideline/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend.ts';
import { loadModel } from './load.ts';
import { meanLoss, normal, syntheticRows, trainOn } from './test-data.ts';
import { tempDir } from '@tideline/testing';
import type { Family, FeatureValues, TrainingRow } from './types.ts';

const dir = tempDir('tideline-ml-');
beforeAll(async () => {
  expect(await initBackend('wasm')).toBe('wasm');
});
afterAll(() => dir.remove());

async function predictWith(artifact: Parameters<typeof loadModel>[0], rows: FeatureValues[]) {
  const model = await loadModel(artifact);
  try {
    return model.predict(rows);
  } finally {
    model.dispose();
  }
}

describe('each family learns each of its tasks clearly better than the naive baseline', () => {
  const cases: [Task, Family, Record<string, unknown>][] = [
    ['BINARY', 'LOGISTIC', {}],
    ['MULTICLASS', 'LOGISTIC', {}],
    ['REGRESSION', 'LINEAR', {}],
    ['BINARY', 'MLP', { hidden: [16], learningRate: 0.01 }],
    ['MULTICLASS', 'MLP', { hidden: [16, 8], dropout: 0.1, l2: 0.0001, learningRate: 0.01 }],
    ['REGRESSION', 'MLP', { hidden: [16], learningRate: 0.01 }],
  ];
  it.each(cases)('%s · %s', async (task, family, raw) => {
    const result = await trainOn(dir.path, task, family, syntheticRows(task, 2000, 1), syntheticRows(task, 400, 2), { batchSize: 64, epochs: 10, ...raw });
    const test = syntheticRows(task, 1000, 3);
    const ours = meanLoss(await predictWith(result.artifact, test.map((r) => r.features)), test);
    const baseline = meanLoss(test.map(() => result.baseline), test);
    // log loss at most half the prior's; squared error under a tenth of the mean's
    expect(ours).toBeLessThan((task === 'REGRESSION' ? 0.1 : 0.5) * baseline);
    expect(result.rows).toEqual({ train: 2000, validation: 400, skipped: 0 });
    expect(result.backend).toBe('wasm');
    expect(result.weightsDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    if (task === 'MULTICLASS') expect(result.classes).toEqual(['a', 'b', 'c']);
  });
});

/** Labels that are pure noise: a wide MLP can only overfit the few train rows, so the validation loss climbs after a few epochs. */
function noise(n: number, seed: number): TrainingRow[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => ({ features: { a: normal(random), b: normal(random), c: normal(random) }, label: random() < 0.5, weight: 1 }));
}

describe('early stopping', () => {
  it('stops after `patience` epochs without a better validation loss and keeps the best epoch weights', async () => {
    const validation = noise(400, 12);
    const result = await trainOn(dir.path, 'BINARY', 'MLP', noise(64, 11), validation, { epochs: 60, patience: 3, hidden: [64, 64], learningRate: 0.03, batchSize: 16 });
    expect(result.stoppedEarly).toBe(true);
    const losses = result.history.map((h) => h.valLoss!);
    const best = Math.min(...losses);
    expect(result.bestEpoch).toBe(losses.indexOf(best) + 1);
    expect(result.history.length).toBe(result.bestEpoch + 3);
    // the saved model is the best epoch's: its validation loss, recomputed from the artifact, is that epoch's, not the last one's
    const recomputed = meanLoss(await predictWith(result.artifact, validation.map((r) => r.features)), validation);
    expect(recomputed).toBeCloseTo(best, 4);
    expect(Math.abs(recomputed - losses.at(-1)!)).toBeGreaterThan(1e-3);
  });
});

describe('class weights', () => {
  // 10 % positives on overlapping classes: the unweighted model predicts low scores; weighting the positives moves the boundary towards the negatives
  const imbalanced = (n: number, seed: number): TrainingRow[] => {
    const random = seededRandom(seed);
    return Array.from({ length: n }, () => {
      const positive = random() < 0.1;
      return { features: { x: normal(random) + (positive ? 1 : 0) }, label: positive, weight: 1 };
    });
  };
  const probe = Array.from({ length: 21 }, (_, i) => ({ x: -2 + i * 0.2 }));
  const meanScore = async (classWeights: unknown) => {
    const result = await trainOn(dir.path, 'BINARY', 'LOGISTIC', imbalanced(2000, 21), imbalanced(400, 22), { epochs: 8, batchSize: 64, classWeights });
    const predictions = await predictWith(result.artifact, probe);
    return predictions.reduce((sum, p) => sum + ('score' in p ? p.score : NaN), 0) / predictions.length;
  };

  it('BALANCED and an explicit map raise the scores of the rare positive class, a map favouring negatives lowers them', async () => {
    const none = await meanScore('NONE');
    const balanced = await meanScore('BALANCED');
    expect(none).toBeLessThan(0.25);
    expect(balanced).toBeGreaterThan(none + 0.2);
    expect(await meanScore({ true: 9 })).toBeGreaterThan(none + 0.2);
    expect(await meanScore({ false: 5 })).toBeLessThan(none);
  });

  it('multiply with the rows own weights: a weight of 0 removes a row', async () => {
    const rows = imbalanced(2000, 31).map((r) => (r.label ? r : { ...r, weight: 0 }));
    const result = await trainOn(dir.path, 'BINARY', 'LOGISTIC', rows, imbalanced(300, 32), { epochs: 5, batchSize: 64, classWeights: 'BALANCED' });
    // only positives weigh: BALANCED gives the absent class 0, and the baseline prior is 1
    expect(result.baseline).toEqual({ score: 1 });
    const predictions = await predictWith(result.artifact, probe);
    expect(Math.min(...predictions.map((p) => ('score' in p ? p.score : 0)))).toBeGreaterThan(0.5);
  });
});

describe('determinism and cancellation', () => {
  const rows = syntheticRows('BINARY', 1500, 41);
  const validation = syntheticRows('BINARY', 300, 42);
  const params = { epochs: 3, hidden: [16, 8], dropout: 0.2, batchSize: 32 };

  it('same seed, same backend, same data: the same weights digest; another seed: another digest', async () => {
    const [a, b, c] = [await trainOn(dir.path, 'BINARY', 'MLP', rows, validation, params), await trainOn(dir.path, 'BINARY', 'MLP', rows, validation, params), await trainOn(dir.path, 'BINARY', 'MLP', rows, validation, params, { seed: 8 })];
    expect(b.weightsDigest).toBe(a.weightsDigest);
    expect(b.history).toEqual(a.history);
    expect(c.weightsDigest).not.toBe(a.weightsDigest);
  });

  it('an aborted signal rejects with its reason between batches, long before the epochs are done', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by the test');
    const epochs: number[] = [];
    const run = trainOn(dir.path, 'BINARY', 'MLP', rows, validation, { ...params, epochs: 1000, patience: 0 }, {
      signal: controller.signal,
      onProgress: (p) => {
        epochs.push(p.epoch);
        if (p.epoch === 2) controller.abort(reason);
      },
    });
    await expect(run).rejects.toBe(reason);
    expect(epochs).toEqual([1, 2]);
  });

  it('also cancels the download pass: a source that never ends stops at the next batch', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled while downloading');
    let served = 0;
    const endless = async function* () {
      for (;;) {
        if (++served === 3) controller.abort(reason);
        yield rows.slice(0, 100);
      }
    };
    await expect(trainOn(dir.path, 'BINARY', 'MLP', [], validation, params, { train: endless, signal: controller.signal })).rejects.toBe(reason);
    expect(served).toBe(3);
  });
});
