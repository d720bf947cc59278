import { describe, expect, it } from 'vitest';
import { bucketBounds, bucketsFor, checkWindow } from './windows.ts';

const w = (from: string, to: string) => checkWindow({ from: new Date(from), to: new Date(to) });

describe('buckets', () => {
  it('aligns to UTC boundaries and clips the first and last bucket to the window', () => {
    const window = w('2026-01-01T00:30:00Z', '2026-01-01T02:10:00Z');
    const b = bucketsFor(window, 'HOUR');
    expect(b.count).toBe(3);
    expect(bucketBounds(window, b, 0)).toEqual({ from: new Date('2026-01-01T00:30:00Z'), to: new Date('2026-01-01T01:00:00Z') });
    expect(bucketBounds(window, b, 2)).toEqual({ from: new Date('2026-01-01T02:00:00Z'), to: new Date('2026-01-01T02:10:00Z') });
  });

  it('starts weeks on Monday', () => {
    const window = w('2026-01-01T00:00:00Z', '2026-01-15T00:00:00Z'); // a Thursday
    const b = bucketsFor(window, 'WEEK');
    expect(new Date(b.originMs).toISOString()).toBe('2025-12-29T00:00:00.000Z');
    expect(b.count).toBe(3);
  });

  it('treats a window without granularity as one bucket', () => {
    const window = w('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z');
    expect(bucketsFor(window, null)).toEqual({ originMs: window.fromMs, stepMs: 86_400_000, count: 1 });
  });

  it('rejects reversed windows and too many buckets, naming the field', () => {
    expect(() => w('2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z')).toThrow(/window.from must be before window.to/);
    expect(() => bucketsFor(w('2020-01-01T00:00:00Z', '2026-01-01T00:00:00Z'), 'MINUTE')).toThrow(/at most 10000/);
  });
});
