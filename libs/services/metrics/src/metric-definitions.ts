import type { Task } from '@tideline/contracts';
import type { MetricName } from './__generated__/resolvers-types.ts';

export type Average = 'MACRO' | 'MICRO' | 'WEIGHTED';

/** What a metric's SQL may depend on besides the row source's columns. */
export interface MetricContext {
  task: Task;
  average: Average;
}

/**
 * A metric computed in ClickHouse: one aggregate expression over the rows of
 * a bucket (or slice), the store's labeled row source (`labeledRows`:
 * columns score, value, predicted_class, probabilities, label_positive,
 * label_class, label_value, labeled, …). Performance metrics aggregate
 * labeled rows only (`…If(…, labeled)`). The caller turns NaN and
 * infinities into null, so an undefined value (no labels, one class only)
 * never reads as a number.
 */
export interface MetricDefinition {
  /** Tasks the metric is defined for. */
  tasks: readonly Task[];
  /** Orders slices worst first: for AUC the lowest, for log loss the highest. */
  higherIsBetter: boolean;
  sql(ctx: MetricContext): string;
}

const ALL_TASKS: readonly Task[] = ['BINARY', 'MULTICLASS', 'REGRESSION'];

/** Every metric the engine computes in SQL; ESTIMATED_* live in estimated-performance.ts. */
export const METRICS: Partial<Record<MetricName, MetricDefinition>> = {
  COUNT: { tasks: ALL_TASKS, higherIsBetter: true, sql: () => 'toFloat64(count())' },
  LABELED_COUNT: { tasks: ALL_TASKS, higherIsBetter: true, sql: () => 'toFloat64(countIf(labeled))' },
};
