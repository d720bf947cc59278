import { describe, expect, it } from 'vitest';
import { hourChunks } from './hour-states.ts';

describe('hourChunks', () => {
  it('groups consecutive hours up to the row bound, an hour over it alone', () => {
    const hours = [
      { h: 1, n: 400 },
      { h: 2, n: 500 },
      { h: 3, n: 200 },
      { h: 4, n: 5000 },
      { h: 5, n: 0 },
      { h: 6, n: 1000 },
    ];
    expect(hourChunks(hours, 1000)).toEqual([[1, 2], [3], [4], [5, 6]]);
    expect(hourChunks(hours, 10_000)).toEqual([[1, 2, 3, 4, 5, 6]]);
    expect(hourChunks([], 1000)).toEqual([]);
  });
});
