import { describe, expect, it } from 'vitest';
import { allocate } from './allocation.ts';

describe('allocate', () => {
  it('splits evenly when every group has enough', () => {
    expect(allocate([100, 100, 100], [1, 1, 1], 10)).toEqual([4, 3, 3]);
  });

  it('gives a small group all it has and its unused share to the others', () => {
    expect(allocate([2, 100, 100], [1, 1, 1], 30)).toEqual([2, 14, 14]);
    expect(allocate([2, 3, 100], [1, 1, 1], 30)).toEqual([2, 3, 25]);
  });

  it('follows the weights, and the quotas add up to the total', () => {
    const quotas = allocate([1000, 1000, 1000], [0.5, 0.3, 0.2], 101);
    expect(quotas.reduce((a, b) => a + b, 0)).toBe(101);
    expect(quotas).toEqual([51, 30, 20]);
  });

  it('takes everything when the total exceeds what exists, and nothing from zero-weight groups', () => {
    expect(allocate([3, 4], [1, 1], 100)).toEqual([3, 4]);
    expect(allocate([3, 4], [0, 1], 100)).toEqual([0, 4]);
  });
});
