/**
 * Records for tests, in the two shapes they travel in: as clients send them
 * to the API (`clientPrediction`, `ndjson`), and as ingest publishes them to
 * the store (`predictionRecord`, `feedbackRecord`: project, task and arrival
 * time filled in).
 */
import type { FeedbackRecord, PredictionRecord } from '@tideline/contracts';

/** A binary prediction as the store receives it from ingest; `extra` overrides any field. */
export const predictionRecord = (project: string, model: string, id: string, timestamp: number, score = 0.5, extra: Partial<PredictionRecord> = {}): PredictionRecord => ({
  kind: 'prediction',
  project,
  model,
  modelVersion: 'v1',
  id,
  task: 'BINARY',
  timestamp,
  receivedAt: Date.now(),
  features: {},
  tags: {},
  output: { score },
  ...extra,
});

/** Ground truth as the store receives it from ingest: a binary label unless `task` says otherwise. */
export const feedbackRecord = (project: string, model: string, predictionId: string, label: FeedbackRecord['label'], task: FeedbackRecord['task'] = 'BINARY'): FeedbackRecord => ({
  kind: 'feedback',
  project,
  model,
  predictionId,
  task,
  timestamp: Date.now(),
  receivedAt: Date.now(),
  label,
});

/** A prediction as a client sends it (an NDJSON line, a GraphQL input): of the binary model `churn` unless `extra` says otherwise. */
export const clientPrediction = (id: string, score = 0.5, extra: Record<string, unknown> = {}) => ({
  id,
  model: 'churn',
  features: { x: 1 },
  tags: { country: 'BR' },
  output: { score },
  ...extra,
});

/**
 * Predictions number `from` to `from + count - 1` of a steady synthetic
 * stream of `model` (ids `r-<n>`, one a millisecond from 2026-01-01), for the
 * tests that count what was stored.
 */
export const numberedPredictions = (model: string, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return { id: `r-${n}`, model, timestamp: Date.UTC(2026, 0, 1) + n, features: { x: n % 97 }, tags: { shard: String(n % 7) }, output: { score: (n % 100) / 100 } };
  });

/** Newline-delimited JSON, as the bulk API takes it; a string is sent as it is (a malformed line, say). */
export const ndjson = (records: readonly unknown[]) => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
