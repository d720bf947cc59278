import { describe, expect, it } from 'vitest';
import { recentSplit } from './recent-split.ts';

const window = (from: string, to: string) => ({ from, to });

describe('recentSplit: where the series is cut into its recent and earlier requests', () => {
  it('cuts a fortnight by day at the start of its last day, an edge the API cuts buckets at', () => {
    expect(recentSplit(window('2026-01-01T00:00:00.000Z', '2026-01-14T23:59:59.880Z'), 'DAY')).toBe('2026-01-14T00:00:00.000Z');
  });

  it('keeps about the last eighth of the window, rounded up to a bucket edge', () => {
    // 48 hours by hour: the last 6.
    expect(recentSplit(window('2026-01-01T00:00:00.000Z', '2026-01-03T00:00:00.000Z'), 'HOUR')).toBe('2026-01-02T18:00:00.000Z');
    // Not on an edge: the cut is the first hour edge inside the last eighth (6 h 15 min before the end).
    expect(recentSplit(window('2026-01-01T00:10:00.000Z', '2026-01-03T02:10:00.000Z'), 'HOUR')).toBe('2026-01-02T20:00:00.000Z');
  });

  it('keeps at least the last bucket, and cuts weeks on Mondays as the API does', () => {
    // Three weeks by week: an eighth is under a week, so the cut is the last bucket's start, Monday 2026-01-19.
    expect(recentSplit(window('2026-01-01T00:00:00.000Z', '2026-01-22T00:00:00.000Z'), 'WEEK')).toBe('2026-01-19T00:00:00.000Z');
  });

  it('does not cut a window of one bucket', () => {
    expect(recentSplit(window('2026-01-01T03:00:00.000Z', '2026-01-01T20:00:00.000Z'), 'DAY')).toBeNull();
    expect(recentSplit(window('2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z'), 'DAY')).toBeNull();
  });
});
