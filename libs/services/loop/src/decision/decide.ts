import type { RetrainingAction } from '@tideline/contracts';
import { judgeChallengers } from './challengers.ts';
import type { Evidence } from './evidence-types.ts';
import { ESTIMATED_WEIGHT, REALIZED_WEIGHT, alertSummary, confidenceOf, fmt, sliceText, strongestSeverity, type Decision, type WeightedReason } from './reasons.ts';
import type { DecisionRules } from './rules.ts';
import { alertReasons, dropReasons } from './triggers.ts';

/**
 * An alert's firedAt is the end of the window its monitor judged (the
 * evaluation's tick), to the second: one of the promotion's own second judged
 * traffic after it, one of an earlier second judged none of the new champion's.
 */
export const wholeSecond = (at: string) => Math.floor(Date.parse(at) / 1000) * 1000;

/**
 * ROLLBACK's rule: the latest change that made a CHAMPION was a promotion
 * (not itself a rollback) with a previous champion, and a monitor other than
 * a data-quality one fired within the watch period after it — while the
 * period runs, or later if that alert is still firing.
 */
function rollbackReason(e: Evidence, rules: DecisionRules): WeightedReason | null {
  const p = e.lastPromotion;
  if (!p || p.rollback || !p.previousChampion) return null;
  const end = Date.parse(p.promotedAt) + rules.watchPeriodMs;
  const start = wholeSecond(p.promotedAt);
  const watching = Date.parse(e.decidedAt) < end;
  const fired = p.alertsSince.filter((a) => a.kind !== 'DATA_QUALITY' && Date.parse(a.firedAt) >= start && Date.parse(a.firedAt) < end && (watching || a.state === 'FIRING'));
  if (!fired.length) return null;
  const first = fired[0]!;
  return {
    code: 'WATCH_PERIOD_ALERT',
    message: `monitor '${first.monitorName}' fired${sliceText(first.slice)} (${first.metric} = ${fmt(first.value)}) within the ${rules.watchPeriodMs / 3_600_000} h watch after ${p.version} became champion; roll back to ${p.previousChampion}`,
    evidence: { promotedVersion: p.version, promotedAt: p.promotedAt, previousChampion: p.previousChampion, watchPeriodEnds: new Date(end).toISOString(), alerts: fired.map(alertSummary) },
    weight: strongestSeverity(fired),
  };
}

/** Labels since the last training: enough to retrain on (NEW_LABELS) or not (NOT_ENOUGH_NEW_LABELS). */
function labelsReason(e: Evidence, rules: DecisionRules): WeightedReason {
  const { since, sinceSource, count } = e.labels;
  const evidence = { labeledSinceTraining: count, since, sinceSource, minNewLabels: rules.minNewLabels };
  const when = since ? `since ${since} (${sinceSource.toLowerCase().replaceAll('_', ' ')})` : 'in all';
  return count >= rules.minNewLabels
    ? { code: 'NEW_LABELS', message: `${count} labeled predictions ${when}, at least the ${rules.minNewLabels} a retraining needs`, evidence, weight: 0 }
    : { code: 'NOT_ENOUGH_NEW_LABELS', message: `only ${count} labeled predictions ${when}; retraining waits for ${rules.minNewLabels}`, evidence, weight: 0 };
}

/** Whether the window's performance is known: enough labels, or a CBPE estimate. */
function performanceKnown(e: Evidence, rules: DecisionRules) {
  const p = e.performance;
  const realized = p.current.value !== null && p.current.labeledCount >= rules.minLabeled;
  return { realized, estimated: !realized && p.estimate !== null };
}

