import { describe, expect, it } from 'vitest';
import { MAX_RETRY_DELAY_MS, retryDelayMs } from './backoff.ts';

describe('retryDelayMs', () => {
  it('doubles from the base delay after each failed attempt', () => {
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(a, 1000))).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(retryDelayMs(1, 100)).toBe(100);
  });

  it('is capped, also for attempt counts whose power would overflow', () => {
    expect(retryDelayMs(20, 1000)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(5000, 1000)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(4, 1000, 5000)).toBe(5000);
  });

  it('treats an attempt below 1 as the first', () => {
    expect(retryDelayMs(0, 1000)).toBe(1000);
  });
});
