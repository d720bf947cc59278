/**
 * The demo speaks to Tideline only through its public API: HTTP /v1 for
 * traffic and labels, GraphQL through the gateway for everything else.
 */
import { dataOf, eventually, keyGraphql, postAll } from '@tideline/testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field, as a client script reads JSON
export type Any = any;

export interface Api {
  gql: <T = Any>(query: string, variables?: Record<string, unknown>) => Promise<T>;
  post: (path: '/v1/predictions' | '/v1/feedback', records: readonly unknown[]) => Promise<void>;
}

export function publicApi(url: string, key: string): Api {
  const request = keyGraphql(`${url}/graphql`, key);
  return {
    gql: async (query, variables = {}) => dataOf(await request(query, variables)),
    post: (path, records) => postAll(url, key, path, records),
  };
}

/** Polls `check` until it answers something truthy (the platform works asynchronously: ingest → store → metrics). */
export const until = <T>(check: () => Promise<T | undefined | null | false>, timeoutMs: number, intervalMs = 500) => eventually(check, timeoutMs, intervalMs);

export const iso = (ms: number) => new Date(ms).toISOString();
export const range = (r: { from: number; to: number }) => ({ from: iso(r.from), to: iso(r.to) });

/** Accuracy per country of one version's predictions in a window. */
export async function accuracyByCountry(api: Api, model: string, version: string, window: { from: number; to: number }): Promise<Record<string, { accuracy: number | null; labeled: number }>> {
  const { sliceMetrics } = await api.gql(
    `query($model: String!, $window: TimeRangeInput!, $version: String) { sliceMetrics(model: $model, metrics: [ACCURACY], window: $window, groupBy: ["tags.country"], modelVersion: $version) {
      key { value } labeledCount values { value } } }`,
    { model, window: range(window), version },
  );
  return Object.fromEntries(sliceMetrics.map((s: Any) => [s.key[0].value, { accuracy: s.values[0].value, labeled: s.labeledCount }]));
}

/** The model in the registry: accuracy its primary metric, country its protected slice (ε 0.05, 30 samples a slice). */
export const registerModel = (api: Api, model: string) =>
  api.gql(`mutation($m: String!) { registerModel(input: { name: $m, primaryMetric: ACCURACY, protectedSlices: ["tags.country"], gate: { minImprovement: 0, maxSliceRegression: 0.05, minSamples: 30 } }) { name } }`, { m: model });
