/**
 * The store's queries of requests are bounded in time
 * (CLICKHOUSE_QUERY_TIMEOUT_MS): a predictions page that takes longer than
 * the bound is stopped by the engine and answered QUERY_TIMEOUT, counted for
 * the service; a small page under the same bound is answered, and the writer
 * (not bounded) stores what it is sent.
 *
 * Slow whatever the machine: for the first test the predictions table is
 * read through a view that sleeps 50 ms on every row (sleepEachRow), so the
 * service's own page statement over 40 rows needs 2 s, twice the bound,
 * however fast or loaded the machine (a page over 10M rows, used before,
 * relied on the machine being slow enough). The table is restored after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryTimeouts, type ClickHouseClient } from '@tideline/clickhouse';
import { eventually, predictionRecord, signedGraphql, type SignedGraphql } from '@tideline/testing';
import { encodeChunk } from '@tideline/contracts';
import { publishChunk } from '@tideline/nats';
import { startStore, type StoreFixture } from './store-fixture.ts';

const SECRET = 'y'.repeat(32);
const T0 = Date.UTC(2026, 0, 1);
const BOUND_MS = 1000;
/** Rows of the page, each read with a 50 ms sleep: 2 s, twice the bound (and under the 3 s a block may sleep). */
const ROWS = 40;
const SLEEP_S = 0.05;

let store: StoreFixture;
let gql: SignedGraphql;

const clickhouse = () => store.proc.get<ClickHouseClient>('clickhouse');
/** Runs `during` with the predictions table read through a view that sleeps on every row; the table is restored after. */
async function readSlowly(during: () => Promise<void>): Promise<void> {
  const command = (query: string) => clickhouse().command({ query });
  await command('RENAME TABLE evalstore_predictions TO test_stored_predictions');
  try {
    await command(`CREATE VIEW evalstore_predictions AS SELECT * FROM test_stored_predictions WHERE sleepEachRow(${SLEEP_S}) = 0`);
    await during();
  } finally {
    await command('DROP VIEW IF EXISTS evalstore_predictions');
    await command('RENAME TABLE test_stored_predictions TO evalstore_predictions');
  }
}
const timeouts = async () =>
  (await queryTimeouts.get()).values.find((v) => v.labels.service === 'evalstore' && v.labels.bound === 'default')?.value ?? 0;
const page = (model: string) => gql<{ predictions: { nodes: { id: string }[] } }>('proj', `{ predictions(model: "${model}", first: 10) { nodes { id } } }`);

beforeAll(async () => {
  store = await startStore('bound', { TIDELINE_INTERNAL_SECRET: SECRET, STORE_BATCH_MAX_WAIT_MS: '50', CLICKHOUSE_QUERY_TIMEOUT_MS: String(BOUND_MS) });
  gql = signedGraphql(`${store.url}/internal/evalstore/graphql`, SECRET);
  // Written straight into the table (the process's own, unbounded client).
  await clickhouse().command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, score, version)
      SELECT 'proj', 'big', 'v1', toString(number), 'BINARY', fromUnixTimestamp64Milli(toInt64({t0:Int64} + number)), now64(3), number % 100 / 100, number + 1
      FROM numbers({rows:UInt64})`,
    query_params: { t0: T0, rows: ROWS },
  });
}, 120_000);

afterAll(() => store?.stop());

describe('the time bound of evalstore queries', () => {
  it('has ClickHouse stop a predictions page past CLICKHOUSE_QUERY_TIMEOUT_MS, and answers QUERY_TIMEOUT', async () => {
    const before = await timeouts();
    await readSlowly(async () => {
      const answer = await page('big');
      expect(answer.data).toBeNull();
      expect(answer.errors?.[0]?.extensions?.code).toBe('QUERY_TIMEOUT');
      expect(answer.errors?.[0]?.message).toBe(`the query did not finish within ${BOUND_MS} ms (CLICKHOUSE_QUERY_TIMEOUT_MS); ClickHouse stopped it`);
    });
    expect(await timeouts()).toBe(before + 1);
    // The same page without the sleep is answered: it was the time, not the statement.
    expect((await page('big')).data?.predictions.nodes.map((n) => n.id)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
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
