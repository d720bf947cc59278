import { describe, expect, it } from 'vitest';
import { ColumnRegistry } from './columns.ts';
import { readChunks, spillSplit } from './spill.ts';
import { fitSpec, scoringTransform, spillTransform } from './preprocess.ts';
import { arraySource } from './test-data.ts';
import { tempDir } from '@tideline/testing';
import type { FeatureValues, TrainingRow } from './types.ts';

const row = (features: FeatureValues, label = true): TrainingRow => ({ features, label, weight: 1 });

async function spilled(train: TrainingRow[], validation: TrainingRow[], chunkRows = 4) {
  const dir = tempDir('tideline-ml-');
  const registry = new ColumnRegistry('BINARY');
  const trainFile = await spillSplit(arraySource(train, 3), registry, `${dir.path}/train`, chunkRows);
  registry.frozen = true;
  const validationFile = await spillSplit(arraySource(validation, 3), registry, `${dir.path}/validation`, chunkRows);
  return { registry, trainFile, validationFile, dir };
}

describe('the preprocessing spec', () => {
  const train = [
    row({ x: 1, color: 'a', flag: true }),
    row({ x: 3, color: 'a', flag: false }),
    row({ x: null, color: 'b', flag: true }),
    row({ x: 'oops', color: 'c' }),
    row({ x: 8, color: 'a', flag: true }),
    row({ color: 'c', late: 5 }),
    row({ x: 4, color: 'b', late: 7 }),
    row({ x: 4, color: 'd', flag: 'not a boolean' }),
  ];
  // values far from the train split's: they must not move its statistics or vocabulary
  const validation = [row({ x: 1000, color: 'zzz', late: 1e6, onlyInValidation: 1 })];

  it('is fitted on the train split only: means, population std, top-k by count (ties by value), classes', async () => {
    const { registry, trainFile, validationFile, dir } = await spilled(train, validation);
    const spec = fitSpec(registry, 2);
    dir.remove();
    expect(trainFile.rows).toBe(8);
    expect(validationFile.rows).toBe(1);
    const xs = [1, 3, 8, 4, 4];
    const mean = xs.reduce((a, b) => a + b) / xs.length;
    const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(spec.inputs).toEqual([
      { name: 'color', kind: 'categorical', categories: ['a', 'b'], column: 0 },
      { name: 'flag', kind: 'boolean', column: 3 },
      { name: 'late', kind: 'numeric', mean: 6, std: 1, column: 5 },
      { name: 'x', kind: 'numeric', mean: expect.closeTo(mean, 12), std: expect.closeTo(std, 12), column: 7 },
    ]);
    expect(spec.width).toBe(9);
    expect(spec).toMatchObject({ format: 'tideline-preprocessing', version: 1, task: 'BINARY', classes: null, target: null });
    expect(registry.byName.has('onlyInValidation')).toBe(false);
    expect(registry.categorical[0]!.ids.has('zzz')).toBe(false);
  });

  it('scores missing features, unseen categories and wrong types without failing, as documented', async () => {
    const { registry, dir } = await spilled(train, validation);
    dir.remove();
    const spec = fitSpec(registry, 2);
    const x = scoringTransform(spec)([
      { x: 6, color: 'b', flag: false, late: 6 },
      { x: '6', color: 'unseen', flag: 1, late: null },
      {},
      { x: Number.NaN, color: 42, flag: true, late: Number.POSITIVE_INFINITY, unknown: 'ignored' },
    ]);
    const xInput = spec.inputs[3]!;
    if (xInput.kind !== 'numeric') throw new Error('x is numeric');
    const { mean: xMean, std: xStd } = xInput;
    //                      color a, b, OTHER | flag, missing | late, missing | x, missing
    expect([...x.subarray(0, 9)]).toEqual([0, 1, 0, 0, 0, 0, 0, Math.fround((6 - xMean) / xStd), 0]);
    expect([...x.subarray(9, 18)]).toEqual([0, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect([...x.subarray(18, 27)]).toEqual([0, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect([...x.subarray(27, 36)]).toEqual([0, 0, 1, 1, 0, 0, 1, 0, 1]);
  });

  it('encodes spilled chunks exactly as scoring encodes the same rows, features first seen in a later chunk included', async () => {
    const { registry, trainFile, validationFile, dir } = await spilled(train, validation, 4);
    const spec = fitSpec(registry, 2);
    const encode = spillTransform(spec, registry);
    const fromSpill: number[] = [];
    for (const file of [trainFile, validationFile]) {
      for await (const chunk of readChunks(file, file.chunks.map((_, i) => i), () => undefined)) {
        const x = new Float32Array(chunk.rows * spec.width);
        encode(chunk, Array.from({ length: chunk.rows }, (_, i) => i), 0, chunk.rows, x);
        fromSpill.push(...x);
      }
    }
    dir.remove();
    expect(trainFile.chunks.map((c) => c.rows)).toEqual([4, 4]);
    expect(fromSpill).toEqual([...scoringTransform(spec)([...train, ...validation].map((r) => r.features))]);
  });

  it('standardizes the REGRESSION target with the train split`s weighted mean and std; rows without a usable label are skipped and counted', async () => {
    const dir = tempDir('tideline-ml-');
    const registry = new ColumnRegistry('REGRESSION');
    const rows: TrainingRow[] = [
      { features: { a: 1 }, label: 10, weight: 1 },
      { features: { a: 2 }, label: 20, weight: 3 },
      { features: { a: 3 }, label: 'twenty', weight: 1 },
      { features: { a: 4 }, label: 5, weight: -1 },
    ];
    const file = await spillSplit(arraySource(rows), registry, `${dir.path}/train`, 8);
    dir.remove();
    expect({ rows: file.rows, skipped: file.skipped }).toEqual({ rows: 2, skipped: 2 });
    expect(fitSpec(registry, 5).target).toEqual({ mean: 17.5, std: expect.closeTo(Math.sqrt((1 * 7.5 ** 2 + 3 * 2.5 ** 2) / 4), 9) });
  });
});
