/**
 * The oracle's traffic ingested into a platform process through the public
 * HTTP API, for the tests that compare Tideline's answers with the oracle's.
 */
import { eventually, loadOracle, oracleRecords, postAll, type Oracle } from '@tideline/testing';
import { startTestPlatform } from './platform-fixture.ts';

export interface OraclePlatform {
  oracle: Oracle;
  /** A GraphQL request through the gateway with the project's key; throws on any error. */
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<{ data: T }>;
  stop(): Promise<void>;
}

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

/**
 * Starts nats-server and the platform, creates a project, and ingests the
 * oracle: the given models' predictions, and with `feedback` the labels — a
 * third of them before their predictions, the rest after — then waits until
 * every record is stored.
 */
export async function startOraclePlatform(options: { models: ('churn' | 'ltv')[]; feedback: boolean }): Promise<OraclePlatform> {
  const oracle = loadOracle();
  const test = await startTestPlatform('oracle');
  const { platform } = test;
  const key = await test.newKey('oracle');

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${platform.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data: T; errors?: unknown[] };
    if (res.status !== 200 || body.errors) throw new Error(`GraphQL ${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 1000)}`);
    return body;
  };

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
      const { data } = await gql<{ model: { predictionCount: number; labeledCount: number } | null }>(`{ model(name: "${model}") { predictionCount labeledCount } }`);
      return data.model?.predictionCount === oracle.predictions.length && data.model.labeledCount === labeled;
    }, 60_000, 200);
  }
  return {
    oracle,
    gql,
    async stop() {
      await test.stop();
    },
  };
}
