import { describe, expect, it } from 'vitest';
import type { MonitorDefinition } from './monitor-definition.ts';
import { advance, emptyState, type MonitorState, type Observation } from './monitor-state.ts';

const monitor = (over: Partial<MonitorDefinition> = {}): MonitorDefinition => ({
  id: 'm1',
  project: 'p',
  name: 'accuracy',
  model: 'churn',
  check: { metric: 'ACCURACY', drift: null, dataQuality: null, reference: null },
  slice: null,
  groupBy: ['tags.country'],
  window: '1d',
  interval: '1m',
  condition: { op: 'LT', threshold: 0.7, baselineOffset: null },
  minSamples: 10,
  severity: 'WARNING',
  consecutive: 1,
  maxSeries: 1000,
  anchor: 'NOW',
  enabled: true,
  createdAt: '',
  updatedAt: '',
  ...over,
});
const br = [{ field: 'tags.country', value: 'BR' }];
const obs = (value: number | null, sampleCount = 100, threshold: number | null = 0.7): Observation => ({ slice: br, value, threshold, sampleCount });
const window = { from: new Date(0), to: new Date(1) };

/** Runs evaluations one tick apart; returns the events of each. */
function run(m: MonitorDefinition, values: (Observation | null)[]): { events: string[][]; state: MonitorState } {
  let state = emptyState(m.id);
  const events: string[][] = [];
  values.forEach((o, i) => {
    const r = advance(m, { ...state, outbox: [] }, o ? [o] : [], (i + 1) * 60_000, window);
    state = r.state;
    events.push(r.events.map((e) => `${e.type}:${e.alert.id}`));
  });
  return { events, state };
}

describe('advance', () => {
  it('fires on the first breach and resolves on the first healthy evaluation when consecutive is 1', () => {
    const { events, state } = run(monitor(), [obs(0.8), obs(0.6), obs(0.5), obs(0.75)]);
    expect(events).toEqual([[], ['FIRED:m1-1'], [], ['RESOLVED:m1-1']]);
    expect(state.alertSeq).toBe(1);
  });

  it('needs K breaches in a row to fire and K healthy evaluations to resolve', () => {
    const { events } = run(monitor({ consecutive: 3 }), [obs(0.6), obs(0.6), obs(0.8), obs(0.6), obs(0.6), obs(0.6), obs(0.8), obs(0.6), obs(0.8), obs(0.8), obs(0.8)]);
    expect(events.flat()).toEqual(['FIRED:m1-1', 'RESOLVED:m1-1']);
    expect(events[5]).toEqual(['FIRED:m1-1']); // the third breach in a row, not the fourth in all
    expect(events[10]).toEqual(['RESOLVED:m1-1']); // a breach at 7 restarted the healthy count
  });

  it('neither fires nor resolves on too few samples, an undefined value, or no data', () => {
    expect(run(monitor(), [obs(0.1, 9), obs(null), obs(0.1, 100, null)]).events.flat()).toEqual([]);
    const { events, state } = run(monitor(), [obs(0.1), obs(0.9, 9), null, obs(0.9)]);
    expect(events).toEqual([['FIRED:m1-1'], [], [], ['RESOLVED:m1-1']]);
    expect(state.status?.series).toEqual([{ ...obs(0.9), state: 'OK' }]);
  });

  it('keeps one firing alert per series, and numbers the next one anew', () => {
    const { events } = run(monitor(), [obs(0.1), obs(0.1), obs(0.9), obs(0.1)]);
    expect(events).toEqual([['FIRED:m1-1'], [], ['RESOLVED:m1-1'], ['FIRED:m1-2']]);
  });

  it('tracks series apart and reports each state', () => {
    const m = monitor({ consecutive: 2 });
    const de = [{ field: 'tags.country', value: 'DE' }];
    const first = advance(m, emptyState('m1'), [obs(0.5), { slice: de, value: 0.9, threshold: 0.7, sampleCount: 100 }], 1, window);
    expect(first.events).toEqual([]);
    expect(first.state.status?.series.map((s) => s.state)).toEqual(['BREACHING', 'OK']);
    const second = advance(m, first.state, [obs(0.5)], 2, window);
    expect(second.events.map((e) => e.alert.slice)).toEqual([br]);
    expect(second.events[0]).toMatchObject({ id: 'm1-1.FIRED', type: 'FIRED', project: 'p', model: { name: 'churn' }, alert: { value: 0.5, threshold: 0.7, sampleCount: 100, severity: 'WARNING', metric: 'ACCURACY' } });
  });

  it('compares RISE and GT conditions upwards', () => {
    const { events } = run(monitor({ condition: { op: 'GT', threshold: 0.2, baselineOffset: null } }), [obs(0.1, 100, 0.2), obs(0.3, 100, 0.2)]);
    expect(events).toEqual([[], ['FIRED:m1-1']]);
  });
});
