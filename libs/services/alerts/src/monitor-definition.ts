import type { DriftCheckValue, DriftMethod, MetricName } from './__generated__/resolvers-types.ts';
import type { SliceFilter } from '@tideline/store';

/** A Model entity as this subgraph knows it: by name. */
export interface ModelRef {
  name: string;
}

export type Severity = 'INFO' | 'WARNING' | 'CRITICAL';
export type ConditionOp = 'LT' | 'GT' | 'DROP' | 'RISE';
export type DataQualityFigure = 'NULL_RATE' | 'TYPE_MISMATCH_RATE' | 'OUT_OF_RANGE_SHARE' | 'UNSEEN_CATEGORY_SHARE';
export type WindowAnchor = 'NOW' | 'LATEST_PREDICTION';

/** Exactly one of metric, drift, dataQuality. */
export interface MonitorCheck {
  metric: MetricName | null;
  /** `value` and `approximate` are absent on monitors stored before they existed: STATISTIC, false (driftCheckOf). */
  drift: StoredDriftCheck | null;
  dataQuality: { feature: string; figure: DataQualityFigure } | null;
  /** Reference window (ms) for drift, data quality and estimated metrics; null: the model's stored one. */
  reference: { fromMs: number; toMs: number } | null;
}

/** A drift check as stored; read it through driftCheckOf, which fills what older records lack. */
export interface StoredDriftCheck {
  feature: string;
  method: DriftMethod;
  value?: DriftCheckValue;
  /** Binned statistics with error bounds (metrics' `drift(…, approximate: true)`). */
  approximate?: boolean;
}

/** A stored drift check with the defaults of the fields added after it was stored. */
export const driftCheckOf = (drift: StoredDriftCheck): Required<StoredDriftCheck> => ({ ...drift, value: drift.value ?? 'STATISTIC', approximate: drift.approximate ?? false });

export interface MonitorCondition {
  op: ConditionOp;
  threshold: number;
  /** DROP / RISE: the baseline window starts this far before the current one. */
  baselineOffset: string | null;
}

/** A monitor as stored in KV `tideline-monitors` under `<project>.<id>`. */
export interface MonitorDefinition {
  id: string;
  project: string;
  name: string;
  model: string;
  check: MonitorCheck;
  slice: SliceFilter | null;
  groupBy: string[];
  window: string;
  interval: string;
  condition: MonitorCondition;
  minSamples: number;
  severity: Severity;
  consecutive: number;
  maxSeries: number;
  anchor: WindowAnchor;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Metrics that rest on every prediction; the others on labeled predictions only. */
const UNLABELED_METRICS = new Set(['COUNT', 'LABELED_COUNT', 'ESTIMATED_ACCURACY', 'ESTIMATED_ROC_AUC']);
export const countsLabeledSamples = (check: MonitorCheck) => check.metric !== null && !UNLABELED_METRICS.has(check.metric);
export const isEstimated = (metric: string | null) => metric === 'ESTIMATED_ACCURACY' || metric === 'ESTIMATED_ROC_AUC';

/** The checked quantity as alerts name it: `ACCURACY`, `PSI(features.x1)`, `KS(features.x1).DRIFTED`, `NULL_RATE(features.x2)`. */
export function checkLabel(check: MonitorCheck): string {
  if (check.metric) return check.metric;
  if (check.drift) return `${check.drift.method}(${check.drift.feature})${check.drift.value && check.drift.value !== 'STATISTIC' ? `.${check.drift.value}` : ''}`;
  if (check.dataQuality) return `${check.dataQuality.figure}(${check.dataQuality.feature})`;
  return 'UNKNOWN';
}

/** Series caps: sliceMetrics answers every group in one statement; other checks run one query per group. */
export const MAX_SERIES = { grouped: 1000, fannedOut: 50 } as const;
export const seriesCap = (check: MonitorCheck) => (check.metric && !isEstimated(check.metric) ? MAX_SERIES.grouped : MAX_SERIES.fannedOut);
