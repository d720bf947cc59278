import { describe, expect, it } from 'vitest';
import type { MonitorDefinition } from './monitor-definition.ts';
import { backoffUntil, ticksSkippedBetween } from './scheduler.ts';

const S = 1000;
const monitor = (interval: string, updatedAt: number) => ({ interval, updatedAt: new Date(updatedAt).toISOString() }) as MonitorDefinition;

describe('backoffUntil', () => {
  it('retries at the next tick after one timeout, then doubles the wait, at most an hour', () => {
    expect([1, 2, 3, 4].map((n) => backoffUntil(100 * S, 10 * S, n) - 100 * S)).toEqual([10 * S, 20 * S, 40 * S, 80 * S]);
    expect(backoffUntil(0, 10 * S, 12)).toBe(3_600 * S);
    expect(backoffUntil(0, 10 * S, 1_000)).toBe(3_600 * S);
  });

  it('never waits less than one interval, even one longer than the cap', () => {
    expect(backoffUntil(0, 86_400 * S, 5)).toBe(86_400 * S);
  });
});

describe('ticksSkippedBetween', () => {
  it('counts the ticks between two evaluations that were not evaluated', () => {
    const m = monitor('1s', 0);
    expect(ticksSkippedBetween(m, 10 * S, 11 * S)).toBe(0);
    expect(ticksSkippedBetween(m, 10 * S, 14 * S)).toBe(3);
  });

  it('counts none before the first evaluation or across a change of the monitor', () => {
    expect(ticksSkippedBetween(monitor('1s', 0), 0, 14 * S)).toBe(0);
    expect(ticksSkippedBetween(monitor('1s', 12 * S), 10 * S, 14 * S)).toBe(0);
  });
});
