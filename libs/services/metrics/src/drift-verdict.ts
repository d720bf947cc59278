import type { CategoricalStats, NumericStats } from './drift-sql.ts';
import type { DriftMethod, DriftVerdict, DriftVerdictRule, EffectSizeMethod } from './__generated__/resolvers-types.ts';

/**
 * How `drifted` is decided. KS and CHI2 are significance tests: their
 * p-value answers "is there any difference?", and at hundreds of thousands
 * of rows every difference is significant (1M flights, January vs February:
 * `hour` drifted by KS with a statistic of 0.003). So by default (`AUTO`)
 * they are decided on an effect size once both windows are large, as
 * Evidently's default drift algorithm does
 * (https://docs.evidentlyai.com/reference/data-drift-algorithm: above 1,000
 * reference rows, numeric columns by the normed Wasserstein distance and
 * categorical ones by Jensen–Shannon, threshold 0.1; at most 1,000, KS and
 * chi-square at 95 %). Evidently looks at the reference's size only; here
 * both windows must be past it, because a monitor's window of a few hundred
 * rows against a large reference is a small sample, where the test guards
 * against noise and an effect size is itself noisy.
 * PSI, WASSERSTEIN and JENSEN_SHANNON are effect sizes already: they are
 * decided on their statistic whatever the mode, as before.
 */
export const AUTO_EFFECT_SIZE_ABOVE = 1_000;
export const DEFAULT_EFFECT_SIZE_THRESHOLD = 0.1;
/** Evidently's floor under the reference's standard deviation in the normed Wasserstein distance (a constant reference). */
export const WASSERSTEIN_NORM_FLOOR = 0.001;

/** Methods decided on a p-value, under the P_VALUE rule. */
export const P_VALUE_METHODS: readonly DriftMethod[] = ['KS', 'CHI2'];

export interface EffectSize {
  effectSize: number | null;
  effectSizeMethod: EffectSizeMethod;
}

/** Normed Wasserstein distance: the 1-Wasserstein distance over the reference's population standard deviation (floored), as Evidently's `wasserstein` test. */
const normedWasserstein = (s: NumericStats) => (s.wasserstein === null || s.refStd === null ? null : s.wasserstein / Math.max(s.refStd, WASSERSTEIN_NORM_FLOOR));

/** The size of the shift, independent of the number of rows: PSI itself, else normed Wasserstein (numeric) or JS distance (categorical). */
export function effectSizeOf(method: DriftMethod, stats: NumericStats | CategoricalStats): EffectSize {
  if ('jensenShannon' in stats) return { effectSize: stats.jensenShannon, effectSizeMethod: 'JENSEN_SHANNON' };
  if (method === 'PSI') return { effectSize: stats.psi, effectSizeMethod: 'PSI' };
  return { effectSize: normedWasserstein(stats), effectSizeMethod: 'NORMED_WASSERSTEIN' };
}

/** The rule that decides a method's verdict for windows of n1 and n2 values. */
export function verdictRule(method: DriftMethod, verdict: DriftVerdict, n1: number, n2: number): DriftVerdictRule {
  if (!P_VALUE_METHODS.includes(method)) return 'STATISTIC';
  if (verdict === 'AUTO') return Math.min(n1, n2) > AUTO_EFFECT_SIZE_ABOVE ? 'EFFECT_SIZE' : 'P_VALUE';
  return verdict;
}

export interface Decidable {
  statistic: number | null;
  adjustedPValue: number | null;
  effectSize: number | null;
  threshold: number | null;
  verdictRule: DriftVerdictRule;
}

/** Whether the threshold was crossed by what the rule looks at; false when the statistic is undefined. */
export function isDrifted(o: Decidable): boolean {
  if (o.threshold === null || o.statistic === null) return false;
  if (o.verdictRule === 'P_VALUE') return o.adjustedPValue !== null && o.adjustedPValue < o.threshold;
  if (o.verdictRule === 'EFFECT_SIZE') return o.effectSize !== null && o.effectSize > o.threshold;
  return o.statistic > o.threshold;
}
