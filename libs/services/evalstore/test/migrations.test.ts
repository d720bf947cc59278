/**
 * Upgrading an existing store in place: migration 005 rebuilds
 * evalstore_predictions without partitions, so that a prediction re-sent
 * into another month is one row, whatever the server's FINAL settings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate, type ClickHouseClient } from '@tideline/clickhouse';
import { labeledRows, rows } from '@tideline/store';
import { evalstoreMigrations } from '../src/module.ts';
import { storeBefore } from './store-before.ts';

const MIGRATION = '005_predictions_unpartitioned.sql';
const MONTH = 31 * 86_400_000;
const JAN = Date.UTC(2026, 0, 10);
const APR = JAN + 3 * MONTH; // 2026-04-12

const store = storeBefore(MIGRATION, { migrated: false });
let client: ClickHouseClient;
beforeAll(() => void (client = store.client));

/** The statements of 005 as `migrate` runs them. */
const steps = readFileSync(join(evalstoreMigrations, MIGRATION), 'utf8')
  .split(/;\s*$/m)
  .map((s) => s.trim())
  .filter(Boolean);

/** A store as it was before 005, holding `rows` of (id, ts, version). */
async function oldStore(predictions: [string, number, number][]) {
  // Views first: a view left on a dropped table would feed the next test's summary.
  for (const table of ['evalstore_model_summary_predictions', 'evalstore_model_summary_feedback', 'evalstore_model_summary', 'evalstore_fields_from_predictions']) {
    await client.command({ query: `DROP TABLE IF EXISTS ${table} SYNC` });
  }
  for (const table of ['evalstore_predictions', 'evalstore_predictions_005', 'evalstore_feedback', 'evalstore_fields', 'evalstore_ingest_errors', 'tideline_migrations']) {
    await client.command({ query: `DROP TABLE IF EXISTS ${table} SYNC` });
  }
  await store.migrateBefore();
  await insert(predictions);
}

const insert = (predictions: [string, number, number][]) =>
  client.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, score, version) FORMAT JSONCompactEachRow
${predictions.map(([id, ts, version]) => JSON.stringify(['p', 'm', 'v1', id, 'BINARY', ts, version, version / 10, version])).join('\n')}`,
    // A token of its own each time: chDB keeps a setting for the session once set.
    clickhouse_settings: { insert_deduplication_token: `test-${Math.random()}` },
  });

const partitionKey = async () => (await rows<{ k: string }>(client, "SELECT partition_key AS k FROM system.tables WHERE database = currentDatabase() AND name = 'evalstore_predictions'", {}))[0]?.k;
const latest = () => rows<{ id: string; ts: string; version: string }>(client, 'SELECT id, toString(toUnixTimestamp64Milli(ts)) AS ts, toString(version) AS version FROM evalstore_predictions FINAL ORDER BY id', {});

/**
 * Ids in a window through the one read model, as a server that merges each
 * partition on its own and prunes partitions before FINAL reads them
 * (ClickHouse before `defer_partition_pruning_after_final`).
 */
async function idsIn(fromMs: number, toMs: number): Promise<string[]> {
  const source = labeledRows({ project: 'p', model: 'm', window: { fromMs, toMs } });
  const found = await client.query({
    query: `SELECT id FROM (${source.sql}) ORDER BY id`,
    query_params: source.params,
    format: 'JSONEachRow',
    clickhouse_settings: { do_not_merge_across_partitions_select_final: 1, defer_partition_pruning_after_final: 0 },
  });
  const ids = (await found.json<{ id: string }>()).map((r) => r.id);
  // Back to the defaults for the next query of this session.
  await client.command({ query: 'SELECT 1', clickhouse_settings: { do_not_merge_across_partitions_select_final: 0, defer_partition_pruning_after_final: 1 } });
  return ids;
}

// 'moved' was re-sent into a later month, 'back' into an earlier one; 40 others span six months.
const history: [string, number, number][] = [
  ['moved', JAN, 1],
  ['moved', APR, 2],
  ['back', APR, 3],
  ['back', JAN, 4],
  ...Array.from({ length: 40 }, (_, i): [string, number, number] => [`r${String(i).padStart(2, '0')}`, JAN + (i % 6) * MONTH, 5]),
];

describe('migration 005: predictions without partitions', () => {
  beforeEach(() => oldStore(history));

  /** Runs the migrations: 005 applies, the table loses its partitions, and the latest copy of every prediction is `kept`. */
  const migratesKeeping = async (kept: Awaited<ReturnType<typeof latest>>) => {
    expect(await migrate(client, 'evalstore', evalstoreMigrations)).toEqual(store.upgradeApplies);
    expect(await partitionKey()).toBe('');
    expect(await latest()).toEqual(kept);
  };

  it('upgrades a store in place: every row kept, the later arrival wins across months, one row per identity', async () => {
    const kept = await latest();
    expect(await partitionKey()).toBe('toYYYYMM(ts)');
    // The hazard: partitions pruned before FINAL show January's stale copy of 'moved'.
    expect(await idsIn(JAN - 86_400_000, JAN + 86_400_000)).toEqual(['back', 'moved', 'r00', 'r06', 'r12', 'r18', 'r24', 'r30', 'r36']);

    await migratesKeeping(kept);
    expect(kept.find((r) => r.id === 'moved')).toMatchObject({ ts: String(APR), version: '2' });
    expect(kept.find((r) => r.id === 'back')).toMatchObject({ ts: String(JAN), version: '4' });
    expect(await idsIn(JAN - 86_400_000, JAN + 86_400_000)).toEqual(['back', 'r00', 'r06', 'r12', 'r18', 'r24', 'r30', 'r36']);
    expect(await idsIn(APR - 86_400_000, APR + 86_400_000)).toEqual(['moved', 'r03', 'r09', 'r15', 'r21', 'r27', 'r33', 'r39']);
    // Merges now collapse a re-sent prediction to one row, wherever its copies' months.
    await client.command({ query: 'OPTIMIZE TABLE evalstore_predictions FINAL' });
    const [physical] = await rows<{ n: string; u: string }>(client, 'SELECT count() AS n, uniqExact(id) AS u FROM evalstore_predictions', {});
    expect({ n: Number(physical!.n), u: Number(physical!.u) }).toEqual({ n: 42, u: 42 });
    expect(await rows(client, "SELECT name FROM system.tables WHERE database = currentDatabase() AND name = 'evalstore_predictions_005'", {})).toEqual([]);
  });

  it('keeps what another writer stored in the old table while it was being copied', async () => {
    const [drop, create, copy, ...rest] = steps;
    for (const step of [drop!, create!, copy!]) await client.command({ query: step });
    await insert([['late', APR, 9]]);
    for (const step of rest) await client.command({ query: step });
    expect((await latest()).find((r) => r.id === 'late')).toMatchObject({ ts: String(APR), version: '9' });
    expect(await partitionKey()).toBe('');
  });

  it('completes when re-run after a crash between the exchange and the end', async () => {
    const kept = await latest();
    for (const step of steps.slice(0, 4)) await client.command({ query: step });
    expect(await partitionKey()).toBe('');
    // The migration was not recorded: the next start runs all of it again.
    await migratesKeeping(kept);
  });
});
