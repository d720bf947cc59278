/**
 * Metrics a gate can compare, and which way is better. Counts and rates
 * without a "better" direction (COUNT, POSITIVE_RATE, …) cannot gate.
 */
export const HIGHER_IS_BETTER = ['ACCURACY', 'PRECISION', 'RECALL', 'F1', 'ROC_AUC', 'PR_AUC', 'R2'] as const;
export const LOWER_IS_BETTER = ['LOG_LOSS', 'BRIER', 'ECE', 'MAE', 'RMSE', 'MAPE'] as const;
export type EvaluationMetric = (typeof HIGHER_IS_BETTER)[number] | (typeof LOWER_IS_BETTER)[number];
export const EVALUATION_METRICS: readonly EvaluationMetric[] = [...HIGHER_IS_BETTER, ...LOWER_IS_BETTER];

/** +1 when a larger value is better, −1 when a smaller one is. */
export const direction = (metric: EvaluationMetric): 1 | -1 => ((HIGHER_IS_BETTER as readonly string[]).includes(metric) ? 1 : -1);
