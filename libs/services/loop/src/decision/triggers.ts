import { direction } from '@tideline/store';
import type { AlertEvidence, AlertKind, Evidence, MetricFigure } from './evidence-types.ts';
import { ESTIMATED_WEIGHT, EPSILON, REALIZED_WEIGHT, alertSummary, fmt, sliceText, strongestSeverity, type ReasonCode, type WeightedReason } from './reasons.ts';
import type { DecisionRules } from './rules.ts';

const ALERT_TRIGGERS: [AlertKind, ReasonCode, string][] = [
  ['METRIC', 'PERFORMANCE_ALERT', 'performance monitor'],
  ['ESTIMATED', 'ESTIMATED_PERFORMANCE_ALERT', 'estimated-performance monitor'],
  ['DRIFT', 'DRIFT_ALERT', 'drift monitor'],
  ['DATA_QUALITY', 'DATA_QUALITY_ALERT', 'data-quality monitor'],
];

/** One reason per kind of firing monitor, its weight the strongest severity among them. */
export function alertReasons(alerts: readonly AlertEvidence[]): WeightedReason[] {
  return ALERT_TRIGGERS.flatMap(([kind, code, what]) => {
    const firing = alerts.filter((a) => a.kind === kind);
    if (!firing.length) return [];
    const first = firing[0]!;
    const more = firing.length > 1 ? ` (and ${firing.length - 1} more)` : '';
    const message = `${what} '${first.monitorName}' is firing: ${first.metric}${sliceText(first.slice)} = ${fmt(first.value)} against ${fmt(first.threshold)}${more}`;
    return [{ code, message, evidence: { alerts: firing.map(alertSummary) }, weight: strongestSeverity(firing) }];
  });
}

/** How far `current` fell below `reference` in the metric's better direction (positive: worse); null when either is missing. */
const dropOf = (e: Evidence, current: number | null, reference: number | null) => (current === null || reference === null ? null : (reference - current) * direction(e.performance.metric));

const judged = (figure: MetricFigure | null, rules: DecisionRules): figure is MetricFigure & { value: number } => !!figure && figure.value !== null && figure.labeledCount >= rules.minLabeled;

/**
 * Drops of the primary metric below the reference of at least `maxDrop`:
 * realized on the window's labels (overall and per protected slice, each
 * side with at least `minLabeled` labels) or, when the window has fewer
 * labels, the CBPE estimate against the realized reference.
 */
export function dropReasons(e: Evidence, rules: DecisionRules): WeightedReason[] {
  const p = e.performance;
  const reasons: WeightedReason[] = [];
  const reference = judged(p.reference, rules) ? p.reference : null;
  const base = { metric: p.metric, version: p.version, maxDrop: rules.maxDrop, minLabeled: rules.minLabeled, referenceWindow: p.reference?.window ?? null, referenceSource: p.reference?.source ?? null };
  if (reference && judged(p.current, rules)) {
    const drop = dropOf(e, p.current.value, reference.value)!;
    if (drop >= rules.maxDrop - EPSILON) {
      reasons.push({
        code: 'PERFORMANCE_DROP',
        message: `${p.metric} fell to ${fmt(p.current.value)} on ${p.current.labeledCount} labels, ${fmt(drop)} below the reference's ${fmt(reference.value)}`,
        evidence: { ...base, value: p.current.value, labeledCount: p.current.labeledCount, referenceValue: reference.value, referenceLabeledCount: reference.labeledCount, drop },
        weight: REALIZED_WEIGHT,
      });
    }
  } else if (reference && p.estimate !== null) {
    const drop = dropOf(e, p.estimate, reference.value)!;
    if (drop >= rules.maxDrop - EPSILON) {
      reasons.push({
        code: 'ESTIMATED_PERFORMANCE_DROP',
        message: `estimated ${p.metric} (CBPE, ${p.current.labeledCount} labels in the window) is ${fmt(p.estimate)}, ${fmt(drop)} below the reference's ${fmt(reference.value)}`,
        evidence: { ...base, estimate: p.estimate, labeledCount: p.current.labeledCount, referenceValue: reference.value, referenceLabeledCount: reference.labeledCount, drop },
        weight: ESTIMATED_WEIGHT,
      });
    }
  }
  const slices = p.slices.flatMap((s) => {
    if (!judged(s.current, rules) || !judged(s.reference, rules)) return [];
    const drop = dropOf(e, s.current.value, s.reference.value)!;
    return drop >= rules.maxDrop - EPSILON ? [{ field: s.field, value: s.value, current: s.current.value, labeledCount: s.current.labeledCount, referenceValue: s.reference.value, referenceLabeledCount: s.reference.labeledCount, drop }] : [];
  });
  if (slices.length) {
    const worst = slices.reduce((a, b) => (a.drop > b.drop ? a : b));
    reasons.push({
      code: 'SLICE_PERFORMANCE_DROP',
      message: `${p.metric} on protected slice ${worst.field}=${worst.value ?? 'null'} fell to ${fmt(worst.current)}, ${fmt(worst.drop)} below its reference's ${fmt(worst.referenceValue)}${slices.length > 1 ? ` (and ${slices.length - 1} more slices)` : ''}`,
      evidence: { ...base, slices },
      weight: REALIZED_WEIGHT,
    });
  }
  return reasons;
}
