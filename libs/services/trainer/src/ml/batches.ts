import { seededRandom } from '@tideline/runtime';
import type { ColumnRegistry } from './columns.ts';
import type { ClassWeights } from './params.ts';
import { spillTransform, type PreprocessingSpec } from './preprocess.ts';
import { readChunks, type SpillFile } from './spill.ts';

/** One batch in JS memory: the encoded inputs (row-major), targets and weights (row weight × class weight). */
export interface Batch {
  rows: number;
  x: Float32Array;
  /** BINARY 0/1, MULTICLASS class index, REGRESSION standardized value */
  y: Float32Array;
  w: Float32Array;
  /** Σ w */
  weight: number;
}

/** Fisher–Yates over 0…n−1 with the run's PRNG. */
export function permutation(n: number, random: () => number): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/** Per class index (spec order): the factor multiplied into each row's weight. */
export function classWeightFactors(spec: PreprocessingSpec, registry: ColumnRegistry, classWeights: ClassWeights): Float32Array | undefined {
  if (spec.task === 'REGRESSION' || classWeights === 'NONE') return undefined;
  const names = spec.classes ?? ['false', 'true'];
  const totals = names.map((name) => registry.labelWeights[registry.classes.get(name) ?? -1] ?? 0);
  const total = totals.reduce((a, b) => a + b, 0);
  if (classWeights === 'BALANCED') return Float32Array.from(totals, (t) => (t > 0 ? total / (names.length * t) : 0));
  return Float32Array.from(names, (name) => classWeights[name] ?? 1);
}

/**
 * Reads a spilled split as batches: `shuffle` draws the chunk order and each
 * chunk's row order from `random` (training), else file order (validation).
 * A batch never spans two chunks (chunks hold a multiple of the batch size).
 */
export async function* batchesOf(
  file: SpillFile,
  spec: PreprocessingSpec,
  registry: ColumnRegistry,
  classFactors: Float32Array | undefined,
  batchSize: number,
  random: (() => number) | undefined,
  onWait: (ms: number) => void,
): AsyncGenerator<Batch> {
  const transform = spillTransform(spec, registry);
  // Class ids of the registry (order of appearance) → the spec's (sorted) class indices.
  const classIndex = spec.classes ? Int32Array.from([...registry.classes.keys()], (name) => spec.classes!.indexOf(name)) : undefined;
  const target = spec.target;
  const x = new Float32Array(batchSize * spec.width);
  const y = new Float32Array(batchSize);
  const w = new Float32Array(batchSize);
  const order = random ? permutation(file.chunks.length, random) : Int32Array.from(file.chunks.keys());
  for await (const chunk of readChunks(file, [...order], onWait)) {
    const rows = random ? permutation(chunk.rows, random) : Int32Array.from({ length: chunk.rows }, (_, i) => i);
    for (let from = 0; from < chunk.rows; from += batchSize) {
      const to = Math.min(chunk.rows, from + batchSize);
      transform(chunk, rows, from, to, x);
      let weight = 0;
      for (let k = from; k < to; k++) {
        const r = rows[k]!;
        const label = chunk.labels[r]!;
        const cls = classIndex ? classIndex[label]! : label;
        y[k - from] = target ? (label - target.mean) / target.std : cls;
        w[k - from] = chunk.weights[r]! * (classFactors ? classFactors[cls]! : 1);
        weight += w[k - from]!;
      }
      const n = to - from;
      yield { rows: n, x: x.subarray(0, n * spec.width), y: y.subarray(0, n), w: w.subarray(0, n), weight };
    }
  }
}

/** A fresh PRNG for the run: shuffles depend on the seed only. */
export const shuffleRandom = (seed: number) => seededRandom(seed ^ 0x5bd1e995);
