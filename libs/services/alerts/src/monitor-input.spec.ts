import { describe, expect, it } from 'vitest';
import type { MonitorInput } from './__generated__/resolvers-types.ts';
import { monitorFromInput, patchMonitor } from './monitor-input.ts';

const input = (over: Partial<MonitorInput> = {}): MonitorInput => ({
  name: 'accuracy',
  model: 'churn',
  check: { metric: 'ACCURACY' },
  window: '1d',
  interval: '1h',
  condition: { op: 'LT', threshold: 0.7 },
  ...over,
});
const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: { field: string } }).extensions.field;
  }
  return null;
};

describe('monitorFromInput', () => {
  it('fills documented defaults', () => {
    const m = monitorFromInput('p', input());
    expect(m).toMatchObject({ project: 'p', minSamples: 30, severity: 'WARNING', consecutive: 1, maxSeries: 1, anchor: 'NOW', enabled: true, groupBy: [] });
    expect(monitorFromInput('p', input({ groupBy: ['tags.country'] })).maxSeries).toBe(1000);
    expect(monitorFromInput('p', input({ groupBy: ['tags.country'], check: { drift: { feature: 'features.x1', method: 'PSI' } } })).maxSeries).toBe(50);
  });

  it('names the field of each mistake', () => {
    expect(fieldOf(() => monitorFromInput('p', input({ window: '15m' })))).toBe('input.window');
    expect(fieldOf(() => monitorFromInput('p', input({ window: '1 day' })))).toBe('input.window');
    expect(fieldOf(() => monitorFromInput('p', input({ interval: '0s' })))).toBe('input.interval');
    expect(fieldOf(() => monitorFromInput('p', input({ check: {} })))).toBe('input.check');
    expect(fieldOf(() => monitorFromInput('p', input({ check: { metric: 'ACCURACY', drift: { feature: 'features.x1', method: 'PSI' } } })))).toBe('input.check');
    expect(fieldOf(() => monitorFromInput('p', input({ groupBy: ['a', 'b', 'c'] })))).toBe('input.groupBy');
    expect(fieldOf(() => monitorFromInput('p', input({ groupBy: ['tags.country'], maxSeries: 1001 })))).toBe('input.maxSeries');
    expect(fieldOf(() => monitorFromInput('p', input({ condition: { op: 'DROP', threshold: 1.5 } })))).toBe('input.condition.threshold');
    expect(fieldOf(() => monitorFromInput('p', input({ condition: { op: 'LT', threshold: 0.5, baselineOffset: '7d' } })))).toBe('input.condition.baselineOffset');
    expect(fieldOf(() => monitorFromInput('p', input({ condition: { op: 'DROP', threshold: 0.1, baselineOffset: '1h' } })))).toBe('input.condition.baselineOffset');
    expect(fieldOf(() => monitorFromInput('p', input({ consecutive: 0 })))).toBe('input.consecutive');
    expect(fieldOf(() => monitorFromInput('p', input({ minSamples: 0 })))).toBe('input.minSamples');
    expect(fieldOf(() => monitorFromInput('p', input({ model: 'a b' })))).toBe('input.model');
  });
});

describe('patchMonitor', () => {
  it('changes only what the patch sets, and validates the result', () => {
    const m = monitorFromInput('p', input({ groupBy: ['tags.country'], severity: 'CRITICAL' }));
    const patched = patchMonitor(m, { condition: { op: 'LT', threshold: 0.6 } });
    expect(patched).toMatchObject({ id: m.id, severity: 'CRITICAL', groupBy: ['tags.country'], condition: { threshold: 0.6 } });
    expect(fieldOf(() => patchMonitor(m, { interval: '2d' }))).toBe('input.window');
  });
});
