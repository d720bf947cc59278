import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ndjson } from './records.ts';

/**
 * The metric oracle (`libs/testing/oracle/binary-and-regression.json`, or
 * TIDELINE_ORACLE): synthetic traffic with the values scikit-learn and SciPy
 * compute for it. See its README for the definitions; `tools/oracle/oracle.py`
 * recomputes the values or generates new traffic.
 */
export interface Oracle {
  t0: number;
  dayMs: number;
  predictions: { id: string; ts: number; country: string; device: string; x1: number; x2: number; score: number; regPrediction: number }[];
  feedback: { predictionId: string; ts: number; label: 0 | 1; regLabel: number }[];
  expected: {
    classification: Record<string, Record<string, number>>;
    regression: Record<string, Record<string, number>>;
    drift: Record<string, Record<string, Record<string, number>>>;
  };
}

export const oraclePath = () => process.env.TIDELINE_ORACLE ?? fileURLToPath(new URL('../oracle/binary-and-regression.json', import.meta.url));

export function loadOracle(): Oracle {
  const path = oraclePath();
  if (!existsSync(path)) throw new Error(`the metric oracle is not at ${path}: set TIDELINE_ORACLE to the file`);
  return JSON.parse(readFileSync(path, 'utf8')) as Oracle;
}

/**
 * The oracle's traffic as Tideline records, per its README: every row is a
 * prediction of the classifier `churn` and of the regressor `ltv` (same id,
 * timestamp, features x1, x2 and tags country, device); feedback labels both.
 */
export function oracleRecords(oracle: Oracle) {
  const predictions = oracle.predictions.flatMap((p) => {
    const common = { id: p.id, timestamp: p.ts, features: { x1: p.x1, x2: p.x2 }, tags: { country: p.country, device: p.device } };
    return [
      { ...common, model: 'churn', output: { score: p.score } },
      { ...common, model: 'ltv', output: { value: p.regPrediction } },
    ];
  });
  const feedback = oracle.feedback.flatMap((f) => [
    { predictionId: f.predictionId, model: 'churn', timestamp: f.ts, label: { positive: f.label === 1 } },
    { predictionId: f.predictionId, model: 'ltv', timestamp: f.ts, label: { value: f.regLabel } },
  ]);
  return { predictions, feedback };
}

/** Sends NDJSON records to the platform's bulk API in batches; throws unless every record is accepted. */
export async function postAll(url: string, key: string, path: '/v1/predictions' | '/v1/feedback', records: readonly unknown[], batch = 5000): Promise<void> {
  for (let i = 0; i < records.length; i += batch) {
    const part = records.slice(i, i + batch);
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: ndjson(part) });
    const body = (await res.json()) as { accepted: number; errors: unknown[] };
    if (res.status !== 200 || body.accepted !== part.length) throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  }
}
