/** Synthetic traffic and a subscriber for the trainer's tests: deterministic, so every figure they check is fixed. */
import { seededRandom } from '@tideline/runtime';

export const T0 = Date.UTC(2026, 4, 1);
export const iso = (ms: number) => new Date(ms).toISOString();
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const COUNTRIES = ['BR', 'US', 'DE'] as const;
const PLANS = ['free', 'pro', 'team'] as const;

export interface ChurnRow {
  id: string;
  ts: number;
  x1: number;
  x2: number;
  plan: string;
  country: string;
  /** The serving model's score: it only looks at x1, so there is room to do better. */
  score: number;
  label: boolean;
}

/** Churn that depends on two numeric features, a categorical one and the country; one row a minute from T0. */
export function churnTraffic(n: number, seed: number, prefix = 'c'): ChurnRow[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const x1 = random() * 4 - 2;
    const x2 = random() * 4 - 2;
    const plan = PLANS[Math.floor(random() * 3)]!;
    const country = COUNTRIES[Math.floor(random() * 3)]!;
    const logit = 2 * x1 - 1.5 * x2 + (plan === 'pro' ? 1.5 : 0) + (country === 'DE' ? -1 : 0);
    return { id: `${prefix}${i}`, ts: T0 + i * 60_000, x1, x2, plan, country, score: sigmoid(0.8 * x1), label: random() < sigmoid(logit) };
  });
}

export const churnPrediction = (model: string, version: string, r: ChurnRow) => ({
  id: r.id,
  model,
  modelVersion: version,
  timestamp: iso(r.ts),
  features: { x1: r.x1, x2: r.x2, plan: r.plan },
  tags: { country: r.country },
  output: { score: r.score },
});

export const churnFeedback = (model: string, r: ChurnRow) => ({ predictionId: r.id, model, label: { positive: r.label } });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the spec as JSON, read the way a user would without Tideline's code
type SpecJson = { width: number; inputs: any[] };

/** preprocessing.json applied as its documentation (ML.md) says, written from the spec alone: what a user does without Tideline's code. */
export function encodeBySpec(spec: SpecJson, features: Record<string, unknown>): number[] {
  const x = new Array<number>(spec.width).fill(0);
  for (const input of spec.inputs) {
    const v = features[input.name];
    if (input.kind === 'numeric') {
      if (typeof v === 'number' && Number.isFinite(v)) x[input.column] = (v - input.mean) / input.std;
      else x[input.column + 1] = 1;
    } else if (input.kind === 'boolean') {
      if (typeof v === 'boolean') x[input.column] = v ? 1 : 0;
      else x[input.column + 1] = 1;
    } else {
      const at = typeof v === 'string' ? input.categories.indexOf(v) : -1;
      x[input.column + (at >= 0 ? at : input.categories.length)] = 1;
    }
  }
  return x;
}
