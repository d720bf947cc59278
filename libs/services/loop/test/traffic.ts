/** Synthetic traffic for the loop's tests: deterministic, timestamps in the last five days so every decision window holds them. */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const iso = (ms: number) => new Date(ms).toISOString();

export interface Row {
  id: string;
  ts: number;
  country: 'BR' | 'US';
  label: boolean;
}

/** `n` rows, alternating BR and US, half of them positive, spread over the five days before `now`. */
export const rows = (n: number, now: number, prefix = 'p'): Row[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, ts: now - 5 * DAY + Math.floor((i * 5 * DAY) / n), country: i % 2 ? 'US' : 'BR', label: Math.floor(i / 2) % 2 === 0 }));

/** A binary prediction of `version` that is right with a score of 0.8, wrong with 0.2 (for the positive class). */
export const prediction = (model: string, version: string, r: Row, right: boolean) => ({
  id: r.id,
  model,
  modelVersion: version,
  timestamp: iso(r.ts),
  features: { x: r.label ? 1 : 0 },
  tags: { country: r.country },
  output: { score: r.label === right ? 0.8 : 0.2 },
});

export const feedback = (model: string, r: Row) => ({ predictionId: r.id, model, label: { positive: r.label } });

/** v1 is right on 90 % of US rows and 40 % of BR rows; v2 is right on 90 % of both (`i` is the row's index; rows alternate countries). */
export const v1Right = (r: Row, i: number) => (r.country === 'US' ? Math.floor(i / 2) % 10 !== 0 : Math.floor(i / 2) % 10 < 4);
export const v2Right = (_r: Row, i: number) => Math.floor(i / 2) % 10 !== 1;
