/**
 * A store made before the hour states (evalstore migrations up to 007,
 * metrics up to 002), holding data, upgraded in place as a start does:
 * stored_at is fixed for the rows already stored, every hour their ids were
 * stored in is recorded, and sliceMetrics answers from the states what it
 * answered from the rows before the upgrade. And a store whose folds were
 * made before the folded rows (metrics 003): 004 makes them again whole.
 */
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClickHouseClient, migrate, type ClickHouseClient } from '@tideline/clickhouse';
import { evalstoreMigrations } from '@tideline/evalstore';
import { bucketsFor, rows } from '@tideline/store';
import { tempDir } from '@tideline/testing';
import { register } from 'prom-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lastFold } from '../src/hour-states.ts';
import { realizedDefinition } from '../src/inputs.ts';
import { rowStatistic } from '../src/significance.ts';
import { sliceMetrics } from '../src/slice-metrics.ts';
import { HourStates } from '../src/slice-states.ts';
import { differences, HOUR, T0 } from './mixed-traffic.ts';

const metricsMigrations = fileURLToPath(new URL('../src/migrations', import.meta.url));
const dir = tempDir('states-upgrade-');
const before = { evalstore: tempDir('evalstore-007-'), metrics: tempDir('metrics-002-') };
let client: ClickHouseClient;

/** The migrations of `from` named before `first`, copied to `to`. */
function copyBefore(from: string, to: string, first: string) {
  for (const file of readdirSync(from).filter((f) => f.endsWith('.sql') && f < first)) copyFileSync(join(from, file), join(to, file));
}

beforeAll(async () => {
  copyBefore(evalstoreMigrations, before.evalstore.path, '008');
  copyBefore(metricsMigrations, before.metrics.path, '003');
  client = createClickHouseClient(`chdb://${dir.path}`);
  await migrate(client, 'evalstore', before.evalstore.path);
  await migrate(client, 'metrics', before.metrics.path);
});
afterAll(async () => {
  await client?.close();
  for (const d of [dir, before.evalstore, before.metrics]) d.remove();
});

const window = { fromMs: T0, toMs: T0 + 3 * HOUR };
const scope = { project: 'p', model: 'm', window, buckets: bucketsFor(window, 'HOUR'), granularity: true, task: 'BINARY' as const, average: 'MACRO' as const, minSamples: 1, wholeValues: false };
const metrics = (['ACCURACY', 'ROC_AUC', 'LOG_LOSS', 'LABELED_COUNT'] as const).map((name) => ({ name, definition: realizedDefinition(name, 'BINARY'), statistic: rowStatistic(name, 'BINARY') }));

