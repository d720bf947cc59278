import { describe, expect, it } from 'vitest';
import { batchesOf } from './drift-numeric.ts';

const features = (...values: number[]) => values.map((v, i) => ({ name: `f${i}`, values: v }));

describe('batchesOf', () => {
  it('keeps every feature once, in order, in batches of about equal values none above the budget', () => {
    const all = features(...Array.from({ length: 1000 }, () => 200_000));
    const batches = batchesOf(all, 50_000_000);
    expect(batches).toHaveLength(4);
    expect(batches.flat()).toEqual(all);
    for (const b of batches) expect(b.reduce((s, f) => s + f.values, 0)).toBeLessThanOrEqual(50_000_000);
  });

  it('puts everything in one batch under the budget, and a feature larger than the budget alone', () => {
    expect(batchesOf(features(10, 20, 30), 100)).toEqual([features(10, 20, 30)]);
    const batches = batchesOf(features(10, 500, 10), 100);
    expect(batches.flat().map((f) => f.values)).toEqual([10, 500, 10]);
    expect(batches.find((b) => b.some((f) => f.values === 500))).toHaveLength(1);
  });
});
