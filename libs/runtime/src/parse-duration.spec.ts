import { describe, expect, it } from 'vitest';
import { parseDuration } from './parse-duration.ts';

describe('parseDuration', () => {
  it('reads seconds to weeks, spaces around and before the unit ignored', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration(' 2w ')).toBe(1_209_600_000);
    expect(parseDuration('10 m')).toBe(600_000);
    expect(parseDuration('007d')).toBe(604_800_000);
    expect(parseDuration('100000000w')).toBe(6.048e16); // too long for most uses: each caller bounds its own
  });

  it('refuses zero, fractions, signs, spaces inside the number, numbers past floating point, missing or unknown units', () => {
    for (const bad of ['0m', '000s', '1.5h', '-1d', '+1d', '1 0d', '10', 'h', '1y', '1ms', '7days', '9'.repeat(400) + 's', '', ' ']) expect(parseDuration(bad), bad).toBeUndefined();
  });
});
