/**
 * Learning curves of the curation strategies at equal label budgets, through
 * the public API only. Each point (strategy, budget, seed) is a fresh model
 * with the same kind of traffic: two labeled pre-drift weeks and an unlabeled
 * drifted week (DE's concept changed). requestLabels(strategy, budget) ranks
 * the drifted week by v1's scores; the labeler answers the queue;
 * curateDataset takes the drifted week's labeled rows (what the loop's policy
 * trains on: older labels would teach DE's old concept); startTraining; the
 * new version scores a held-out drifted test set through
 * POST /v1/models/<m>/versions/<v>/predict.
 */
import { range, registerModel, until, type Any, type Api } from './api.ts';
import { answerQueueOnce, labeledCountReaches } from './labeler.ts';
import { DRIFTED, feedback, prediction, rows, timeline, type DriftStream, type Row } from './stream.ts';

export interface CurveOptions {
  api: Api;
  url: string;
  key: string;
  stream: DriftStream;
  strategies: string[];
  /** Ascending; the last is the full budget. */
  budgets: number[];
  seeds: number[];
  /** Rows of the drifted week (the pool labels are picked from); pre-drift weeks get as many each. */
  weekly: number;
  testRows: number;
  /** Points worked on at once (the trainer trains TRAINER_CONCURRENCY of them at a time). */
  concurrency: number;
  say?: (line: string) => void;
}

export interface CurvePoint {
  strategy: string;
  budget: number;
  seed: number;
  /** Accuracy on the held-out drifted test set: every country, and DE alone. */
  accuracy: number;
  drifted: number;
}

export interface Curves {
  points: CurvePoint[];
  /** v1 (not retrained) on the same test sets, median over seeds. */
  v1: { accuracy: number; drifted: number };
}

const accuracyOf = (rs: Row[], scores: number[]) => rs.filter((r, i) => scores[i]! >= 0.5 === r.label).length / rs.length;

/** Accuracy overall and on the drifted slice of `scores` for the test rows. */
function judge(test: Row[], scores: number[]) {
  const drifted = test.map((r, i) => [r, scores[i]!] as const).filter(([r]) => r.country === DRIFTED);
  return { accuracy: accuracyOf(test, scores), drifted: accuracyOf(drifted.map(([r]) => r), drifted.map(([, s]) => s)) };
}

async function predict(o: CurveOptions, model: string, version: string, test: Row[]): Promise<number[]> {
  const body = test.map((r) => JSON.stringify({ id: r.id, features: { ...r.features, country: r.country } })).join('\n');
  const res = await fetch(`${o.url}/v1/models/${encodeURIComponent(model)}/versions/${version}/predict`, { method: 'POST', headers: { authorization: `Bearer ${o.key}` }, body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`predict ${model}/${version}: ${res.status} ${text.slice(0, 300)}`);
  return text.trim().split('\n').map((line) => (JSON.parse(line) as Any).output.score as number);
}

/** The same traffic for every strategy and budget of one seed. */
function traffic(o: CurveOptions, seed: number) {
  const t = timeline(Math.floor(Date.now() / 60_000) * 60_000);
  return {
    t,
    before: rows(o.stream, 2 * o.weekly, t.before, false, 100 + seed, 'b'),
    during: rows(o.stream, o.weekly, t.during, true, 200 + seed, 'd'),
    test: rows(o.stream, o.testRows, t.during, true, 300 + seed, 't'),
  };
}

async function point(o: CurveOptions, strategy: string, budget: number, seed: number, run: string): Promise<CurvePoint> {
  const { api } = o;
  const { t, before, during, test } = traffic(o, seed);
  const model = `curve-${o.stream.name}-${strategy.toLowerCase()}-${budget}-s${seed}-${run}`;
  await api.post('/v1/predictions', [...before, ...during].map((r) => prediction(model, o.stream, r)));
  await registerModel(api, model);
  await api.post('/v1/feedback', before.map((r) => feedback(model, r)));
  await labeledCountReaches(api, model, before.length);
  await until(async () => (await api.gql(`query($m: String!) { model(name: $m) { predictionCount } }`, { m: model })).model?.predictionCount === before.length + during.length, 120_000);

  const { requestLabels } = await api.gql(`mutation($input: RequestLabelsInput!) { requestLabels(input: $input) { activeCount controlCount } }`, {
    input: { model, window: range(t.during), modelVersion: 'v1', strategy, budget, seed },
  });
  const picked = requestLabels.activeCount + requestLabels.controlCount;
  const truth = new Map(during.map((r) => [r.id, r]));
  const answered = new Set<string>();
  await until(async () => (await answerQueueOnce(api, model, truth, answered)) >= 0 && answered.size === picked, 60_000, 100);
  await labeledCountReaches(api, model, before.length + picked);

  const datasetId = `ds-${model}`;
  await api.gql(`mutation($input: CurateDatasetInput!) { curateDataset(input: $input) { id } }`, { input: { id: datasetId, model, windows: [range(t.during)], seed } });
  const { startTraining } = await api.gql(`mutation($input: StartTrainingInput!) { startTraining(input: $input) { id } }`, {
    input: { model, datasetId, ...o.stream.training, seed, version: 'v2' },
  });
  const trained = await until(async () => {
    const { trainingRun } = await api.gql(`query($id: ID!) { trainingRun(id: $id) { status error } }`, { id: startTraining.id });
    return ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(trainingRun.status) && trainingRun;
  }, 600_000);
  if (trained.status !== 'SUCCEEDED') throw new Error(`training ${model} ${trained.status}: ${trained.error}`);
  const result = { strategy, budget, seed, ...judge(test, await predict(o, model, 'v2', test)) };
  o.say?.(`   ${o.stream.name} ${strategy.padEnd(7)} budget ${String(budget).padStart(4)} seed ${seed}: ${pct(result.accuracy)} (DE ${pct(result.drifted)})`);
  return result;
}

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

/** Every (strategy, budget, seed) point, `concurrency` at a time. */
export async function learningCurves(o: CurveOptions): Promise<Curves> {
  const run = `${Date.now().toString(36)}`;
  const jobs = o.seeds.flatMap((seed) => o.budgets.flatMap((budget) => o.strategies.map((strategy) => ({ strategy, budget, seed }))));
  const points: CurvePoint[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      points.push(await point(o, job.strategy, job.budget, job.seed, run));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, worker));
  const v1 = o.seeds.map((seed) => {
    const { test } = traffic(o, seed);
    return judge(test, test.map((r) => o.stream.v1Score(r.features)));
  });
  return { points, v1: { accuracy: median(v1.map((v) => v.accuracy)), drifted: median(v1.map((v) => v.drifted)) } };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
