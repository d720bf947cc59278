export { metricsModule } from './module.ts';
export { queryTimeouts } from './query-bound.ts';
