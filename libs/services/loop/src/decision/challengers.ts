import { direction, type EvaluationMetric } from '@tideline/store';
import type { ChallengerEvidence, Comparison, Evidence } from './evidence-types.ts';
import { EPSILON, fmt, type WeightedReason } from './reasons.ts';
import type { DecisionRules } from './rules.ts';

export interface PromotionJudgment {
  /** The challenger to promote, with its CHALLENGER_BETTER reason; null when none qualifies. */
  winner: { version: string; reason: WeightedReason } | null;
  /** Why each other challenger does not qualify (context for whatever the decision is). */
  context: WeightedReason[];
}

/** Directions of the metrics compared: the primary (an evaluation metric) and the significance test's. */
const better = (metric: string, difference: number | null) => (difference === null ? null : difference * direction(metric as EvaluationMetric));

const comparisonSummary = (c: Comparison) => ({
  metric: c.metric,
  test: c.test,
  championValue: c.baselineValue,
  challengerValue: c.candidateValue,
  improvement: better(c.metric, c.difference),
  pValue: c.pValue,
  pairedCount: c.pairedCount,
  labeledPairedCount: c.labeledPairedCount,
});

interface Verdict {
  ok: boolean;
  reason: WeightedReason;
  improvement: number;
}

function judge(e: Evidence, rules: DecisionRules, c: ChallengerEvidence): Verdict {
  const gate = e.gate ?? rules.gate;
  const versions = { challenger: c.version, champion: e.champion };
  const base = { ...versions, primary: comparisonSummary(c.primary), significance: comparisonSummary(c.significance), gate, pThreshold: rules.pValue };
  const no = (code: WeightedReason['code'], message: string, more: Record<string, unknown> = {}): Verdict => ({ ok: false, improvement: -Infinity, reason: { code, message, evidence: { ...base, ...more }, weight: 0 } });

  const pairs = Math.min(c.primary.labeledPairedCount, c.significance.labeledPairedCount);
  if (pairs < gate.minSamples) {
    return no('CHALLENGER_TOO_FEW_PAIRS', `challenger ${c.version} has ${pairs} labeled predictions paired with champion ${e.champion}'s, fewer than the ${gate.minSamples} a promotion needs`);
  }
  const improvement = better(c.primary.metric, c.primary.difference);
  if (improvement === null || improvement < gate.minImprovement - EPSILON) {
    return no('CHALLENGER_NOT_BETTER', `challenger ${c.version} improves ${c.primary.metric} by ${fmt(improvement)} over champion ${e.champion}, less than the gate's ${fmt(gate.minImprovement)}`);
  }
  const tested = better(c.significance.metric, c.significance.difference);
  const p = c.significance.pValue;
  if (p === null || tested === null || tested <= 0 || !(p < rules.pValue)) {
    return no('CHALLENGER_NOT_SIGNIFICANT', `challenger ${c.version}'s lead on ${c.significance.metric} over champion ${e.champion} is not significant (p = ${fmt(p)}, needs < ${rules.pValue})`);
  }
  const slices = c.slices.map((s) => {
    const judged = s.comparison.labeledPairedCount >= gate.minSamples && s.comparison.difference !== null;
    const change = better(s.comparison.metric, s.comparison.difference);
    const outcome = !judged ? 'INSUFFICIENT_SAMPLES' : change! < -gate.maxSliceRegression - EPSILON ? 'REGRESSED' : 'PASSED';
    return { slice: s.slice, ...comparisonSummary(s.comparison), outcome };
  });
  const regressed = slices.filter((s) => s.outcome === 'REGRESSED');
  if (regressed.length) {
    const worst = regressed.reduce((a, b) => (a.improvement! < b.improvement! ? a : b));
    return no('CHALLENGER_SLICE_REGRESSION', `challenger ${c.version} is worse than champion ${e.champion} on ${regressed.length} protected slice(s), ${worst.slice} by ${fmt(-worst.improvement!)} (at most ${fmt(gate.maxSliceRegression)} allowed)`, { slices });
  }
  return {
    ok: true,
    improvement,
    reason: {
      code: 'CHALLENGER_BETTER',
      message: `challenger ${c.version} beats champion ${e.champion} on shadow traffic: ${c.primary.metric} ${fmt(c.primary.candidateValue)} against ${fmt(c.primary.baselineValue)} on ${c.primary.labeledPairedCount} labeled pairs (p = ${fmt(p)}), no protected slice worse by more than ${fmt(gate.maxSliceRegression)}`,
      evidence: { ...base, slices },
      weight: 1 - p,
    },
  };
}

/**
 * PROMOTE's rule: a challenger beats the champion on paired shadow traffic by
 * at least δ on the primary metric, its paired test has p below the rules'
 * threshold on at least minSamples labeled pairs, and no protected slice with
 * minSamples labeled pairs is worse by more than ε. Of several that qualify,
 * the largest improvement wins.
 */
export function judgeChallengers(e: Evidence, rules: DecisionRules): PromotionJudgment {
  const verdicts = e.champion ? e.challengers.map((c) => ({ version: c.version, ...judge(e, rules, c) })) : [];
  const qualified = verdicts.filter((v) => v.ok).sort((a, b) => b.improvement - a.improvement);
  const winner = qualified[0] ? { version: qualified[0].version, reason: qualified[0].reason } : null;
  return { winner, context: verdicts.filter((v) => !v.ok).map((v) => v.reason) };
}
