/**
 * The store's queries of requests are bounded in time
 * (CLICKHOUSE_QUERY_TIMEOUT_MS): a predictions page over more rows than the
 * bound lets ClickHouse read is stopped by the engine and answered
 * QUERY_TIMEOUT, counted for the service; a small page under the same bound
 * is answered, and the writer (not bounded) stores what it is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryTimeouts, type ClickHouseClient } from '@tideline/clickhouse';
import { eventually, predictionRecord, signedGraphql, type SignedGraphql } from '@tideline/testing';
import { encodeChunk } from '@tideline/contracts';
import { publishChunk } from '@tideline/nats';
import { startStore, type StoreFixture } from './store-fixture.ts';

const SECRET = 'y'.repeat(32);
const T0 = Date.UTC(2026, 0, 1);
/**
 * Rows one predictions page must deduplicate and order before its first row.
 * At 1M the page took 730 ms under load but under 100 ms on a quiet machine
 * (a fresh-clone CI run answered it): 10M leaves the bound far behind either way.
 */
const ROWS = 10_000_000;

let store: StoreFixture;
let gql: SignedGraphql;

const timeouts = async () =>
  (await queryTimeouts.get()).values.find((v) => v.labels.service === 'evalstore' && v.labels.bound === 'default')?.value ?? 0;
const page = (model: string) => gql<{ predictions: { nodes: { id: string }[] } }>('proj', `{ predictions(model: "${model}", first: 10) { nodes { id } } }`);

beforeAll(async () => {
  store = await startStore('bound', { TIDELINE_INTERNAL_SECRET: SECRET, STORE_BATCH_MAX_WAIT_MS: '50', CLICKHOUSE_QUERY_TIMEOUT_MS: '100' });
  gql = signedGraphql(`${store.url}/internal/evalstore/graphql`, SECRET);
  // Written straight into the table (the process's own, unbounded client): a
  // store that grew over months, without months of ingest in the test.
  await store.proc.get<ClickHouseClient>('clickhouse').command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, score, version)
      SELECT 'proj', 'big', 'v1', toString(number), 'BINARY', fromUnixTimestamp64Milli(toInt64({t0:Int64} + number)), now64(3), number % 100 / 100, number + 1
      FROM numbers({rows:UInt64})`,
    query_params: { t0: T0, rows: ROWS },
  });
}, 300_000);

afterAll(() => store?.stop());

describe('the time bound of evalstore queries', () => {
  it('has ClickHouse stop a predictions page past CLICKHOUSE_QUERY_TIMEOUT_MS, and answers QUERY_TIMEOUT', async () => {
    const before = await timeouts();
    const answer = await page('big');
    expect(answer.data).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('QUERY_TIMEOUT');
    expect(answer.errors?.[0]?.message).toBe('the query did not finish within 100 ms (CLICKHOUSE_QUERY_TIMEOUT_MS); ClickHouse stopped it');
    expect(await timeouts()).toBe(before + 1);
  });

  it('answers a page that fits the bound, of rows the (unbounded) writer stored', async () => {
    await publishChunk(store.js, encodeChunk([predictionRecord('proj', 'small', 's1', T0, 0.4), predictionRecord('proj', 'small', 's2', T0 + 1, 0.6)]), { msgID: 'bound-1' });
    const ids = await eventually(async () => {
      const nodes = (await page('small')).data?.predictions.nodes;
      return nodes?.length === 2 ? nodes.map((n) => n.id) : undefined;
    }, 30_000);
    expect(ids).toEqual(['s1', 's2']);
  });
});
