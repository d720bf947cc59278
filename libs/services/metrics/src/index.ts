export { metricsModule } from './module.ts';
// The sliceMetrics read path, the fold and the histograms' ROC AUC, called in-process, without a platform: for benchmarks (tools/bench/approx-auc.ts, score-bins.ts, live-fold.ts).
export { foldModel } from './hour-states.ts';
export { realizedDefinition } from './inputs.ts';
export { sliceMetrics } from './slice-metrics.ts';
export { HourStates } from './slice-states.ts';
export { HISTOGRAM_SUM, histogramAuc } from './score-histograms.ts';
