export { metricsModule } from './module.ts';
// The counter is shared (label service="metrics"); exported here for the tests that watch metrics' queries stop.
export { queryTimeouts } from '@tideline/clickhouse';