function insufficient(e: Evidence, rules: DecisionRules): WeightedReason {
  const p = e.performance;
  const why = p.predictionCount === 0 ? `no predictions${p.version ? ` of ${p.version}` : ''} in the window` : `${p.current.labeledCount} labeled predictions in the window (fewer than ${rules.minLabeled}) and no estimate: ${p.estimateUnavailable ?? 'none'}`;
  return {
    code: 'INSUFFICIENT_EVIDENCE',
    message: `the data cannot support a decision: ${why}, and no monitor is firing`,
    evidence: { predictionCount: p.predictionCount, labeledCount: p.current.labeledCount, minLabeled: rules.minLabeled, version: p.version, estimateUnavailable: p.estimateUnavailable, window: e.window },
    weight: 0,
  };
}

function healthy(e: Evidence, rules: DecisionRules, estimated: boolean): WeightedReason {
  const p = e.performance;
  const value = estimated ? p.estimate : p.current.value;
  const reference = p.reference?.value ?? null;
  return {
    code: 'HEALTHY',
    message: `${estimated ? 'estimated ' : ''}${p.metric} is ${fmt(value)}${reference === null ? '' : ` against the reference's ${fmt(reference)}`}, no monitor is firing and no drop reaches ${rules.maxDrop}`,
    evidence: { metric: p.metric, value, estimated, labeledCount: p.current.labeledCount, referenceValue: reference, referenceLabeledCount: p.reference?.labeledCount ?? null, maxDrop: rules.maxDrop },
    weight: 0,
  };
}

/**
 * The retraining decision, a pure function of the evidence and the rules, in
 * priority order: ROLLBACK > PROMOTE > RETRAIN > HOLD. Never a guess: when
 * nothing is firing and the window's performance is neither measured on
 * enough labels nor estimated, the answer is HOLD with INSUFFICIENT_EVIDENCE
 * and confidence 0. Every rule is documented in the loop service's README.
 */
export function decide(e: Evidence, rules: DecisionRules): Decision {
  const known = performanceKnown(e, rules);
  const answer = (action: RetrainingAction, reasons: WeightedReason[], deciding: WeightedReason[], extra: Partial<Decision> = {}): Decision => ({
    model: e.model,
    action,
    confidence: confidenceOf(deciding),
    reasons: reasons.map(({ code, message, evidence }) => ({ code, message, evidence })),
    decidedAt: e.decidedAt,
    basedOn: { window: e.window, labeledCount: e.performance.current.labeledCount, estimated: known.estimated },
    candidate: null,
    rollbackTo: null,
    ...extra,
  });

  const rollback = rollbackReason(e, rules);
  if (rollback) return answer('ROLLBACK', [rollback], [rollback], { rollbackTo: e.lastPromotion!.previousChampion });

  const promotion = judgeChallengers(e, rules);
  if (promotion.winner) return answer('PROMOTE', [promotion.winner.reason, ...promotion.context], [promotion.winner.reason], { candidate: promotion.winner.version });

  const alerts = alertReasons(e.openAlerts);
  const dataQuality = alerts.filter((r) => r.code === 'DATA_QUALITY_ALERT');
  const triggers = [...alerts.filter((r) => r.code !== 'DATA_QUALITY_ALERT'), ...dropReasons(e, rules)];
  const context = promotion.context;
  if (triggers.length) {
    // Retraining on inputs a data-quality monitor flags would teach the model the breakage: fix the data first.
    if (dataQuality.length) return answer('HOLD', [...dataQuality, ...triggers, ...context], triggers);
    const labels = labelsReason(e, rules);
    const action = labels.code === 'NEW_LABELS' ? 'RETRAIN' : 'HOLD';
    return answer(action, action === 'RETRAIN' ? [...triggers, labels, ...context] : [labels, ...triggers, ...context], triggers);
  }
  if (dataQuality.length) return answer('HOLD', [...dataQuality, ...context], dataQuality);
  if (!known.realized && !known.estimated) return answer('HOLD', [insufficient(e, rules), ...context], []);
  const ok = healthy(e, rules, known.estimated);
  return answer('HOLD', [ok, ...context], [{ ...ok, weight: known.estimated ? ESTIMATED_WEIGHT : REALIZED_WEIGHT }]);
}
