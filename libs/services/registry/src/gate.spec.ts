import { describe, expect, it } from 'vitest';
import { evaluateGate, isProtected } from './gate.ts';
import type { Evaluation, EvaluationValue, ModelConfig } from './log-events.ts';

const config = (over: Partial<ModelConfig> = {}, gate: Partial<ModelConfig['gate']> = {}): ModelConfig => ({
  description: null,
  owner: null,
  primaryMetric: 'ACCURACY',
  protectedSlices: ['tags.country'],
  gate: { minImprovement: 0.01, maxSliceRegression: 0.02, minSamples: 100, ...gate },
  ...over,
});
const evaluation = (id: string, values: [string | null, number | null, number][], metric: EvaluationValue['metric'] = 'ACCURACY'): Evaluation => ({
  id,
  source: 'OFFLINE',
  datasetId: null,
  window: null,
  values: values.map(([slice, value, sampleCount]) => ({ slice, metric, value, sampleCount })),
});
const gate = (champion: Evaluation | null, challenger: Evaluation | null, c = config()) =>
  evaluateGate({ config: c, source: 'OFFLINE', champion: { version: 'v1', evaluation: champion }, challenger: { version: 'v2', evaluation: challenger } });

describe('evaluateGate', () => {
  it('passes when the primary metric improves by δ and no protected slice regresses by more than ε', () => {
    const e = gate(
      evaluation('a', [[null, 0.8, 1000], ['tags.country=BR', 0.7, 300], ['tags.country=US', 0.9, 700]]),
      evaluation('b', [[null, 0.82, 1000], ['tags.country=BR', 0.685, 300], ['tags.country=US', 0.93, 700]]),
    );
    expect(e.passed).toBe(true);
    expect(e.failures).toEqual([]);
    expect(e.primary).toMatchObject({ outcome: 'PASSED', threshold: 0.01, championValue: 0.8, challengerValue: 0.82 });
    expect(e.primary.improvement).toBeCloseTo(0.02, 12);
    expect(e.slices.map((s) => [s.slice, s.outcome])).toEqual([
      ['tags.country=BR', 'PASSED'],
      ['tags.country=US', 'PASSED'],
    ]);
    expect(e.slices[0]!.improvement).toBeCloseTo(-0.015, 12);
  });

  it('fails on one protected slice while the whole traffic improves', () => {
    const e = gate(
      evaluation('a', [[null, 0.8, 1000], ['tags.country=BR', 0.8, 300], ['tags.country=US', 0.8, 700]]),
      evaluation('b', [[null, 0.85, 1000], ['tags.country=BR', 0.7, 300], ['tags.country=US', 0.92, 700]]),
    );
    expect(e.passed).toBe(false);
    expect(e.primary.outcome).toBe('PASSED');
    expect(e.slices.find((s) => s.slice === 'tags.country=BR')).toMatchObject({ outcome: 'FAILED', threshold: -0.02 });
    expect(e.failures).toEqual(['ACCURACY on tags.country=BR: 0.7 vs champion 0.8, worse by 0.1, more than ε = 0.02']);
  });

  it('takes the metric direction into account: a lower log loss is an improvement', () => {
    const c = config({ primaryMetric: 'LOG_LOSS', protectedSlices: [] });
    const better = gate(evaluation('a', [[null, 0.5, 500]], 'LOG_LOSS'), evaluation('b', [[null, 0.4, 500]], 'LOG_LOSS'), c);
    expect(better.passed).toBe(true);
    expect(better.primary.improvement).toBeCloseTo(0.1, 12);
    const worse = gate(evaluation('a', [[null, 0.4, 500]], 'LOG_LOSS'), evaluation('b', [[null, 0.5, 500]], 'LOG_LOSS'), c);
    expect(worse.passed).toBe(false);
  });

  it('needs minSamples: too few on the primary metric fails, too few on a slice skips it', () => {
    const e = gate(
      evaluation('a', [[null, 0.8, 1000], ['tags.country=BR', 0.9, 20]]),
      evaluation('b', [[null, 0.9, 1000], ['tags.country=BR', 0.1, 20]]),
    );
    expect(e.passed).toBe(true);
    expect(e.slices[0]).toMatchObject({ slice: 'tags.country=BR', outcome: 'INSUFFICIENT_SAMPLES' });
    const few = gate(evaluation('a', [[null, 0.8, 50]]), evaluation('b', [[null, 0.9, 50]]));
    expect(few.passed).toBe(false);
    expect(few.primary.outcome).toBe('INSUFFICIENT_SAMPLES');
    expect(few.failures[0]).toContain('fewer than minSamples 100');
  });

  it('fails when the challenger lacks an evaluation, or skips a protected slice the champion was judged on', () => {
    expect(gate(evaluation('a', [[null, 0.8, 1000]]), null).primary.outcome).toBe('NOT_EVALUATED');
    expect(gate(evaluation('a', [[null, 0.8, 1000]]), null).passed).toBe(false);
    const skipped = gate(evaluation('a', [[null, 0.8, 1000], ['tags.country=BR', 0.8, 300]]), evaluation('b', [[null, 0.9, 1000]]));
    expect(skipped.passed).toBe(false);
    expect(skipped.failures).toEqual(['ACCURACY on tags.country=BR: not evaluated for challenger v2']);
  });

  it('treats a rounding shortfall as meeting δ exactly (0.82 − 0.80 < 0.02 in floating point)', () => {
    expect(0.82 - 0.8).toBeLessThan(0.02);
    const e = gate(evaluation('a', [[null, 0.8, 1000]]), evaluation('b', [[null, 0.82, 1000]]), config({}, { minImprovement: 0.02 }));
    expect(e.passed).toBe(true);
    const short = gate(evaluation('a', [[null, 0.8, 1000]]), evaluation('b', [[null, 0.8199, 1000]]), config({}, { minImprovement: 0.02 }));
    expect(short.passed).toBe(false);
  });

  it('reports a slice named exactly even when nothing evaluated it, without failing', () => {
    const e = gate(evaluation('a', [[null, 0.8, 1000]]), evaluation('b', [[null, 0.9, 1000]]), config({ protectedSlices: ['tags.device=ios'] }));
    expect(e.passed).toBe(true);
    expect(e.slices).toEqual([expect.objectContaining({ slice: 'tags.device=ios', outcome: 'NOT_EVALUATED' })]);
  });
});

describe('isProtected', () => {
  it('matches a named slice or any value of a protected field, not combinations', () => {
    expect(isProtected('tags.country=BR', ['tags.country'])).toBe(true);
    expect(isProtected('tags.country=BR', ['tags.country=BR'])).toBe(true);
    expect(isProtected('tags.country=US', ['tags.country=BR'])).toBe(false);
    expect(isProtected('tags.country=BR,tags.device=ios', ['tags.country'])).toBe(false);
    expect(isProtected('tags.device=ios', ['tags.country'])).toBe(false);
  });
});
