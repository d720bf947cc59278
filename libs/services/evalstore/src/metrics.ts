import { Counter, Histogram } from 'prom-client';

export const storedRecords = new Counter({
  name: 'tideline_store_records_total',
  help: 'Records inserted into ClickHouse by the store writer, by kind',
  labelNames: ['kind'] as const,
});

export const insertSeconds = new Histogram({
  name: 'tideline_store_insert_seconds',
  help: 'Time to insert one batch into ClickHouse, retries included',
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

export const insertFailures = new Counter({
  name: 'tideline_store_insert_failures_total',
  help: 'Failed ClickHouse inserts, by error: transient ones are retried, permanent ones (bad data) isolate the refused rows',
  labelNames: ['error'] as const,
});

export const deadLetteredRecords = new Counter({
  name: 'tideline_store_dead_letters_total',
  help: 'Records the store writer could not store and kept as dead letters (GraphQL ingestErrors), by kind and error code',
  labelNames: ['kind', 'code'] as const,
});
