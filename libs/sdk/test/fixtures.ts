import type { FeedbackRecord, PredictionRecord } from '../src/index.ts';

/** Binary predictions of `model`, one a minute from 2026-01-01, half of them in BR; `label` inline when asked. */
export function predictions(model: string, count: number, options: { from?: number; labeled?: boolean; pad?: number } = {}): PredictionRecord[] {
  const from = options.from ?? 0;
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const score = ((n * 37) % 100) / 100;
    return {
      id: `${model}-${n}`,
      model,
      timestamp: new Date(Date.UTC(2026, 0, 1) + n * 60_000),
      features: { x1: (n % 13) - 6, plan: n % 3 ? 'pro' : 'free', ...(options.pad ? { note: 'x'.repeat(options.pad) } : {}) },
      tags: { country: n % 2 ? 'BR' : 'US' },
      output: { score },
      ...(options.labeled ? { label: { positive: (n * 71) % 100 < 50 } } : {}),
    };
  });
}

export const feedbackFor = (records: readonly PredictionRecord[]): FeedbackRecord[] =>
  records.map((r, i) => ({ predictionId: r.id, model: r.model, label: { positive: i % 3 !== 0 } }));

/** The model's counts as the store holds them, through the SDK's raw GraphQL. */
export const countsQuery = 'query Counts($name: String!) { model(name: $name) { predictionCount labeledCount } }';
export type Counts = { model: { predictionCount: number; labeledCount: number } | null };
