/**
 * Migration 010: the key lists of each hour's feature maps, kept by
 * ClickHouse as predictions are inserted. A store from before 010 is
 * upgraded in place at start: the hours it held are summarized by the
 * backfill, and rows inserted after it, by whoever inserts them, by the view.
 */
import { beforeAll, expect, it } from 'vitest';
import { migrate, type ClickHouseClient } from '@tideline/clickhouse';
import { rows } from '@tideline/store';
import { evalstoreMigrations } from '../src/module.ts';
import { storeBefore } from './store-before.ts';

const MIGRATION = '010_key_lists.sql';
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);

const store = storeBefore(MIGRATION);
let client: ClickHouseClient;
beforeAll(() => void (client = store.client));

/** Predictions of model m in hour `hour`, one per feature set, as any ClickHouse client would insert them. */
const insert = (hour: number, features: { num?: Record<string, number>; str?: Record<string, string>; nulls?: string[] }[]) =>
  client.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, features_num, features_str, features_null, score, version) FORMAT JSONCompactEachRow
${features.map((f, i) => JSON.stringify(['p', 'm', 'v1', `${hour}-${i}`, 'BINARY', T0 + hour * HOUR + i * 1000, 0, f.num ?? {}, f.str ?? {}, f.nulls ?? [], 0.5, 1])).join('\n')}`,
    clickhouse_settings: { insert_deduplication_token: `test-${Math.random()}` },
  });

/** The summary per (hour, kind): rows and lists (sorted), as the drift probe reads it. */
const summary = () =>
  rows<{ hour: number; kind: number; n: string; lists: string[][] }>(
    client,
    `SELECT intDiv(toUnixTimestamp(hour) * 1000 - ${T0}, ${HOUR}) AS hour, kind, sum(rows) AS n, arraySort(groupUniqArrayMerge(2)(lists)) AS lists
    FROM evalstore_key_lists WHERE project = 'p' AND model = 'm' GROUP BY hour, kind ORDER BY hour, kind`,
    {},
  );

it('summarizes the hours a store held before it, and every insert after it', async () => {
  await insert(0, [{ num: { a: 1, b: 2 }, str: { s: 'x' } }, { num: { a: 1, b: 2 }, str: { s: 'y' } }]);
  await insert(1, [{ num: { a: 1 } }, { num: { a: 1, b: 2 }, nulls: ['z'] }, { num: { a: 1, c: 3 } }]);
  expect(await migrate(client, 'evalstore', evalstoreMigrations)).toEqual(store.upgradeApplies);
  await insert(1, [{ num: { a: 1 } }]);
  await insert(2, [{}, { str: { s: 'x' } }]);
  expect((await summary()).map((r) => [Number(r.hour), Number(r.kind), Number(r.n), r.lists])).toEqual([
    [0, 0, 2, [['a', 'b']]],
    [0, 1, 2, [['s']]],
    // Three distinct lists of numbers in hour 1: two are kept, which is all the probe needs to read the hour's rows.
    [1, 0, 4, expect.any(Array)],
    [1, 3, 1, [['z']]],
    // A row without features is in no list.
    [2, 1, 1, [['s']]],
  ]);
  const [hour1] = (await summary()).filter((r) => Number(r.hour) === 1 && Number(r.kind) === 0);
  expect(hour1!.lists).toHaveLength(2);
});
