import { describe, expect, it } from 'vitest';
import { backoffMs, retryAfterMs } from './retry-delay.ts';

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    expect(retryAfterMs('5')).toBe(5000);
    expect(retryAfterMs('0.5')).toBe(500);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });
});

describe('backoffMs', () => {
  it('doubles per attempt between half and all of the step, capped', () => {
    expect(backoffMs(1, 100, 10_000, () => 0)).toBe(50);
    expect(backoffMs(1, 100, 10_000, () => 1)).toBe(100);
    expect(backoffMs(4, 100, 10_000, () => 0)).toBe(400);
    expect(backoffMs(30, 100, 10_000, () => 1)).toBe(10_000);
  });
});
