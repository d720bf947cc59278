import { Counter, Histogram } from 'prom-client';

/** Hour-state folds by outcome (ok, failed, elsewhere: another process held the model's lease). */
export const folds = new Counter({
  name: 'tideline_metrics_folds_total',
  help: 'Folds of a model’s changed hours into hour states, by outcome',
  labelNames: ['outcome'] as const,
});

export const foldSeconds = new Histogram({
  name: 'tideline_metrics_fold_seconds',
  help: 'Time to fold one model’s changed hours into hour states',
  buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
});

export const foldedRows = new Counter({
  name: 'tideline_metrics_folded_rows_total',
  help: 'Prediction rows (copies included) of the hours folded into hour states',
});

/** sliceMetrics and metric requests by what answered them: the hour states or the rows. */
export const statesReads = new Counter({
  name: 'tideline_metrics_reads_total',
  help: 'sliceMetrics and metric requests by query and source: states (hour states), folded (folded rows) or rows (the store join)',
  labelNames: ['query', 'source'] as const,
});
