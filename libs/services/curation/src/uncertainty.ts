import type { Task } from '@tideline/contracts';
import { PublicError } from '@tideline/graphql';

export type UncertaintyStrategy = 'LEAST_CONFIDENCE' | 'MARGIN' | 'ENTROPY';
export const UNCERTAINTY_STRATEGIES: readonly string[] = ['LEAST_CONFIDENCE', 'MARGIN', 'ENTROPY'];

/** Probabilities of a multiclass row, most probable first. */
const SORTED = 'arrayReverseSort(mapValues(probabilities))';
/** The binary score, clamped so a missing one ranks as certain rather than breaking the order. */
const P = 'ifNull(score, 1.0)';

/**
 * Uncertainty of one row as SQL over the store's row source: higher means
 * the model is less sure. Computed where the data is; only the top rows ever
 * leave ClickHouse. For a binary model the three strategies rank rows alike
 * (each is monotone in |score − 0.5|), as they should: with two classes there
 * is only one way to be unsure.
 */
export function uncertaintySql(strategy: UncertaintyStrategy, task: Task, field = 'input.strategy'): string {
  if (task === 'BINARY') {
    if (strategy === 'LEAST_CONFIDENCE') return `(1 - greatest(${P}, 1 - ${P}))`;
    if (strategy === 'MARGIN') return `(1 - abs(2 * ${P} - 1))`;
    return `(-(if(${P} > 0, ${P} * ln(${P}), 0) + if(${P} < 1, (1 - ${P}) * ln(1 - ${P}), 0)))`;
  }
  if (task === 'MULTICLASS') {
    if (strategy === 'LEAST_CONFIDENCE') return `(1 - arrayMax(arrayConcat([0.0], mapValues(probabilities))))`;
    if (strategy === 'MARGIN') return `(1 - (arrayElement(${SORTED}, 1) - if(length(probabilities) > 1, arrayElement(${SORTED}, 2), 0)))`;
    return `(-arraySum(p -> if(p > 0, p * ln(p), 0), mapValues(probabilities)))`;
  }
  throw new PublicError('STRATEGY_NOT_APPLICABLE', `${strategy} ranks rows by class probabilities; a ${task} model has none: use RANDOM, STRATIFIED or DIVERSITY`, { field });
}

/** What a row's score means, for the queue's `reason`. */
export function describeUncertainty(strategy: UncertaintyStrategy, score: number): string {
  const name = { LEAST_CONFIDENCE: 'least confidence', MARGIN: 'margin uncertainty', ENTROPY: 'entropy' }[strategy];
  return `${name} ${score.toFixed(4)}: among the most uncertain unlabeled predictions`;
}
