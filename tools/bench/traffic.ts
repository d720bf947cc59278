/** Synthetic prediction traffic for benchmarks: 10 numeric features and 3 tags per record. */
export interface RawPrediction {
  id: string;
  model: string;
  timestamp: number;
  features: Record<string, number>;
  tags: Record<string, string>;
  output: { score: number };
}

const COUNTRIES = ['BR', 'US', 'DE', 'IN', 'FR', 'JP', 'MX', 'NG'];
const DEVICES = ['ios', 'android', 'web'];
const PLANS = ['free', 'pro', 'team'];

/** Deterministic (seeded) so that runs compare like with like. */
export function generatePredictions(model: string, count: number, start = Date.UTC(2026, 0, 1), seed = 42): RawPrediction[] {
  let state = seed >>> 0;
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  return Array.from({ length: count }, (_, i) => {
    const features: Record<string, number> = {};
    for (let f = 0; f < 10; f++) features[`x${f}`] = Math.round(random() * 1e6) / 1e3;
    return {
      id: `${model}-${i}`,
      model,
      timestamp: start + i * 10,
      features,
      tags: { country: COUNTRIES[i % COUNTRIES.length]!, device: DEVICES[i % DEVICES.length]!, plan: PLANS[i % PLANS.length]! },
      output: { score: random() },
    };
  });
}

export const toNdjson = (records: readonly unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** A count or rate rounded and grouped for a bench's table (12,345). */
export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
