/**
 * Synthetic churn traffic where one slice breaks — BR's label rule flipped
 * (churn when x1 < 0, elsewhere when x1 > 0) — served by a champion v1 that
 * still follows the old rule; and helpers to drive loop runs through the
 * gateway.
 */
import { expect } from 'vitest';
import { seededRandom } from '@tideline/runtime';
import { eventually, freePort, postAll, startDevPlatform, type DevPlatform, type GraphqlRequest } from '@tideline/testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
export type Any = any;
/** Two days ago, on the minute: monitors anchored on the wall clock see the traffic. */
export const T0 = Math.floor((Date.now() - 2 * 86_400_000) / 60_000) * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const COUNTRIES = ['BR', 'US', 'DE'] as const;

export interface Row {
  id: string;
  ts: number;
  x1: number;
  x2: number;
  country: string;
  label: boolean;
}

/** One row a minute from T0; BR's rule is flipped, and v1 scores every country by the old rule. */
export function brokenSliceTraffic(n: number, seed: number, prefix: string): Row[] {
  const random = seededRandom(seed);
  const uniform = () => 4 * random() - 2;
  return Array.from({ length: n }, (_, i) => {
    const [x1, x2, country, noise] = [uniform(), uniform(), COUNTRIES[i % 3]!, random() < 0.05];
    const rule = country === 'BR' ? x1 < 0 : x1 > 0;
    return { id: `${prefix}${i}`, ts: T0 + i * 60_000, x1, x2, country, label: rule !== noise };
  });
}

/**
 * `npm start` on free ports, with the loop's timers short for tests, and
 * `model` served by v1 (see servedByV1) on `rows`. The test file stops it in
 * its own top-level `afterAll`: a hook registered inside `beforeAll` never
 * runs (the platforms of every loop test outlived their runs that way).
 */
export async function platformServedByV1(model: string, rows: Row[], env: Record<string, string> = {}): Promise<DevPlatform & { natsUrl: string }> {
  const natsPort = await freePort();
  const platform = await startDevPlatform({ TIDELINE_NATS_PORT: String(natsPort), LOOP_WATCH_CHECK_MS: '300', LOOP_POLL_MS: '300', ...env });
  await servedByV1(platform, model, rows);
  return { ...platform, natsUrl: `nats://127.0.0.1:${natsPort}` };
}

const v1Score = (r: Row) => 1 / (1 + Math.exp(-3 * r.x1));

type Api = { url: string; key: string; gql: GraphqlRequest };
const postPredictions = (o: Api, model: string, rows: Row[], version = 'v1') =>
  postAll(o.url, o.key, '/v1/predictions', rows.map((r) => ({ id: r.id, model, modelVersion: version, timestamp: iso(r.ts), features: { x1: r.x1, x2: r.x2, country: r.country }, tags: { country: r.country }, output: { score: v1Score(r) } })));
const postLabels = (o: Api, model: string, rows: Row[]) => postAll(o.url, o.key, '/v1/feedback', rows.map((r) => ({ predictionId: r.id, model, label: { positive: r.label } })));

/** Ingests the traffic (v1's predictions, every label), registers the model with country protected, and makes v1 its champion. */
export async function servedByV1(o: Api, model: string, rows: Row[], gate = '{ minImprovement: 0, maxSliceRegression: 0.05, minSamples: 50 }') {
  await postPredictions(o, model, rows);
  await postLabels(o, model, rows);
  await eventually(async () => (await o.gql<Any>(`{ model(name: "${model}") { labeledCount } }`)).data?.model?.labeledCount === rows.length, 90_000);
  await ok(o.gql(`mutation { registerModel(input: { name: "${model}", primaryMetric: ACCURACY, protectedSlices: ["tags.country"], gate: ${gate} }) { name } }`));
  await ok(o.gql(`mutation { registerModelVersion(input: { model: "${model}", version: "v1", artifact: { files: [{ path: "w.bin", contentBase64: "AAAA" }], format: OTHER } }) { version } }`));
  await ok(o.gql(`mutation { promote(model: "${model}", version: "v1", stage: CHAMPION, reason: "first champion") { version } }`));
}

