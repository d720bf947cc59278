/**
 * Which way sliceMetrics' statement gets each slice's whole window: derived
 * from the buckets' sums when every whole-window value the answer needs is
 * additive (the first metric's, which orders the slices, and the others'
 * only when `values` is selected), else the ROLLUP of the buckets; without
 * granularity there are no buckets and nothing changes.
 */
import { describe, expect, it } from 'vitest';
import type { Task } from '@tideline/contracts';
import { bucketsFor, checkWindow } from '@tideline/store';
import type { MetricName } from './__generated__/resolvers-types.ts';
import { compileGroupBy } from './group-by.ts';
import { METRICS } from './metric-definitions.ts';
import { sliceMetricsQuery, wholeFromBuckets, type SliceScope } from './slice-sql.ts';

const window = checkWindow({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-02T00:00:00Z') });
const scope = (task: Task, options: Partial<SliceScope> = {}): SliceScope => ({
  project: 'p',
  model: 'm',
  window,
  buckets: bucketsFor(window, 'HOUR'),
  granularity: true,
  task,
  average: 'MACRO',
  minSamples: 1,
  wholeValues: false,
  ...options,
});
const requested = (...names: MetricName[]) => names.map((name) => ({ name, definition: METRICS[name]! }));
const statement = (s: SliceScope, names: MetricName[]) => {
  const { fields, params } = compileGroupBy(['tags.country'], s.task);
  return sliceMetricsQuery(s, requested(...names), fields, params);
};

describe('sliceMetrics whole windows', () => {
  it('derives them from the buckets when the values it needs are additive (the bench question: bucket values only)', () => {
    const q = statement(scope('BINARY'), ['ACCURACY', 'ROC_AUC', 'LOG_LOSS']);
    expect(q.wholeInBucketRows).toBe(true);
    expect(q.sql).not.toMatch(/ROLLUP/);
    // The first metric's whole window from its sums; ROC AUC per bucket only.
    expect(q.sql).toMatch(/AS w_m0/);
    expect(q.sql).not.toMatch(/AS w_m1/);
  });

  it('rolls the buckets up when a needed whole-window value is not additive', () => {
    expect(wholeFromBuckets(scope('BINARY'), requested('ROC_AUC', 'ACCURACY'))).toBeNull();
    expect(wholeFromBuckets(scope('BINARY', { wholeValues: true }), requested('ACCURACY', 'ROC_AUC'))).toBeNull();
    expect(wholeFromBuckets(scope('REGRESSION', { wholeValues: true }), requested('MAE', 'R2'))).toBeNull();
    expect(wholeFromBuckets(scope('MULTICLASS'), requested('F1'))).toBeNull();
    const q = statement(scope('BINARY', { wholeValues: true }), ['ACCURACY', 'ROC_AUC']);
    expect(q.wholeInBucketRows).toBe(false);
    expect(q.sql).toMatch(/WITH ROLLUP/);
  });

  it('derives every value when all are additive, multiclass MICRO averages included', () => {
    expect(wholeFromBuckets(scope('BINARY', { wholeValues: true }), requested('ACCURACY', 'LOG_LOSS', 'ECE', 'COUNT'))).toHaveLength(4);
    expect(wholeFromBuckets(scope('MULTICLASS', { wholeValues: true, average: 'MICRO' }), requested('F1', 'PRECISION', 'RECALL'))).toHaveLength(3);
    expect(wholeFromBuckets(scope('REGRESSION', { wholeValues: true }), requested('RMSE', 'MAE', 'MAPE'))).toHaveLength(3);
  });

  it('changes nothing without granularity: one GROUP BY of the slices', () => {
    const s = scope('BINARY', { granularity: false, buckets: bucketsFor(window, undefined) });
    expect(wholeFromBuckets(s, requested('ACCURACY'))).toBeNull();
    const q = statement(s, ['ACCURACY']);
    expect(q.wholeInBucketRows).toBe(false);
    expect(q.sql).not.toMatch(/ROLLUP/);
  });
});
