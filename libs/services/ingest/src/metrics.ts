import { Counter } from 'prom-client';

/** Records seen by ingest, by kind and outcome (accepted, rejected, unavailable). */
export const ingestRecords = new Counter({
  name: 'tideline_ingest_records_total',
  help: 'Records received by ingest, by kind and outcome',
  labelNames: ['kind', 'outcome'] as const,
});