export async function ok<T>(answer: Promise<{ data?: T | null; errors?: unknown[] }>): Promise<T> {
  const a = await answer;
  expect(a.errors).toBeUndefined();
  return a.data as T;
}

export const POLICY = `mutation($input: RetrainingPolicyInput!) { setRetrainingPolicy(input: $input) { model promotion watchPeriod coolDown maxRunsPerDay
  training { family params warmStart seed } validation { shadowWindow evidence } dataset { windows strategy } triggers { alerts { monitors severities } newLabels schedule } } }`;

/** A policy that trains a small MLP on the last 14 days and gates on the shadow-scored last 7 days. */
export const policyInput = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  training: { family: 'MLP', params: { epochs: 30, hidden: [16], batchSize: 64, learningRate: 0.01, patience: 5 }, seed: 3 },
  dataset: { windows: ['14d'] },
  validation: { shadowWindow: '7d', evidence: 'PRODUCTION' },
  ...extra,
});

export const RUN_FIELDS = `id model candidate status trigger { kind detail } decision { action reasons { code message evidence } }
  steps { name status startedAt finishedAt output error } createdAt finishedAt`;

export const startLoop = async (gql: GraphqlRequest, model: string) => (await ok(gql<Any>(`mutation { startLoop(model: "${model}", reason: "test") { ${RUN_FIELDS} } }`))).startLoop;
export const loopRun = async (gql: GraphqlRequest, id: string) => (await ok(gql<Any>(`query($id: ID!) { loopRun(id: $id) { ${RUN_FIELDS} } }`, { id }))).loopRun;
export const untilStatus = (gql: GraphqlRequest, id: string, statuses: string[], timeoutMs = 120_000) =>
  eventually(async () => {
    const run = await loopRun(gql, id);
    return statuses.includes(run.status) && run;
  }, timeoutMs, 250);
export const registry = async (gql: GraphqlRequest, model: string) =>
  (await ok(gql<Any>(`{ model(name: "${model}") { champion { version } versions { version stage } stageHistory { version to rollback reason gate { passed } } } }`))).model;
export const stepOf = (run: Any, name: string) => run.steps.find((s: Any) => s.name === name);

/**
 * Predictions of `rows` with no label yet, served by `version` (a label step
 * asks labels for the champion's predictions); resolves once the store holds them.
 */
export async function unlabeledTraffic(o: Api, model: string, rows: Row[], version = 'v1') {
  const before = (await ok(o.gql<Any>(`{ model(name: "${model}") { predictionCount } }`))).model.predictionCount;
  await postPredictions(o, model, rows, version);
  await eventually(async () => (await o.gql<Any>(`{ model(name: "${model}") { predictionCount } }`)).data?.model?.predictionCount === before + rows.length, 90_000);
}

/**
 * The labeler: answers (from `truth`) at most `limit` rows of the labeling
 * queue picked by `requestId`, through POST /v1/feedback, as a labeling tool
 * would; answers the rows it labeled.
 */
export async function answerQueue(o: Api, model: string, requestId: string, truth: Row[], limit = Infinity): Promise<Row[]> {
  const { labelingQueue } = await ok(o.gql<Any>(`{ labelingQueue(model: "${model}", first: 1000) { nodes { predictionId requestId } } }`));
  const byId = new Map(truth.map((r) => [r.id, r]));
  const rows = labelingQueue.nodes.filter((n: Any) => n.requestId === requestId).map((n: Any) => byId.get(n.predictionId)!).slice(0, limit);
  await postLabels(o, model, rows);
  return rows;
}

export const labelRequest = async (gql: GraphqlRequest, id: string) => (await ok(gql<Any>('query($id: ID!) { labelRequest(id: $id) { id activeCount controlCount labeledCount createdAt } }', { id }))).labelRequest;
