/**
 * What the offline-evaluation tests share: the vendored scikit-learn fixture
 * (libs/testing/oracle/offline-evaluation.json, tools/oracle/offline_oracle.py)
 * and POST /v1/evaluations/offline signed as the gateway signs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ndjson, signedFetch, type SignedFor } from '@tideline/testing';
import { SECRET } from './harness.ts';

export type Task = 'BINARY' | 'MULTICLASS' | 'REGRESSION';
export interface OfflineLine {
  variant?: string;
  output: Record<string, unknown>;
  label: Record<string, unknown>;
  slices?: Record<string, string>;
}
export interface OfflineFixture {
  rows: Record<Task, OfflineLine[]>;
  /** task → variant → slice ('' for the whole body) → metric → value, and sampleCount. */
  expected: Record<Task, Record<string, Record<string, Record<string, number>>>>;
}

export const loadFixture = (): OfflineFixture =>
  JSON.parse(readFileSync(fileURLToPath(new URL('../../../testing/oracle/offline-evaluation.json', import.meta.url)), 'utf8')) as OfflineFixture;

export interface EvaluationValue {
  slice: string | null;
  metric: string;
  value: number | null;
  sampleCount: number;
}
export interface OfflineAnswer {
  task?: string;
  rows?: number;
  rejectedCount?: number;
  rejected?: { line: number; field: string; reason: string }[];
  variants?: { variant: string; values: EvaluationValue[] }[];
  error?: { code: string; field?: string; message: string; rejected?: unknown[] };
}

/** POST the body (lines, or raw text) to the metrics service at `baseUrl`, signed for `who` in headers. */
export async function evaluate(baseUrl: string, query: string, body: readonly unknown[] | string, who: SignedFor = 'p_offline'): Promise<{ status: number; body: OfflineAnswer }> {
  const text = typeof body === 'string' ? body : ndjson(body);
  const res = await signedFetch(SECRET, who, `${baseUrl}/internal/metrics/v1/evaluations/offline?${query}`, { body: text });
  return { status: res.status, body: (await res.json()) as OfflineAnswer };
}

/** One variant's values by `slice|metric` ('' for the whole body). */
export function valuesOf(answer: OfflineAnswer, variant: string): Map<string, EvaluationValue> {
  const found = answer.variants?.find((v) => v.variant === variant);
  if (!found) throw new Error(`no variant ${variant} in ${JSON.stringify(answer).slice(0, 500)}`);
  return new Map(found.values.map((v) => [`${v.slice ?? ''}|${v.metric}`, v]));
}

/** Every expected value of a variant, within 1e-9 (relative to values above 1), and every sample count exactly. */
export function expectOracle(actual: Map<string, EvaluationValue>, expected: Record<string, Record<string, number>>): number {
  let compared = 0;
  for (const [slice, metrics] of Object.entries(expected)) {
    for (const [metric, value] of Object.entries(metrics)) {
      if (metric === 'sampleCount') continue;
      const got = actual.get(`${slice}|${metric}`);
      expect(got, `${slice} ${metric}`).toBeDefined();
      expect(got!.sampleCount, `${slice} sampleCount`).toBe(metrics.sampleCount);
      expect(Math.abs(got!.value! - value), `${slice} ${metric}: ${got!.value} vs ${value}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value)));
      compared++;
    }
  }
  return compared;
}
