export { metricsModule } from './module.ts';
// The sliceMetrics read path called in-process, without a platform: for benchmarks (tools/bench/approx-auc.ts).
export { realizedDefinition } from './inputs.ts';
export { sliceMetrics } from './slice-metrics.ts';
export { HourStates } from './slice-states.ts';
