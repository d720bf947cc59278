/**
 * The thresholds of the retraining decision. The loop engine passes a
 * model's retraining policy's values; anything it leaves out takes the
 * default below (each documented in the loop service's README).
 */
export interface DecisionRules {
  /** Length of the recent window judged, ending at the decision time. @default 7 days */
  windowMs: number;
  /** How long after a promotion to CHAMPION a firing monitor means ROLLBACK. @default 24 hours */
  watchPeriodMs: number;
  /** Labeled predictions since the last training below which RETRAIN holds (NOT_ENOUGH_NEW_LABELS). @default 500 */
  minNewLabels: number;
  /** Labeled predictions a realized metric (window, reference or slice) needs to be judged. @default 100 */
  minLabeled: number;
  /** A realized or estimated drop of the primary metric below the reference, in metric units (its better direction), that triggers RETRAIN. @default 0.05 */
  maxDrop: number;
  /** The paired test's p-value must be below this for PROMOTE. @default 0.05 */
  pValue: number;
  /** The promotion gate used when the model has no registration (else the registry's gate: δ, ε, minSamples). */
  gate: { minImprovement: number; maxSliceRegression: number; minSamples: number };
  /** Challengers compared with the champion, newest first. @default 3 */
  maxChallengers: number;
  /** Values of each protected field judged (most traffic first). @default 20 */
  maxSliceValues: number;
}

export const DEFAULT_RULES: DecisionRules = {
  windowMs: 7 * 86_400_000,
  watchPeriodMs: 86_400_000,
  minNewLabels: 500,
  minLabeled: 100,
  maxDrop: 0.05,
  pValue: 0.05,
  gate: { minImprovement: 0, maxSliceRegression: 0.01, minSamples: 100 },
  maxChallengers: 3,
  maxSliceValues: 20,
};

/** What a caller may override (a policy, a test): missing values are the defaults. */
export type DecisionRulesInput = Partial<Omit<DecisionRules, 'gate'>> & { gate?: Partial<DecisionRules['gate']> };

export function decisionRules(input: DecisionRulesInput = {}): DecisionRules {
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  const { gate, ...rest } = input;
  return { ...DEFAULT_RULES, ...defined(rest), gate: { ...DEFAULT_RULES.gate, ...defined(gate ?? {}) } };
}
