import { describe, expect, it } from 'vitest';
import { lift, wilson } from './lift.ts';

describe('wilson', () => {
  it("matches the published interval (Newcombe 1998, table I: 81/263 → 0.2553–0.3662)", () => {
    const w = wilson(81, 263);
    expect(w.low).toBeCloseTo(0.2553, 4);
    expect(w.high).toBeCloseTo(0.3662, 4);
  });
});

describe('lift (Newcombe method 10)', () => {
  it("matches Newcombe's worked example 56/70 − 48/80 → 0.0524 to 0.3339", () => {
    const l = lift({ labeled: 70, errors: 56 }, { labeled: 80, errors: 48 });
    expect(l.difference).toBeCloseTo(0.2, 9);
    expect(l.low).toBeCloseTo(0.0524, 4);
    expect(l.high).toBeCloseTo(0.3339, 4);
    expect(l.significant).toBe(true);
  });

  it('stays inside [-1, 1] at the extremes and reports no interval without labels in an arm', () => {
    const l = lift({ labeled: 10, errors: 10 }, { labeled: 10, errors: 0 });
    expect(l.high).toBeLessThanOrEqual(1);
    expect(l.low).toBeGreaterThan(0);
    expect(lift({ labeled: 5, errors: 1 }, { labeled: 0, errors: 0 })).toMatchObject({ activeErrorRate: 0.2, controlErrorRate: null, difference: null, significant: false });
  });
});
