/** Synthetic, seeded training data for the ML specs (not exported by the library). */
import type { Task } from '@tideline/contracts';
import { seededRandom } from '@tideline/runtime';
import { parseParams } from './params.ts';
import { trainModel } from './train.ts';
import type { Family, FeatureValues, Prediction, RowSource, TrainInput, TrainingRow, TrainResult } from './types.ts';

/** A standard normal draw (Box–Muller) from a uniform PRNG. */
export function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const COLORS = ['red', 'green', 'blue', 'cyan'];

/**
 * Rows of a simple problem per task over two numeric features (x1 on a
 * large scale, x2 with 10 % missing), a categorical `color` and a boolean
 * `flag`: BINARY is x1/50 + x2 + color effect > noise; MULTICLASS takes the
 * argmax of three linear scores; REGRESSION is linear plus noise.
 */
export function syntheticRows(task: Task, n: number, seed: number): TrainingRow[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const x1 = 100 + 50 * normal(random);
    const x2 = normal(random);
    const color = COLORS[Math.floor(random() * COLORS.length)]!;
    const flag = random() < 0.5;
    const features: FeatureValues = { x1, x2: random() < 0.1 ? null : x2, color, flag };
    const z = (x1 - 100) / 50 + x2 + (color === 'red' ? 1.5 : color === 'blue' ? -1.5 : 0) + (flag ? 0.5 : 0);
    if (task === 'BINARY') return { features, label: z + 0.3 * normal(random) > 0, weight: 1 };
    if (task === 'REGRESSION') return { features, label: 1000 + 20 * z + normal(random), weight: 1 };
    const scores = [z, -z, x2 - (x1 - 100) / 50 + (color === 'green' ? 2 : 0)];
    return { features, label: ['a', 'b', 'c'][scores.indexOf(Math.max(...scores))]!, weight: 1 };
  });
}

/** A RowSource over an array, in batches of `batch` rows. */
export function arraySource(rows: TrainingRow[], batch = 250): RowSource {
  return async function* () {
    for (let i = 0; i < rows.length; i += batch) yield rows.slice(i, i + batch);
  };
}

/** trainModel on arrays with parsed params and seed 7 unless `extra` says otherwise. */
export function trainOn(workDir: string, task: Task, family: Family, rows: TrainingRow[], validation: TrainingRow[], raw: Record<string, unknown> = {}, extra: Partial<TrainInput> = {}): Promise<TrainResult> {
  return trainModel({ task, family, params: parseParams(family, task, raw), seed: 7, train: arraySource(rows), validation: arraySource(validation), workDir, ...extra });
}

/** Mean loss of predictions against the rows' labels: log loss (BINARY, MULTICLASS) or squared error. */
export function meanLoss(predictions: Prediction[], rows: TrainingRow[]): number {
  const eps = 1e-7;
  const losses = predictions.map((p, i) => {
    const label = rows[i]!.label;
    if ('score' in p) return -Math.log(Math.min(1 - eps, Math.max(eps, label ? p.score : 1 - p.score)));
    if ('probabilities' in p) return -Math.log(Math.max(eps, p.probabilities[String(label)] ?? 0));
    return (p.value - (label as number)) ** 2;
  });
  return losses.reduce((a, b) => a + b, 0) / losses.length;
}
