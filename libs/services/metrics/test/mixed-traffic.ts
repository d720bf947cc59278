/**
 * Traffic of every task for tests that compare two ways to the same figures
 * (slice-whole.test.ts, window-metrics.test.ts): three hours from T0, three
 * countries and rows without one, a fifth unlabeled, labels sent inline.
 */
import type { PredictionRecord } from '@tideline/contracts';
import { predictionRecord } from '@tideline/testing';
import { startHarness, type Harness } from './harness.ts';

export const T0 = Date.UTC(2026, 2, 1);
export const HOUR = 3_600_000;
export const MODELS = { bin: 'BINARY', reg: 'REGRESSION', mc: 'MULTICLASS' } as const;

/** A deterministic pseudo-random number in [0, 1) of (i, salt). */
const noise = (i: number, salt: number) => {
  const x = Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
};

/** Row i of the model's traffic (row i falls in hour i % 3), of project `project` and version `modelVersion`. */
export function mixedRecord(project: string, model: string, task: PredictionRecord['task'], i: number, modelVersion = 'v1'): PredictionRecord {
  const country = ['US', 'BR', 'FR', undefined][i % 4];
  const labeled = i % 5 !== 0;
  const base = predictionRecord(project, model, `${model}-${modelVersion}-${i}`, T0 + (i % 3) * HOUR + i * 1000, 0, { tags: country ? { country } : {}, modelVersion });
  const classes = ['a', 'b', 'c'];
  if (task === 'BINARY') {
    const score = noise(i, 1);
    return { ...base, output: { score }, ...(labeled ? { label: { positive: noise(i, 2) < score * (country === 'BR' ? 0.6 : 1) } } : {}) };
  }
  if (task === 'REGRESSION') {
    const value = noise(i, 3) * 10 - 2;
    return { ...base, task, output: { value }, ...(labeled ? { label: { value: i % 40 === 0 ? 0 : value + noise(i, 4) - 0.5 } } : {}) };
  }
  const p = [noise(i, 5), noise(i, 6), noise(i, 7)];
  const probabilities = Object.fromEntries(classes.flatMap((c, k) => (i % 9 === k ? [] : [[c, p[k]! / (p[0]! + p[1]! + p[2]!)]])));
  return { ...base, task, output: { predictedClass: classes[i % 3]!, probabilities }, ...(labeled ? { label: { class: classes[Math.floor(noise(i, 8) * 3)]! } } : {}) };
}

export const window = (from: number, to: number) => `{ from: "${new Date(from).toISOString()}", to: "${new Date(to).toISOString()}" }`;

/** Equal answers, numbers to 1e-9 relative; collects every difference with its path. */
export function differences(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) ? [] : [`${path}: ${a} ≠ ${b}`];
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return a === b ? [] : [`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`];
}

/** A metrics harness holding `rows` rows of each model of MODELS under `project`. */
export async function mixedTrafficHarness(project: string, rows: number): Promise<Harness> {
  const h = await startHarness();
  for (const [model, task] of Object.entries(MODELS)) {
    await h.publish(...Array.from({ length: rows }, (_, i) => mixedRecord(project, model, task, i)));
    await h.stored(project, model, rows);
  }
  return h;
}
