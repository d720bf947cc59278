/**
 * Migration 007: the field catalog is kept by ClickHouse (a materialized view
 * on the predictions) instead of by the writer. A store from before 007, whose
 * catalog the writer kept, is upgraded in place at start: the names it knew
 * are still known, and rows inserted after it, by whoever inserts them, are
 * catalogued — tags and every kind of feature, a name inserted twice once.
 */
import { beforeAll, expect, it } from 'vitest';
import { migrate, type ClickHouseClient } from '@tideline/clickhouse';
import { fieldNames, unknownFields } from '@tideline/store';
import { evalstoreMigrations } from '../src/module.ts';
import { storeBefore } from './store-before.ts';

const MIGRATION = '007_fields_view.sql';

const store = storeBefore(MIGRATION);
let client: ClickHouseClient;
beforeAll(() => void (client = store.client));

/** One prediction row inserted as any ClickHouse client would, with a fresh dedup token (chDB keeps settings per session). */
const insert = (model: string, id: string, tags: Record<string, string>, features: { num?: Record<string, number>; str?: Record<string, string>; bool?: Record<string, boolean>; nulls?: string[] }) =>
  client.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, features_num, features_str, features_bool, features_null, tags, score, version) FORMAT JSONCompactEachRow
${JSON.stringify(['proj', model, 'v1', id, 'BINARY', 0, 0, features.num ?? {}, features.str ?? {}, features.bool ?? {}, features.nulls ?? [], tags, 0.5, 1])}`,
    clickhouse_settings: { insert_deduplication_token: `test-${Math.random()}` },
  });

it('upgrades a store in place: known names stay known, and every insert after it is catalogued', async () => {
  // Before 007 the writer wrote the catalog itself; a bare insert catalogued nothing.
  await client.command({ query: "INSERT INTO evalstore_fields VALUES ('proj', 'churn', 'tags', 'country')" });
  await insert('churn', 'a', { country: 'de' }, { num: { age: 30 } });
  expect(await unknownFields(client, 'proj', 'churn', ['tags.country', 'features.age'])).toEqual(['features.age']);

  expect(await migrate(client, 'evalstore', evalstoreMigrations)).toEqual(store.upgradeApplies);
  expect(await unknownFields(client, 'proj', 'churn', ['tags.country'])).toEqual([]);

  await insert('churn', 'b', { country: 'fr', device: 'ios' }, { num: { age: 31 }, str: { plan: 'pro' }, bool: { vip: true }, nulls: ['coupon'] });
  await insert('churn', 'c', { device: 'android' }, { num: { age: 40 } });
  await insert('fraud', 'x', {}, { num: { amount: 3 } });
  expect(await unknownFields(client, 'proj', 'churn', ['tags.country', 'tags.device', 'features.age', 'features.plan', 'features.vip', 'features.coupon', 'features.amount'])).toEqual([
    'features.amount',
  ]);
  const names = await fieldNames(client, 'proj', ['churn', 'fraud']);
  expect(names.get('churn')).toEqual({ tagNames: ['country', 'device'], featureNames: ['age', 'coupon', 'plan', 'vip'] });
  expect(names.get('fraud')).toEqual({ tagNames: [], featureNames: ['amount'] });
  // Scoped to the project.
  expect((await fieldNames(client, 'other', ['churn'])).get('churn')).toEqual({ tagNames: [], featureNames: [] });
});
