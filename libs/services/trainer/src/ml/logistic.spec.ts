import { seededRandom } from '@tideline/runtime';
import { tempDir } from '@tideline/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend.ts';
import { loadModel } from './load.ts';
import { trainOn } from './test-data.ts';
import type { TrainingRow } from './types.ts';

const dir = tempDir('tideline-logistic-');
beforeAll(async () => {
  expect(await initBackend('wasm')).toBe('wasm');
});
afterAll(() => dir.remove());

const COUNTRIES = ['US', 'BR', 'DE'] as const;
const THETA = { US: 10, BR: 10, DE: 6 };

/** SEA rows (f1, f2, f3 uniform in [0, 10], label f1 + f2 ≤ θ per country, 5 % label noise): a logistic model on one-hot countries expresses the concept exactly. */
function seaRows(n: number, seed: number): TrainingRow[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const [f1, f2, f3] = [10 * random(), 10 * random(), 10 * random()];
    const country = COUNTRIES[Math.floor(random() * 3)]!;
    const truth = f1 + f2 <= THETA[country];
    return { features: { f1, f2, f3, country }, label: random() < 0.05 ? !truth : truth, weight: 1 };
  });
}

/** The noiseless concept on a 41 × 41 grid of (f1, f2) per country. */
const grid = (country: keyof typeof THETA) =>
  Array.from({ length: 41 * 41 }, (_, k) => ({ f1: Math.floor(k / 41) / 4, f2: (k % 41) / 4, f3: 5, country }));

/**
 * scikit-learn's LogisticRegression (C = 1e4; the trainer's l2 is 0) on the same rows, accuracy per country on the
 * grid: `/usr/bin/python3 libs/services/trainer/oracle/logistic_sea.py 1040 <seed>` (it rebuilds these rows bit for bit).
 */
const SKLEARN: Record<number, Record<keyof typeof THETA, number>> = {
  3: { US: 0.9536, BR: 0.9845, DE: 0.9845 },
  5: { US: 0.9744, BR: 0.997, DE: 0.997 },
  8: { US: 0.9798, BR: 0.9822, DE: 0.9804 },
};

describe('LOGISTIC reaches the exact optimum of a concept it expresses', () => {
  // The loop's SEA recipe (learning rate 0.05, batches of 32, 100 epochs) without a validation split: with a constant
  // step the last minibatches left the model 1.2–2.1 points below scikit-learn on these seeds.
  it.each([3, 5, 8])('SEA, 1,040 rows, seed %i: accuracy per country within 1 point of scikit-learn on the same rows', async (seed) => {
    const result = await trainOn(dir.path, 'BINARY', 'LOGISTIC', seaRows(1040, seed), [], { epochs: 100, batchSize: 32, learningRate: 0.05 });
    const model = await loadModel(result.artifact);
    try {
      for (const country of COUNTRIES) {
        const rows = grid(country);
        const right = model.predict(rows).filter((p, i) => ('score' in p ? p.score > 0.5 : NaN) === rows[i]!.f1 + rows[i]!.f2 <= THETA[country]).length;
        expect(Math.abs(right / rows.length - SKLEARN[seed]![country]), `${country}: ours ${right / rows.length}, scikit-learn ${SKLEARN[seed]![country]}`).toBeLessThanOrEqual(0.01);
      }
    } finally {
      model.dispose();
    }
  });
});