it('upgrades a store holding data in place; sliceMetrics answers from the states what it answered from the rows', async () => {
  // 300 predictions over three hours and four countries, labels for two thirds; 'r' re-sent from hour 0 into hour 2.
  await client.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, tags, score, version)
      SELECT 'p', 'm', 'v1', toString(number), 'BINARY', fromUnixTimestamp64Milli(toInt64(${T0} + (number % 3) * ${HOUR} + number * 1000)), now64(3),
        map('country', ['US', 'BR', 'FR', 'DE'][number % 4 + 1]), (cityHash64(number) % 1000) / 1000.0, 1
      FROM numbers(300)`,
  });
  // Two inserts: within one, ReplacingMergeTree keeps only the later copy.
  for (const [ts, country, score, version] of [[T0 + 60_000, 'US', 0.9, 1], [T0 + 2 * HOUR + 60_000, 'BR', 0.2, 2]] as const) {
    await client.command({
      query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, tags, score, version)
        VALUES ('p', 'm', 'v1', 'r', 'BINARY', fromUnixTimestamp64Milli(${ts}), now64(3), map('country', '${country}'), ${score}, ${version})`,
    });
  }
  await client.command({
    query: `INSERT INTO evalstore_feedback (project, model, prediction_id, task, ts, received_at, label_positive, version)
      SELECT 'p', 'm', toString(number), 'BINARY', now64(3), now64(3), cityHash64(number, 1) % 1000 < cityHash64(number) % 1000, 1
      FROM numbers(300) WHERE number % 3 != 1`,
  });
  const fromRows = await sliceMetrics(client, scope, metrics, ['tags.country']);
  expect(fromRows.map((s) => s.key[0]!.value).sort()).toEqual(['BR', 'DE', 'FR', 'US']);

  expect(await migrate(client, 'evalstore', evalstoreMigrations)).toEqual(readdirSync(evalstoreMigrations).filter((f) => f.endsWith('.sql') && f >= '008'));
  expect(await migrate(client, 'metrics', metricsMigrations)).toEqual(readdirSync(metricsMigrations).filter((f) => f.endsWith('.sql') && f >= '003'));

  // stored_at of the rows already stored is written into every part (materialized), not computed again at each read.
  for (const table of ['evalstore_predictions', 'evalstore_feedback']) {
    const [parts] = await rows<{ all: string; with: string }>(
      client,
      `SELECT (SELECT count() FROM system.parts WHERE database = currentDatabase() AND table = {t:String} AND active) AS all,
         (SELECT count() FROM system.parts_columns WHERE database = currentDatabase() AND table = {t:String} AND active AND column = 'stored_at') AS with`,
      { t: table },
    );
    expect(Number(parts!.all)).toBeGreaterThan(0);
    expect(parts!.with).toBe(parts!.all);
  }
  // Both hours 'r' was stored in.
  const hours = await rows<{ h: number }>(client, "SELECT toUnixTimestamp(hour) AS h FROM evalstore_prediction_hours WHERE id = 'r' ORDER BY h", {});
  expect(hours.map((r) => Number(r.h) * 1000)).toEqual([T0, T0 + 2 * HOUR]);

  const errors: unknown[] = [];
  const fromStates = await sliceMetrics(client, scope, metrics, ['tags.country'], new HourStates(client, (err) => errors.push(err)));
  expect(errors).toEqual([]);
  expect(differences(fromStates, fromRows)).toEqual([]);
  expect((await lastFold(client, 'p', 'm'))?.fields).toEqual(['tags.country']);
  expect(Number((await rows<{ n: string }>(client, "SELECT count() AS n FROM metrics_hour_states WHERE project = 'p'", {}))[0]!.n)).toBeGreaterThan(0);
});

it('folds made before the folded rows (migration 004) are made again whole: a read of the rows they lack answers what the rows answer', async () => {
  // Part hours: the states cannot answer, the folded rows do.
  const part = { ...scope, window: { fromMs: T0 + HOUR / 2, toMs: T0 + 3 * HOUR - HOUR / 2 } };
  const fromRows = await sliceMetrics(client, part, metrics, ['tags.country']);
  expect(fromRows.length).toBe(4);
  const errors: unknown[] = [];
  const read = () => sliceMetrics(client, part, metrics, ['tags.country'], new HourStates(client, (err) => errors.push(err)));
  // A fold made under 003 recorded its hours and states but wrote no rows.
  await client.command({ query: 'TRUNCATE TABLE metrics_folded_rows' });
  expect(await read()).toEqual([]);
  const sql = readFileSync(join(metricsMigrations, '004_folded_rows.sql'), 'utf8').replace(/--.*$/gm, '');
  for (const statement of sql.split(';').filter((s) => s.trim())) await client.command({ query: statement });
  // A read the states answer folds the model again; then the folded rows answer the part hours.
  await sliceMetrics(client, scope, metrics, ['tags.country'], new HourStates(client, (err) => errors.push(err)));
  const folded = async () => (await register.getSingleMetric('tideline_metrics_reads_total')!.get()).values.find((v) => v.labels.query === 'sliceMetrics' && v.labels.source === 'folded')?.value ?? 0;
  const before = await folded();
  expect(differences(await read(), fromRows)).toEqual([]);
  expect(await folded()).toBe(before + 1);
  expect(errors).toEqual([]);
});
