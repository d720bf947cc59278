/**
 * Every kind of check a monitor runs, evaluated by the service's own
 * evaluator, agrees with what the metrics service answers for the same
 * window and slice: drift per group (exact and approximate), a data-quality figure, an estimated
 * metric, and a relative DROP against the preceding window. Also
 * updateMonitor and deleteMonitor through the subgraph, and the operator's
 * limits on monitors.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@tideline/testing';
import { startAlertsStack, type AlertsStack, type Service } from './stack.ts';

const PROJECT = 'checks';
const HOUR = 3_600_000;
const MONITORS_PER_PROJECT = 5;

type Drift = { effectSize: number; drifted: boolean };

interface Status {
  window: { from: string; to: string } | null;
  error: string | null;
  series: { slice: { field: string; value: string }[]; value: number | null; threshold: number | null; sampleCount: number; state: string }[];
}

describe('monitor checks', () => {
  let stack: AlertsStack;

  const gql = <T>(service: Service, query: string, variables: Record<string, unknown> = {}) => stack.gql<T>(service, PROJECT, query, variables);
  // Every monitor a test made, deleted after it: a monitor left evaluating every second shares the work queue
  // with the next test's and, on a loaded machine, delays its first evaluation past the poll's bound.
  const made: string[] = [];
  const create = async (input: Record<string, unknown>) => {
    const { id } = (await gql<{ createMonitor: { id: string } }>('alerts', 'mutation($input: MonitorInput!) { createMonitor(input: $input) { id } }', {
      input: { model: 'm', window: '1h', interval: '1s', minSamples: 20, ...input },
    })).createMonitor;
    made.push(id);
    return id;
  };
  afterEach(async () => {
    for (const id of made.splice(0)) await gql('alerts', 'mutation($id: ID!) { deleteMonitor(id: $id) }', { id });
  });
  const statusOf = (id: string) =>
    eventually(async () => {
      const data = await gql<{ monitor: { status: Status | null } }>('alerts', 'query($id: ID!) { monitor(id: $id) { status { window { from to } error series { slice { field value } value threshold sampleCount state } } } }', { id });
      return data.monitor.status?.window && data.monitor.status;
    }, 30_000);

  beforeAll(async () => {
    stack = await startAlertsStack('checks', { TIDELINE_MONITOR_MAX_WINDOW: '30d', TIDELINE_MONITORS_PER_PROJECT: String(MONITORS_PER_PROJECT) });
    // Two hours of traffic, 300 predictions an hour: in the last hour x1 shifts in country A,
    // x2 is missing on a fifth of the rows, and the model is right less often. x4 is x1 moved to 10, where a bin of
    // approximate drift (2^-9 of its power of two wide) holds about 16 of its distinct values, so binning costs precision.
    const now = Date.now();
    const records = Array.from({ length: 600 }, (_, i) => {
      const recent = i >= 300;
      const country = i % 2 ? 'A' : 'B';
      const score = ((i * 37) % 100) / 100;
      const right = recent ? i % 3 !== 0 : i % 10 !== 0;
      return {
        id: `c${i}`,
        model: 'm',
        timestamp: now - 2 * HOUR + 60_000 + (i % 300) * 11_000 + (recent ? HOUR : 0),
        features: { x1: ((i * 7919) % 1000) / 1000 + (recent && country === 'A' ? 1 : 0), x2: recent && i % 5 === 0 ? null : i % 13, x4: 10 + ((i * 7919) % 1000) / 1000 + (recent && country === 'A' ? 1 : 0) },
        tags: { country },
        output: { score },
        label: { positive: right ? score >= 0.5 : score < 0.5 },
      };
    });
    await stack.ingest(PROJECT, 'm', records, 600);
    await gql('metrics', 'mutation($w: TimeRangeInput!) { setReferenceWindow(model: "m", window: $w) { from } }', {
      w: { from: new Date(now - 2 * HOUR).toISOString(), to: new Date(now - HOUR).toISOString() },
    });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('drift per group: the PSI of each country, as the metrics service computes it for that slice', async () => {
    const id = await create({ name: 'x1 drift', check: { drift: { feature: 'features.x1', method: 'PSI' } }, groupBy: ['tags.country'], condition: { op: 'GT', threshold: 0.2 } });
    const status = await statusOf(id);
    expect(status.error).toBeNull();
    expect(status.series.map((s) => s.slice[0]!.value).sort()).toEqual(['A', 'B']);
    for (const s of status.series) {
      const { drift } = await gql<{ drift: { statistic: number; currentCount: number } }>(
        'metrics',
        'query($w: TimeRangeInput!, $c: JSON) { drift(model: "m", feature: "features.x1", method: PSI, current: $w, slice: { field: "tags.country", op: EQ, value: $c }) { statistic currentCount } }',
        { w: status.window, c: s.slice[0]!.value },
      );
      expect(s.value).toBeCloseTo(drift.statistic, 12);
      expect(s.sampleCount).toBe(drift.currentCount);
    }
    const a = status.series.find((s) => s.slice[0]!.value === 'A')!;
    const b = status.series.find((s) => s.slice[0]!.value === 'B')!;
    expect(a.state).toBe('FIRING'); // x1 moved by one unit in A
    expect(b.state).toBe('OK');
  });

  it("drift by the metrics service's verdict (DRIFTED) and by effect size, per group", async () => {
    // Evaluated once a minute rather than every second: the evaluations of this file's monitors share one work queue.
    const drift = (value: string, threshold: number) => ({ check: { drift: { feature: 'features.x1', method: 'KS', value } }, groupBy: ['tags.country'], interval: '1m', condition: { op: 'GT', threshold } });
    const verdict = await create({ name: 'x1 KS verdict', ...drift('DRIFTED', 0.5) });
    const size = await create({ name: 'x1 KS size', ...drift('EFFECT_SIZE', 0.1) });
    for (const [id, pick] of [[verdict, (d: Drift) => Number(d.drifted)], [size, (d: Drift) => d.effectSize]] as const) {
      const status = await statusOf(id);
      expect(status.error).toBeNull();
      expect(status.series).toHaveLength(2);
      for (const s of status.series) {
        const { drift: answer } = await gql<{ drift: Drift }>(
          'metrics',
          'query($w: TimeRangeInput!, $c: JSON) { drift(model: "m", feature: "features.x1", method: KS, current: $w, slice: { field: "tags.country", op: EQ, value: $c }) { effectSize drifted } }',
          { w: status.window, c: s.slice[0]!.value },
        );
        expect(s.value).toBeCloseTo(pick(answer), 12);
        expect(s.state).toBe(s.slice[0]!.value === 'A' ? 'FIRING' : 'OK'); // x1 moved by one unit in A
      }
    }
    const { monitor } = await gql<{ monitor: { check: { drift: { value: string; approximate: boolean } } } }>('alerts', 'query($id: ID!) { monitor(id: $id) { check { drift { value approximate } } } }', { id: verdict });
    expect(monitor.check.drift).toEqual({ value: 'DRIFTED', approximate: false });
  });

  it('approximate drift: the binned statistic the metrics service answers, within its errorBound of the exact one', async () => {
    const id = await create({ name: 'x4 approximate PSI', check: { drift: { feature: 'features.x4', method: 'PSI', approximate: true } }, groupBy: ['tags.country'], interval: '1m', condition: { op: 'GT', threshold: 0.2 } });
    const status = await statusOf(id);
    expect(status.error).toBeNull();
    expect(status.series).toHaveLength(2);
    const answer = async (w: unknown, country: string, approximate: boolean) =>
      (await gql<{ drift: { statistic: number; errorBound: number; currentCount: number } }>(
        'metrics',
        'query($w: TimeRangeInput!, $c: JSON, $a: Boolean!) { drift(model: "m", feature: "features.x4", method: PSI, current: $w, slice: { field: "tags.country", op: EQ, value: $c }, approximate: $a) { statistic errorBound currentCount } }',
        { w, c: country, a: approximate },
      )).drift;
    for (const s of status.series) {
      const country = s.slice[0]!.value;
      const [approximate, exact] = [await answer(status.window, country, true), await answer(status.window, country, false)];
      expect(s.value).toBeCloseTo(approximate.statistic, 12);
      expect(s.sampleCount).toBe(approximate.currentCount);
      expect(Math.abs(exact.statistic - s.value!)).toBeLessThanOrEqual(approximate.errorBound + 1e-12);
      // x4's bins hold several values, so the binned answer is not the exact one: the monitor did ask for it.
      expect(approximate.errorBound).toBeGreaterThan(0);
      expect(Math.abs(exact.statistic - s.value!)).toBeGreaterThan(1e-6);
      expect(s.state).toBe(country === 'A' ? 'FIRING' : 'OK'); // x4 moved by one unit in A
    }
    const { monitor } = await gql<{ monitor: { check: { drift: { approximate: boolean } } } }>('alerts', 'query($id: ID!) { monitor(id: $id) { check { drift { approximate } } } }', { id });
    expect(monitor.check.drift.approximate).toBe(true);
  });

  it('data quality: the null rate of a feature', async () => {
    const id = await create({ name: 'x2 nulls', check: { dataQuality: { feature: 'features.x2', figure: 'NULL_RATE' } }, condition: { op: 'GT', threshold: 0.1 } });
    const status = await statusOf(id);
    const { dataQuality } = await gql<{ dataQuality: { feature: string; nullRate: number; rowCount: number }[] }>(
      'metrics',
      'query($w: TimeRangeInput!) { dataQuality(model: "m", window: $w) { feature nullRate rowCount } }',
      { w: status.window },
    );
    const x2 = dataQuality.find((f) => f.feature === 'features.x2')!;
    expect(status.series).toEqual([{ slice: [], value: x2.nullRate, threshold: 0.1, sampleCount: x2.rowCount, state: x2.nullRate > 0.1 ? 'FIRING' : 'OK' }]);
    expect(x2.nullRate).toBeGreaterThan(0.1);
    await expect(create({ name: 'typo', check: { dataQuality: { feature: 'features.x3', figure: 'NULL_RATE' } }, condition: { op: 'GT', threshold: 0.1 } })).rejects.toThrow(
      /FEATURE_NOT_FOUND.*input\.check\.dataQuality\.feature/,
    );
  });

  it('an estimated metric, calibrated on the stored reference window', async () => {
    const id = await create({ name: 'estimated accuracy', check: { metric: 'ESTIMATED_ACCURACY' }, condition: { op: 'LT', threshold: 0.5 } });
    const status = await statusOf(id);
    const { estimatedPerformance } = await gql<{ estimatedPerformance: { points: { value: number; sampleCount: number }[] } }>(
      'metrics',
      'query($w: TimeRangeInput!) { estimatedPerformance(model: "m", metric: ESTIMATED_ACCURACY, window: $w) { points { value sampleCount } } }',
      { w: status.window },
    );
    // Float sums in parallel aggregation may differ in the last bits between two runs of the same query.
    expect(status.series[0]!.value).toBeCloseTo(estimatedPerformance.points[0]!.value, 9);
    expect(status.series[0]!.sampleCount).toBe(estimatedPerformance.points[0]!.sampleCount);
  });

  it('a relative DROP against the preceding window', async () => {
    const id = await create({ name: 'accuracy drop', check: { metric: 'ACCURACY' }, condition: { op: 'DROP', threshold: 0.1 } });
    const status = await statusOf(id);
    const window = status.window!;
    const accuracy = async (from: number, to: number) =>
      (await gql<{ metric: { points: { value: number }[] } }>('metrics', 'query($w: TimeRangeInput!) { metric(model: "m", metric: ACCURACY, window: $w) { points { value } } }', {
        w: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      })).metric.points[0]!.value;
    const from = new Date(window.from).getTime();
    const to = new Date(window.to).getTime();
    const current = await accuracy(from, to);
    const baseline = await accuracy(from - HOUR, to - HOUR);
    expect(status.series[0]!.value).toBeCloseTo(current, 12);
    expect(status.series[0]!.threshold).toBeCloseTo(baseline * 0.9, 12);
    expect(status.series[0]!.state).toBe(current < baseline * 0.9 ? 'FIRING' : 'OK');
  });

  it('updates the fields given and deletes', async () => {
    const id = await create({ name: 'to change', check: { metric: 'ACCURACY' }, condition: { op: 'LT', threshold: 0.5 }, severity: 'INFO' });
    const { updateMonitor } = await gql<{ updateMonitor: { name: string; severity: string; condition: { threshold: number }; window: string } }>(
      'alerts',
      'mutation($id: ID!) { updateMonitor(id: $id, input: { condition: { op: LT, threshold: 0.6 }, window: "2h" }) { name severity condition { threshold } window } }',
      { id },
    );
    expect(updateMonitor).toEqual({ name: 'to change', severity: 'INFO', condition: { threshold: 0.6 }, window: '2h' });
    expect((await gql<{ deleteMonitor: boolean }>('alerts', 'mutation($id: ID!) { deleteMonitor(id: $id) }', { id })).deleteMonitor).toBe(true);
    expect((await gql<{ monitor: unknown }>('alerts', 'query($id: ID!) { monitor(id: $id) { id } }', { id })).monitor).toBeNull();
    expect((await gql<{ deleteMonitor: boolean }>('alerts', 'mutation($id: ID!) { deleteMonitor(id: $id) }', { id })).deleteMonitor).toBe(false);
  });

  it("refuses, as the caller's mistake naming the field, a window past the maximum and a monitor past the project's cap", async () => {
    const project = 'limits';
    await stack.ingest(project, 'm', [{ id: 'l1', model: 'm', timestamp: Date.now() - 60_000, output: { score: 0.7 }, label: { positive: true } }], 1);
    const alerts = stack.subgraph('alerts');
    const createIn = (input: Record<string, unknown>) =>
      alerts<{ createMonitor: { id: string } }>(project, 'mutation($input: MonitorInput!) { createMonitor(input: $input) { id } }', {
        input: { name: 'limited', model: 'm', check: { metric: 'ACCURACY' }, window: '1h', interval: '1h', condition: { op: 'LT', threshold: 0.5 }, enabled: false, ...input },
      });
    expect((await createIn({ name: 'first' })).errors).toBeUndefined();

    // Once an internal server error: the window's start was a date JavaScript cannot represent.
    for (const window of ['100000000w', '31d']) {
      const tooLong = await createIn({ window });
      expect(tooLong.errors?.[0]?.extensions, window).toEqual({ code: 'BAD_USER_INPUT', field: 'input.window' });
      expect(tooLong.errors?.[0]?.message).toMatch(/longer than the longest allowed, 30d/);
    }
    const farBaseline = await createIn({ condition: { op: 'DROP', threshold: 0.1, baselineOffset: '100000000w' } });
    expect(farBaseline.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.condition.baselineOffset' });

    for (let i = 1; i < MONITORS_PER_PROJECT; i++) expect((await createIn({ name: `more ${i}` })).errors).toBeUndefined();
    const oneTooMany = await createIn({ name: 'one too many' });
    expect(oneTooMany.errors?.[0]?.extensions).toEqual({ code: 'TOO_MANY_MONITORS', field: 'input' });
    expect(oneTooMany.errors?.[0]?.message).toMatch(/at most 5 monitors/);
    const listed = await alerts<{ monitors: { name: string }[] }>(project, '{ monitors { name } }');
    expect(listed.data?.monitors).toHaveLength(MONITORS_PER_PROJECT);
    // The cap is per project: this one still has room.
    expect((await gql<{ monitors: unknown[] }>('alerts', '{ monitors { id } }')).monitors.length).toBeLessThan(MONITORS_PER_PROJECT);
  });
});
