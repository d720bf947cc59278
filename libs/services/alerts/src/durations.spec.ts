import { describe, expect, it } from 'vitest';
import { parseDuration } from './durations.ts';

describe('parseDuration', () => {
  it('reads seconds to weeks', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration(' 2w ')).toBe(1_209_600_000);
  });

  it('refuses zero, fractions, missing or unknown units', () => {
    for (const bad of ['0m', '1.5h', '10', 'h', '1y', '-1d', '']) expect(parseDuration(bad)).toBeNull();
  });
});
