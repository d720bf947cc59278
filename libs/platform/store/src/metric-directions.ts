import type { Task } from '@tideline/contracts';

/**
 * Which way is better, for the metrics the store computes. Quality measures
 * have a direction: a gate compares them, slices are ordered worst first by
 * them. Counts and rates (COUNT, LABELED_COUNT, POSITIVE_RATE,
 * LABEL_POSITIVE_RATE) have none: they cannot gate, and slices ordered by
 * one come lowest first, as for a higher-is-better metric.
 */
export const HIGHER_IS_BETTER = ['ACCURACY', 'PRECISION', 'RECALL', 'F1', 'ROC_AUC', 'PR_AUC', 'R2'] as const;
export const LOWER_IS_BETTER = ['LOG_LOSS', 'BRIER', 'ECE', 'MAE', 'RMSE', 'MAPE'] as const;
/** A metric with a direction: what evaluations record and gates compare. */
export type EvaluationMetric = (typeof HIGHER_IS_BETTER)[number] | (typeof LOWER_IS_BETTER)[number];
export const EVALUATION_METRICS: readonly EvaluationMetric[] = [...HIGHER_IS_BETTER, ...LOWER_IS_BETTER];

/** +1 when a larger value is better, −1 when a smaller one is. */
export const direction = (metric: EvaluationMetric): 1 | -1 => ((HIGHER_IS_BETTER as readonly string[]).includes(metric) ? 1 : -1);

/** False for errors and losses only: any other metric orders slices lowest (worst) first. */
export const higherIsBetter = (metric: string): boolean => !(LOWER_IS_BETTER as readonly string[]).includes(metric);

/**
 * The primary metric of a model the registry names none for (it is not
 * registered: registerModel requires one). One value for every service, so
 * the trainer's baseline check and the loop's decision judge the same
 * figure. ACCURACY for classifiers: it has a paired test (McNemar) and a CBPE
 * estimate, so the loop can decide on it before labels arrive.
 */
export const DEFAULT_PRIMARY_METRIC: Readonly<Record<Task, EvaluationMetric>> = { BINARY: 'ACCURACY', MULTICLASS: 'ACCURACY', REGRESSION: 'RMSE' };
