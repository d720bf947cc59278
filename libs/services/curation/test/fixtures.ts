/** Synthetic traffic for the curation tests: deterministic, so every figure they check is fixed. */

import { seededRandom } from '@tideline/runtime';

/** The shared seeded PRNG (mulberry32, @tideline/runtime). */
export const prng = seededRandom;

export const T0 = Date.UTC(2026, 2, 1);
export const DAY = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString();

export interface BinaryRow {
  id: string;
  ts: number;
  score: number;
  label: boolean;
  country: string;
  x1: number;
  x2: number;
}

const COUNTRIES = ['BR', 'US', 'DE'];

/**
 * A calibrated binary classifier: each row's label is positive with
 * probability equal to its score, so a row's chance of being misclassified
 * is min(score, 1 − score): uncertain rows are where the errors are.
 * Countries are unbalanced (BR 60 %, US 30 %, DE 10 %).
 */
export function binaryTraffic(n: number, seed: number, prefix = 'b'): BinaryRow[] {
  const random = prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const score = random();
    const u = random();
    const c = random();
    return {
      id: `${prefix}${i}`,
      ts: T0 + i * 1000,
      score,
      label: u < score,
      country: COUNTRIES[c < 0.6 ? 0 : c < 0.9 ? 1 : 2]!,
      x1: random() * 10 - 5,
      x2: random() * 10 - 5,
    };
  });
}

export const binaryPrediction = (model: string, r: BinaryRow) => ({
  id: r.id,
  model,
  timestamp: iso(r.ts),
  features: { x1: r.x1, x2: r.x2 },
  tags: { country: r.country },
  output: { score: r.score },
});

export const binaryFeedback = (model: string, r: BinaryRow) => ({ predictionId: r.id, model, label: { positive: r.label } });

/** A row of the "known hard region" stream. */
export interface RegionRow {
  id: string;
  ts: number;
  x1: number;
  x2: number;
  score: number;
  hard: boolean;
}

/**
 * A classifier that is unsure in one region of feature space (0 ≤ x1 < 2,
 * a fifth of the rows: scores 0.35–0.65) and sure elsewhere (scores within
 * 0.2 of 0 or 1), except for 5 % of the other rows, scattered over the whole
 * space, where it is unsure too: noise that a strategy chasing outliers
 * rather than the region would pick.
 */
export function hardRegionTraffic(n: number, seed: number, prefix = 'h'): RegionRow[] {
  const random = prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const x1 = random() * 10 - 5;
    const x2 = random() * 10 - 5;
    const u = random();
    const v = random();
    const hard = x1 >= 0 && x1 < 2;
    const score = hard ? 0.35 + 0.3 * u : v < 0.05 ? 0.3 + 0.4 * u : u < 0.5 ? 0.02 + 0.18 * random() : 0.8 + 0.18 * random();
    return { id: `${prefix}${i}`, ts: T0 + i * 1000, x1, x2, score, hard };
  });
}
