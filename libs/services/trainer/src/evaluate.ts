import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Task } from '@tideline/contracts';
import { postSignedFile, SubgraphRequestError, type Subgraphs } from '@tideline/graphql';
import { DEFAULT_PRIMARY_METRIC, higherIsBetter } from '@tideline/store';
import type { FeatureValues, LoadedModel, Prediction, TrainingRow } from './ml/index.ts';
import type { TestMetric } from './runs.ts';
import { routeUrl } from './service-routes.ts';


export interface EvaluationValue {
  slice: string | null;
  metric: string;
  value: number | null;
  sampleCount: number;
}

interface OfflineAnswer {
  variants: { variant: string; values: EvaluationValue[] }[];
}

export interface TestEvaluation {
  /** The model's values, as the registry records them. */
  values: EvaluationValue[];
  test: TestMetric[];
  beatsBaseline: boolean;
  primaryMetric: string;
  testRows: number;
}

const labelOf = (task: Task, label: TrainingRow['label']) => (task === 'BINARY' ? { positive: label === true } : task === 'MULTICLASS' ? { class: String(label) } : { value: Number(label) });

/** `tags.country` or `tags.country=BR` → the field. */
const fieldOf = (spec: string) => spec.split('=')[0]!;

function sliceValue(field: string, row: TrainingRow, output: Prediction): string | null {
  const [kind, ...rest] = field.split('.');
  const name = rest.join('.');
  if (kind === 'tags') return row.tags?.[name] ?? null;
  if (kind === 'features') {
    const value = (row.features as FeatureValues)[name];
    return value === null || value === undefined ? null : String(value);
  }
  if (field === 'output.predictedClass' && 'predictedClass' in output) return output.predictedClass;
  return null;
}

/** A protected slice spec keeps every value of its field (`tags.country`) or just its own (`tags.country=BR`). */
const isProtected = (slice: string, specs: readonly string[]) => specs.some((spec) => (spec.includes('=') ? slice === spec : slice.startsWith(`${spec}=`)));

/**
 * Scores the test split with the new model and with the naive baseline and
 * has the metrics service compute both, overall and per protected slice,
 * with the very definitions it uses for production traffic (its
 * `/v1/evaluations/offline` route): the rows go as NDJSON through a file, so
 * memory stays bounded whatever the split's size.
 */
export async function evaluateOnTest(options: {
  subgraphs: Subgraphs;
  project: string;
  task: Task;
  model: LoadedModel;
  baseline: Prediction;
  rows: AsyncIterable<TrainingRow[]>;
  protectedSlices: readonly string[];
  primaryMetric: string | null;
  workDir: string;
  signal?: AbortSignal;
}): Promise<TestEvaluation> {
  const { task, model, baseline, protectedSlices } = options;
  const fields = [...new Set(protectedSlices.map(fieldOf))];
  const path = join(options.workDir, 'test-predictions.ndjson');
  const out = createWriteStream(path);
  let testRows = 0;
  for await (const batch of options.rows) {
    options.signal?.throwIfAborted();
    const outputs = model.predict(batch.map((r) => r.features));
    let text = '';
    batch.forEach((row, i) => {
      const label = labelOf(task, row.label);
      for (const [variant, output] of [['model', outputs[i]!], ['baseline', baseline]] as const) {
        const slices = Object.fromEntries(fields.map((f) => [f, sliceValue(f, row, output)]).filter(([, v]) => v !== null));
        text += `${JSON.stringify({ variant, output, label, slices })}\n`;
      }
    });
    testRows += batch.length;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');

  const url = `${routeUrl(options.subgraphs, 'metrics', '/v1/evaluations/offline')}?task=${task}`;
  const res = await postSignedFile(options.subgraphs.secret, { project: options.project }, url, path, 'application/x-ndjson');
  const answer = (await res.json()) as OfflineAnswer & { error?: { code: string; message: string } };
  if (!res.ok) throw new SubgraphRequestError(`metrics: evaluating the test split: ${answer.error?.message ?? res.status}`, answer.error?.code ?? 'INTERNAL_SERVER_ERROR');

  const keep = (v: EvaluationValue) => v.slice === null || isProtected(v.slice, protectedSlices);
  const values = (answer.variants.find((v) => v.variant === 'model')?.values ?? []).filter(keep);
  const baselineValues = answer.variants.find((v) => v.variant === 'baseline')?.values ?? [];
  const baselineOf = (v: EvaluationValue) => baselineValues.find((b) => b.slice === v.slice && b.metric === v.metric)?.value ?? null;
  const test = values.map((v) => ({ ...v, baseline: baselineOf(v) }));

  const primaryMetric = options.primaryMetric ?? DEFAULT_PRIMARY_METRIC[task];
  const primary = test.find((t) => t.slice === null && t.metric === primaryMetric);
  const beatsBaseline =
    !!primary && primary.value !== null && (primary.baseline === null || (higherIsBetter(primaryMetric) ? primary.value > primary.baseline : primary.value < primary.baseline));
  return { values, test, beatsBaseline, primaryMetric, testRows };
}
