import type { EvaluationMetric } from '@tideline/store';

/**
 * The evidence a retraining decision rests on: plain data gathered from the
 * other services (evidence.ts), so that `decide` is a pure function of it and
 * every rule can be tested on constructed evidence.
 */
export interface TimeRange {
  from: string;
  to: string;
}

export type AlertKind = 'METRIC' | 'ESTIMATED' | 'DRIFT' | 'DATA_QUALITY';
export type Severity = 'INFO' | 'WARNING' | 'CRITICAL';

export interface AlertEvidence {
  id: string;
  monitorName: string;
  /** What the monitor checks: a metric on labels, an estimated metric (CBPE), a drift statistic or a data-quality figure. */
  kind: AlertKind;
  /** As the alert names it: ACCURACY, PSI(features.x1), … */
  metric: string;
  slice: { field: string; value: string | null }[];
  value: number | null;
  threshold: number | null;
  severity: Severity;
  state: 'FIRING' | 'RESOLVED';
  firedAt: string;
}

/** A realized metric and the labels it rests on; value null where undefined. */
export interface MetricFigure {
  value: number | null;
  labeledCount: number;
}

export interface SliceFigure {
  field: string;
  value: string | null;
  current: MetricFigure;
  /** Null without a reference window. */
  reference: MetricFigure | null;
}

export interface PerformanceEvidence {
  /** The primary metric: the registry's registration, else the task's default. */
  metric: EvaluationMetric;
  metricSource: 'REGISTRATION' | 'TASK_DEFAULT';
  /** The version judged (the champion), or null: all of the model's traffic. */
  version: string | null;
  /** Predictions of that version in the window. */
  predictionCount: number;
  current: MetricFigure;
  /** The healthy baseline: the stored reference window, else the window of the same length before. */
  reference: (MetricFigure & { window: TimeRange; source: 'STORED' | 'PRECEDING' }) | null;
  /** CBPE estimate of the primary metric over the window (binary models, ACCURACY or ROC_AUC), when labels are too few. */
  estimate: number | null;
  /** Why there is no estimate (not binary, another metric, no calibrated reference, labels enough). */
  estimateUnavailable: string | null;
  /** The primary metric on each value of the protected slices' fields. */
  slices: SliceFigure[];
}

export interface LabelsEvidence {
  /** Predictions since this instant that carry a label; null: since the model's first prediction. */
  since: string | null;
  sinceSource: 'TRAINING_RUN' | 'DATASET_WINDOW' | 'VERSION_CREATED' | 'FIRST_PREDICTION';
  count: number;
}

/** `compareVersions` of the champion (baseline) and a challenger on paired prediction ids. */
export interface Comparison {
  metric: string;
  /** MCNEMAR, PAIRED_Z, or null for a metric without a paired test. */
  test: string | null;
  baselineValue: number | null;
  candidateValue: number | null;
  /** candidate − baseline, as measured (not direction-adjusted). */
  difference: number | null;
  pValue: number | null;
  pairedCount: number;
  labeledPairedCount: number;
}

export interface ChallengerEvidence {
  version: string;
  stage: 'CANDIDATE' | 'CHALLENGER';
  /** On the primary metric: the improvement judged against δ. */
  primary: Comparison;
  /** The paired test judged against the p threshold: the primary metric's own, or ACCURACY / RMSE when it has none. */
  significance: Comparison;
  /** The primary metric per value of each protected slice, judged against ε. */
  slices: { slice: string; comparison: Comparison }[];
}

export interface PromotionEvidence {
  /** The version made champion. */
  version: string;
  promotedAt: string;
  /** The champion it replaced: what a rollback restores. */
  previousChampion: string | null;
  /** The change was itself a rollback (not watched). */
  rollback: boolean;
  /** Alerts of the model fired since the promotion (any state). */
  alertsSince: AlertEvidence[];
}

export interface GateEvidence {
  minImprovement: number;
  maxSliceRegression: number;
  minSamples: number;
}

export interface Evidence {
  model: string;
  decidedAt: string;
  window: TimeRange;
  champion: string | null;
  /** The registry's gate for the model; null when it is not registered (the rules' gate applies). */
  gate: GateEvidence | null;
  /** Alerts of the model firing now. */
  openAlerts: AlertEvidence[];
  performance: PerformanceEvidence;
  labels: LabelsEvidence;
  /** CANDIDATE and CHALLENGER versions with predictions paired with the champion's in the window. */
  challengers: ChallengerEvidence[];
  /** The latest change that made a CHAMPION; null before any. */
  lastPromotion: PromotionEvidence | null;
}
