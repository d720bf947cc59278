/**
 * A dataset snapshot's copy is bounded in time (CURATION_SNAPSHOT_TIMEOUT_MS)
 * on the real engine: ClickHouse stops the INSERT … SELECT at the bound, the
 * request fails with QUERY_TIMEOUT naming the setting, the timeout is
 * counted, and nothing of the dataset is left: the blocks the copy had
 * written are removed, nothing is recorded and the registry is never asked.
 *
 * The copy is made slow only in this test's data path: this process's
 * ClickHouse session writes in blocks of 100 rows (a real snapshot's blocks
 * are of a million), and a materialized view on the snapshot table sleeps
 * 50 ms on each, so the 3,000 rows take at least 1.5 s, past the 1 s bound
 * however fast the machine, and the blocks written before the stop are
 * committed (as a real snapshot's first millions are): without the cleanup
 * they would stay.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { boundedCommand, createClickHouseClient, migrate, queryTimeouts, type ClickHouseClient } from '@tideline/clickhouse';
import { isPublicError } from '@tideline/contracts';
import { createSubgraphClient } from '@tideline/graphql';
import { createLogger } from '@tideline/runtime';
import { freePort, startNatsServer, tempDir, type NatsServerHandle, type TempDir } from '@tideline/testing';
import { snapshotTimeoutSetting } from '../src/config.ts';
import { DATASET_ROWS_TABLE, dropSnapshot, snapshotInsert } from '../src/curate.ts';
import { checkDatasetInput, type CurateDatasetInput } from '../src/dataset-inputs.ts';
import { Datasets } from '../src/datasets.ts';
import { DAY, T0 } from './fixtures.ts';

const PROJECT = 'p-bound';
const ROWS = 3000; // 30 parts of 100
const INPUT: CurateDatasetInput = { id: 'stopped', model: 'churn', windows: [{ from: new Date(T0), to: new Date(T0 + DAY) }], stratifyBy: [] };
const bound = (defaultMs: number) => ({ service: 'curation', setting: snapshotTimeoutSetting, defaultMs });
const timeouts = async () => (await queryTimeouts.get()).values.find((v) => v.labels.service === 'curation' && v.labels.bound === 'default')?.value ?? 0;

let dir: TempDir;
let client: ClickHouseClient;
let nats: NatsServerHandle;
let nc: NatsConnection;
let datasets: Datasets;

const count = async (sql: string) => Number((await (await client.query({ query: sql, query_params: { project: PROJECT }, format: 'JSONEachRow' })).json<{ n: string }>())[0]!.n);
const snapshotRows = () => count(`SELECT count() AS n FROM ${DATASET_ROWS_TABLE} WHERE project = {project:String}`);

beforeAll(async () => {
  dir = tempDir('curation-snapshot-bound-');
  client = createClickHouseClient(`chdb://${dir.path}/clickhouse`);
  await migrate(client, 'evalstore', fileURLToPath(new URL('../../evalstore/src/migrations', import.meta.url)));
  await migrate(client, 'curation', fileURLToPath(new URL('../src/migrations', import.meta.url)));
  // This session's settings, not the statement's (the statement is the service's own): blocks of 100 rows.
  await client.command({ query: 'SET max_block_size = 100, min_insert_block_size_rows = 100' });
  // Binary predictions of one day, a row a second, each with its label; in 30 parts, so the copy reads them in 30 blocks.
  for (let part = 0; part < 30; part++) {
    await client.command({
      query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, score, inline_label_positive, version)
      SELECT {project:String}, 'churn', 'v1', concat('r', toString(number)), 'BINARY', fromUnixTimestamp64Milli(toInt64(${T0} + number * 1000), 'UTC'),
        now64(3), (number % 100) / 100, number % 3 = 0, 1
      FROM numbers(${part * 100}, 100)`,
      query_params: { project: PROJECT },
    });
  }
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  // The registry is at a port nobody listens on: a create that got as far as registering would fail with another error.
  const registry = createSubgraphClient({ url: `http://127.0.0.1:${await freePort()}/graphql`, secret: 's'.repeat(64), timeoutMs: 2_000 });
  datasets = new Datasets({ client, registry, js: jetstream(nc), logger: createLogger({ LOG_LEVEL: 'silent' }), maxRows: 1_000_000, snapshotBound: bound(1_000) });
}, 120_000);

afterAll(async () => {
  await nc?.close();
  await nats?.stop();
  await client?.close();
  dir?.remove();
});

it('copies the rows within a bound it can meet', async () => {
  // The control: the same statement, unhindered, writes every labeled row; the bound below is all that stops it.
  const spec = await checkDatasetInput(client, PROJECT, INPUT, { maxRows: 1_000_000 }, () => Promise.resolve([]));
  await boundedCommand(client, await snapshotInsert(client, PROJECT, spec), bound(120_000));
  expect(await snapshotRows()).toBe(ROWS);
  await dropSnapshot(client, PROJECT, spec.id);
  expect(await snapshotRows()).toBe(0);
});

it('has ClickHouse stop a snapshot past CURATION_SNAPSHOT_TIMEOUT_MS, answers QUERY_TIMEOUT and leaves no dataset', async () => {
  await client.command({ query: `CREATE MATERIALIZED VIEW test_slow_snapshot ENGINE = Null AS SELECT sleep(0.05) AS slept FROM ${DATASET_ROWS_TABLE}` });
  const before = await timeouts();
  const error = await datasets.create(PROJECT, 'tester', INPUT).catch((e: unknown) => e);
  expect(isPublicError(error) && error.code).toBe('QUERY_TIMEOUT');
  expect((error as Error).message).toBe('the query did not finish within 1000 ms (CURATION_SNAPSHOT_TIMEOUT_MS); ClickHouse stopped it');
  // The engine's own TIMEOUT_EXCEEDED: the copy did stop.
  expect(((error as Error).cause as { code?: string }).code).toBe('159');
  expect(await timeouts()).toBe(before + 1);
  // Nothing of it is left: the blocks written before the stop are gone, and no dataset is recorded.
  expect(await snapshotRows()).toBe(0);
  expect(await datasets.get(PROJECT, 'stopped')).toBeNull();
  expect(await count('SELECT count() AS n FROM curation_datasets WHERE project = {project:String}')).toBe(0);
}, 60_000);
