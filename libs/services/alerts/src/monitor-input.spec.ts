import { describe, expect, it } from 'vitest';
import type { MonitorInput } from './__generated__/resolvers-types.ts';
import { driftCheckOf, type MonitorDefinition } from './monitor-definition.ts';
import { DEFAULT_MONITOR_LIMITS, monitorFromInput, patchMonitor, type MonitorLimits } from './monitor-input.ts';

const input = (over: Partial<MonitorInput> = {}): MonitorInput => ({
  name: 'accuracy',
  model: 'churn',
  check: { metric: 'ACCURACY' },
  window: '1d',
  interval: '1h',
  condition: { op: 'LT', threshold: 0.7 },
  ...over,
});
const create = (i: MonitorInput, limits: MonitorLimits = DEFAULT_MONITOR_LIMITS) => monitorFromInput('p', i, limits);
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
    const m = create(input());
    expect(m).toMatchObject({ project: 'p', minSamples: 30, severity: 'WARNING', consecutive: 1, maxSeries: 1, anchor: 'NOW', enabled: true, groupBy: [] });
    expect(create(input({ groupBy: ['tags.country'] })).maxSeries).toBe(1000);
    expect(create(input({ groupBy: ['tags.country'], check: { drift: { feature: 'features.x1', method: 'PSI' } } })).maxSeries).toBe(50);
  });

  it('names the field of each mistake', () => {
    expect(fieldOf(() => create(input({ window: '15m' })))).toBe('input.window');
    expect(fieldOf(() => create(input({ window: '1 day' })))).toBe('input.window');
    expect(fieldOf(() => create(input({ interval: '0s' })))).toBe('input.interval');
    expect(fieldOf(() => create(input({ check: {} })))).toBe('input.check');
    expect(fieldOf(() => create(input({ check: { metric: 'ACCURACY', drift: { feature: 'features.x1', method: 'PSI' } } })))).toBe('input.check');
    expect(fieldOf(() => create(input({ groupBy: ['a', 'b', 'c'] })))).toBe('input.groupBy');
    expect(fieldOf(() => create(input({ groupBy: ['tags.country'], maxSeries: 1001 })))).toBe('input.maxSeries');
    expect(fieldOf(() => create(input({ condition: { op: 'DROP', threshold: 1.5 } })))).toBe('input.condition.threshold');
    expect(fieldOf(() => create(input({ condition: { op: 'LT', threshold: 0.5, baselineOffset: '7d' } })))).toBe('input.condition.baselineOffset');
    expect(fieldOf(() => create(input({ condition: { op: 'DROP', threshold: 0.1, baselineOffset: '1h' } })))).toBe('input.condition.baselineOffset');
    expect(fieldOf(() => create(input({ consecutive: 0 })))).toBe('input.consecutive');
    expect(fieldOf(() => create(input({ minSamples: 0 })))).toBe('input.minSamples');
    expect(fieldOf(() => create(input({ model: 'a b' })))).toBe('input.model');
  });
});

describe('monitor limits', () => {
  const limits: MonitorLimits = { minInterval: '1m', maxWindow: '7d', maxPerProject: 10 };
  const errorOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return { ...(error as { extensions: object }).extensions, message: (error as Error).message };
    }
    return null;
  };

  it('refuses an interval under the minimum and a window past the maximum, naming the field', () => {
    expect(create(input({ window: '7d', interval: '1m' }), limits)).toMatchObject({ window: '7d', interval: '1m' });
    expect(errorOf(() => create(input({ interval: '59s' }), limits))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.interval', message: expect.stringMatching(/shortest allowed, 1m/) });
    expect(errorOf(() => create(input({ window: '8d' }), limits))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.window', message: expect.stringMatching(/longest allowed, 7d/) });
    const m = create(input(), limits);
    expect(errorOf(() => patchMonitor(m, { interval: '1s' }, limits))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.interval' });
  });

  it('refuses windows and baseline offsets whose dates JavaScript cannot represent, by default', () => {
    // Such windows once reached the evaluator and failed there as an internal error (an invalid Date).
    for (const window of ['91d', '100000000w', `${'9'.repeat(400)}d`]) {
      expect(errorOf(() => create(input({ window }))), window).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.window' });
    }
    expect(errorOf(() => create(input({ condition: { op: 'DROP', threshold: 0.1, baselineOffset: '100000000w' } })))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.condition.baselineOffset' });
    expect(create(input({ window: '90d', interval: '10s', condition: { op: 'DROP', threshold: 0.1, baselineOffset: '366d' } }))).toMatchObject({ window: '90d' });
  });
});

describe('patchMonitor', () => {
  it('changes only what the patch sets, and validates the result', () => {
    const m = create(input({ groupBy: ['tags.country'], severity: 'CRITICAL' }));
    const patched = patchMonitor(m, { condition: { op: 'LT', threshold: 0.6 } }, DEFAULT_MONITOR_LIMITS);
    expect(patched).toMatchObject({ id: m.id, severity: 'CRITICAL', groupBy: ['tags.country'], condition: { threshold: 0.6 } });
    expect(fieldOf(() => patchMonitor(m, { interval: '2d' }, DEFAULT_MONITOR_LIMITS))).toBe('input.window');
  });
});

describe('approximate drift checks', () => {
  const drift = (over: Record<string, unknown> = {}) => input({ check: { drift: { feature: 'features.x1', method: 'KS', ...over } } });
  // What MonitorStore puts in and reads back from KV: the definition as JSON.
  const stored = (m: MonitorDefinition): MonitorDefinition => JSON.parse(JSON.stringify(m));

  it('keeps approximate through the stored definition and a patch of another field', () => {
    const m = stored(create(drift({ approximate: true, value: 'EFFECT_SIZE' })));
    expect(m.check.drift).toEqual({ feature: 'features.x1', method: 'KS', value: 'EFFECT_SIZE', approximate: true });
    expect(driftCheckOf(m.check.drift!).approximate).toBe(true);
    expect(stored(patchMonitor(m, { window: '2d' }, DEFAULT_MONITOR_LIMITS)).check.drift?.approximate).toBe(true);
    expect(create(drift()).check.drift?.approximate).toBe(false);
    expect(create(drift({ approximate: null })).check.drift?.approximate).toBe(false);
    // A new check replaces the old one whole: approximate is off unless the patch asks for it.
    expect(patchMonitor(m, { check: { drift: { feature: 'features.x1', method: 'KS' } } }, DEFAULT_MONITOR_LIMITS).check.drift?.approximate).toBe(false);
  });

  it('reads a definition stored before the option existed as exact', () => {
    const old = stored(create(drift()));
    delete old.check.drift!.approximate;
    delete old.check.drift!.value;
    expect(Object.keys(old.check.drift!).sort()).toEqual(['feature', 'method']);
    expect(driftCheckOf(old.check.drift!)).toEqual({ feature: 'features.x1', method: 'KS', value: 'STATISTIC', approximate: false });
  });

  it('accepts approximate on categorical methods, which are exact either way', () => {
    for (const method of ['CHI2', 'JENSEN_SHANNON'] as const) expect(create(drift({ method, approximate: true })).check.drift).toMatchObject({ method, approximate: true });
  });
});
