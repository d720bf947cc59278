import type { RetrainingAction } from '@tideline/contracts';
import type { AlertEvidence, Severity, TimeRange } from './evidence-types.ts';

/** Every reason code a decision can carry (the loop service's README documents each with its evidence fields). */
export const REASON_CODES = [
  'WATCH_PERIOD_ALERT',
  'CHALLENGER_BETTER',
  'CHALLENGER_TOO_FEW_PAIRS',
  'CHALLENGER_NOT_BETTER',
  'CHALLENGER_NOT_SIGNIFICANT',
  'CHALLENGER_SLICE_REGRESSION',
  'PERFORMANCE_ALERT',
  'ESTIMATED_PERFORMANCE_ALERT',
  'DRIFT_ALERT',
  'PERFORMANCE_DROP',
  'SLICE_PERFORMANCE_DROP',
  'ESTIMATED_PERFORMANCE_DROP',
  'NEW_LABELS',
  'NOT_ENOUGH_NEW_LABELS',
  'DATA_QUALITY_ALERT',
  'HEALTHY',
  'INSUFFICIENT_EVIDENCE',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  code: ReasonCode;
  message: string;
  evidence: Record<string, unknown>;
}

/** A reason with the weight its evidence lends the action (see `confidenceOf`); 0 for context. */
export interface WeightedReason extends Reason {
  weight: number;
}

export interface Decision {
  model: string;
  action: RetrainingAction;
  confidence: number;
  reasons: Reason[];
  decidedAt: string;
  basedOn: { window: TimeRange; labeledCount: number; estimated: boolean };
  candidate: string | null;
  rollbackTo: string | null;
}

/** How much a fired monitor says, by its severity. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { INFO: 0.6, WARNING: 0.8, CRITICAL: 0.95 };
/** A drop measured on labels. */
export const REALIZED_WEIGHT = 0.8;
/** A drop estimated without labels (CBPE assumes calibration carries over). */
export const ESTIMATED_WEIGHT = 0.6;

/** Independent signals combined (noisy-OR): 1 − Π(1 − wᵢ), rounded to 4 decimals, at most 0.9999. */
export function confidenceOf(reasons: readonly WeightedReason[]): number {
  const doubt = reasons.reduce((d, r) => d * (1 - r.weight), 1);
  return Math.min(0.9999, Math.round((1 - doubt) * 10_000) / 10_000);
}

export const strongestSeverity = (alerts: readonly AlertEvidence[]) => Math.max(0, ...alerts.map((a) => SEVERITY_WEIGHT[a.severity]));

/** What a reason's evidence says about an alert. */
export const alertSummary = (a: AlertEvidence) => ({
  id: a.id,
  monitor: a.monitorName,
  kind: a.kind,
  metric: a.metric,
  slice: a.slice,
  value: a.value,
  threshold: a.threshold,
  severity: a.severity,
  state: a.state,
  firedAt: a.firedAt,
});

export const sliceText = (slice: AlertEvidence['slice']) => (slice.length ? ` on ${slice.map((s) => `${s.field}=${s.value ?? 'null'}`).join(', ')}` : '');

/** Figures printed in messages: at most 4 significant decimals. */
export const fmt = (x: number | null) => (x === null ? 'n/a' : String(Math.round(x * 10_000) / 10_000));

/** Threshold comparisons tolerate floating-point noise: 0.82 − 0.80 meets 0.02 (as the registry's gate). */
export const EPSILON = 1e-9;
