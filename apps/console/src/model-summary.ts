import { useQuery } from '@tideline/console-ui';

/**
 * What every model page needs first: the model's task and time range, the
 * windows its queries use, its metrics and the fields it can be sliced by.
 * Key lookups only (the store's model summary and field catalog, the
 * reference window), so a page starts from it at once.
 */
export const MODEL_SUMMARY = `query ModelSummary($name: String!) {
  model(name: $name) {
    name task predictionCount labeledCount firstPredictionAt lastPredictionAt tagNames featureNames
    registration { primaryMetric protectedSlices } champion { version }
  }
  referenceWindow(model: $name) { from to }
}`;

export type Task = 'BINARY' | 'MULTICLASS' | 'REGRESSION';
export interface Range {
  from: string;
  to: string;
}

interface SummaryAnswer {
  model: {
    name: string;
    task: Task | null;
    predictionCount: number;
    labeledCount: number;
    firstPredictionAt: string | null;
    lastPredictionAt: string | null;
    tagNames: string[];
    featureNames: string[];
    registration: { primaryMetric: string; protectedSlices: string[] } | null;
    champion: { version: string } | null;
  } | null;
  referenceWindow: Range | null;
}

export const METRICS: Record<Task, string[]> = {
  BINARY: ['ACCURACY', 'ROC_AUC', 'PR_AUC', 'F1', 'PRECISION', 'RECALL', 'LOG_LOSS', 'BRIER', 'ECE', 'POSITIVE_RATE'],
  MULTICLASS: ['ACCURACY', 'F1', 'PRECISION', 'RECALL', 'LOG_LOSS'],
  REGRESSION: ['RMSE', 'MAE', 'R2', 'MAPE'],
};

/** CBPE's estimate of a realized metric, where there is one. */
export const estimateOf = (task: Task, metric: string): string | null =>
  task === 'REGRESSION' ? null : metric === 'ACCURACY' ? 'ESTIMATED_ACCURACY' : metric === 'ROC_AUC' && task === 'BINARY' ? 'ESTIMATED_ROC_AUC' : null;

export interface ModelSummary {
  name: string;
  task: Task;
  predictionCount: number;
  labeledCount: number;
  champion: string | null;
  /** Everything the model has, in whole UTC hours: [first prediction's hour, the hour after the last prediction). */
  window: Range;
  /** The stored reference window, else the first half of the traffic, [first prediction, midpoint). */
  reference: Range;
  /** After the reference: what drift and estimates are measured on. */
  current: Range;
  referenceStored: boolean;
  primaryMetric: string;
  metrics: string[];
  /** Every field the model's predictions have carried (the store's field catalog). */
  fields: ModelFields;
}

export interface ModelFields {
  /** tags.<name> of each tag, then modelVersion. */
  sliceFields: string[];
  features: string[];
}

const HOUR_MS = 3_600_000;

export function summarize(answer: SummaryAnswer): ModelSummary | null {
  const m = answer.model;
  if (!m?.task || !m.firstPredictionAt || !m.lastPredictionAt) return null;
  const [from, to] = [Date.parse(m.firstPredictionAt), Date.parse(m.lastPredictionAt) + 1];
  const iso = (ms: number) => new Date(ms).toISOString();
  // Whole UTC hours around the traffic: the same predictions, and the metrics service answers whole hours from its hour states.
  const window = { from: iso(Math.floor(from / HOUR_MS) * HOUR_MS), to: iso(Math.ceil(to / HOUR_MS) * HOUR_MS) };
  const middle = from + Math.floor((to - from) / 2);
  const reference = answer.referenceWindow ?? { from: iso(from), to: iso(middle) };
  const currentFrom = answer.referenceWindow && Date.parse(answer.referenceWindow.to) < to ? answer.referenceWindow.to : iso(middle);
  const metrics = METRICS[m.task];
  const registered = m.registration?.primaryMetric;
  return {
    name: m.name,
    task: m.task,
    predictionCount: m.predictionCount,
    labeledCount: m.labeledCount,
    champion: m.champion?.version ?? null,
    window,
    reference,
    current: { from: currentFrom, to: window.to },
    referenceStored: !!answer.referenceWindow,
    primaryMetric: registered && metrics.includes(registered) ? registered : metrics[0]!,
    metrics,
    fields: { sliceFields: [...m.tagNames.map((t) => `tags.${t}`), 'modelVersion'], features: m.featureNames },
  };
}

export function useModelSummary(name: string) {
  const state = useQuery<SummaryAnswer>(MODEL_SUMMARY, { name });
  return { ...state, summary: state.data ? summarize(state.data) : undefined };
}

/** DAY for a month of traffic, HOUR for a day or two, WEEK beyond a quarter: a few dozen points. */
export function defaultGranularity(window: Range): string {
  const days = (Date.parse(window.to) - Date.parse(window.from)) / 86_400_000;
  return days <= 3 ? 'HOUR' : days <= 120 ? 'DAY' : 'WEEK';
}

export const LOWER_IS_BETTER = new Set(['LOG_LOSS', 'BRIER', 'ECE', 'RMSE', 'MAE', 'MAPE']);
