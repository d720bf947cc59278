/**
 * The oracle's traffic ingested into a platform process through the public
 * HTTP API, for the tests that compare Tideline's answers with the oracle's.
 */
import { afterAll, beforeAll } from 'vitest';
import { dataOf, eventually, keyGraphql, loadOracle, oracleRecords, postAll, type Oracle } from '@tideline/testing';
import { startTestPlatform } from './platform-fixture.ts';

/** Everything is Float64 end to end: values agree with the oracle's to this, relative. */
export const RELATIVE_TOLERANCE = 1e-9;

/** `[]` when `got` is within RELATIVE_TOLERANCE of `want`, else the mismatch, named `what`. */
export const relativeMismatch = (what: string, got: number | null | undefined, want: number) =>
  got !== null && got !== undefined && Math.abs(got - want) <= RELATIVE_TOLERANCE * Math.abs(want) ? [] : [`${what}: ${got}, expected ${want}`];

/** `day1/country=BR,device=ios` style slices → a slice filter; `all` → none. */
export const oracleSlice = (slice: string) =>
  slice === 'all'
    ? null
    : {
        and: slice.split(',').map((pair) => {
          const [field, value] = pair.split('=') as [string, string];
          return { field: `tags.${field}`, op: 'EQ', value };
        }),
      };

/** Day i of the oracle as a TimeRangeInput. */
export const oracleDay = (oracle: Oracle, i: number) => ({
  from: new Date(oracle.t0 + i * oracle.dayMs).toISOString(),
  to: new Date(oracle.t0 + (i + 1) * oracle.dayMs).toISOString(),
});

/** A GraphQL request through the gateway with the project's key: its data; throws on any error. */
export type OracleGraphql = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/**
 * Starts nats-server and the platform before the file's tests (and stops them
 * after), creates a project, and ingests the oracle: the given models'
 * predictions, and with `feedback` the labels — a third of them before their
 * predictions, the rest after — then waits until every record is stored.
 */
export function useOraclePlatform(options: { models: ('churn' | 'ltv')[]; feedback: boolean }): OracleGraphql {
  let stop: (() => Promise<void>) | undefined;
  let gql: OracleGraphql | undefined;
  beforeAll(async () => {
    const oracle = loadOracle();
    const test = await startTestPlatform('oracle');
    stop = () => test.stop();
    const { platform } = test;
    const key = await test.newKey('oracle');
    const api = keyGraphql(`${platform.url}/graphql`, key);
    gql = async (query, variables) => dataOf(await api(query, variables));

    const records = oracleRecords(oracle);
    const predictions = records.predictions.filter((p) => options.models.includes(p.model as 'churn' | 'ltv'));
    const feedback = options.feedback ? records.feedback.filter((f) => options.models.includes(f.model as 'churn' | 'ltv')) : [];
    const early = Math.floor(feedback.length / 3);
    await postAll(platform.url, key, '/v1/feedback', feedback.slice(0, early));
    await postAll(platform.url, key, '/v1/predictions', predictions);
    await postAll(platform.url, key, '/v1/feedback', feedback.slice(early));

    const labeled = options.feedback ? new Set(oracle.feedback.map((f) => f.predictionId)).size : 0;
    for (const model of options.models) {
      await eventually(async () => {
        const data = await gql!<{ model: { predictionCount: number; labeledCount: number } | null }>(`{ model(name: "${model}") { predictionCount labeledCount } }`);
        return data.model?.predictionCount === oracle.predictions.length && data.model.labeledCount === labeled;
      }, 60_000, 200);
    }
  }, 180_000);
  afterAll(async () => stop?.());
  return (query, variables) => gql!(query, variables);
}
