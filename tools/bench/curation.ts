/**
 * `npm run bench:curation`: the curation service on bulk data, through the
 * gateway of a platform process, against a baseline measured in the same run.
 *  1. requestLabels over 10M unlabeled candidate predictions (10 numeric
 *     features each): the SQL strategies (RANDOM, MARGIN, ENTROPY,
 *     STRATIFIED) and HYBRID, each picking 1,000 rows with a 10 % control
 *     arm, versus a hand-written `ORDER BY uncertainty LIMIT 1000` on the
 *     same table, run directly on ClickHouse (chDB).
 *  2. curateDataset over 1M labeled predictions, and the snapshot's Parquet
 *     export downloaded through the gateway (then read back by ClickHouse:
 *     same row count and content hash).
 * Data are generated inside ClickHouse (INSERT … SELECT FROM numbers()).
 * BENCH_CANDIDATES and BENCH_DATASET_ROWS shrink the sizes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { query as chdbQuery } from 'chdb';
import { migrate, type ClickHouseClient } from '@tideline/clickhouse';
import { contentHashSql } from '@tideline/curation';
import { evalstoreMigrations } from '@tideline/evalstore';
import { startNatsServer, startPlatformProcess, tempDir } from '@tideline/testing';
import { median } from './traffic.ts';
import { size } from './sizes.ts';
import { prepareBenchData, timed } from './timing.ts';

const CANDIDATES = size('BENCH_CANDIDATES', 10_000_000, 20_000);
const DATASET_ROWS = size('BENCH_DATASET_ROWS', 1_000_000, 5_000);
const RUNS = size('BENCH_RUNS', 3, 1);
const BUDGET = 1000;
const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const FEATURES = Array.from({ length: 10 }, (_, i) => `f${i}`);


/** Rows of `model`: one day, 20 countries, 10 numeric features, scores uniform in [0, 1); `labeled` adds inline labels ~ Bernoulli(score). */
async function generate(client: ClickHouseClient, project: string, model: string, rows: number, labeled: boolean) {
  await client.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, features_num, tags, score, inline_label_positive, version)
      SELECT {project:String}, {model:String}, 'v1', toString(number), 'BINARY',
        fromUnixTimestamp64Milli(toInt64(${T0} + intDiv(number * ${DAY}, ${rows}))), now64(3),
        mapFromArrays([${FEATURES.map((f) => `'${f}'`).join(',')}], arrayMap(i -> (cityHash64(number, i) % 1000000) / 100000.0, range(${FEATURES.length}))),
        map('country', concat('c', toString(number % 20))),
        (cityHash64(number) % 1000000) / 1000000.0,
        ${labeled ? '(cityHash64(number, 7) % 1000000) / 1000000.0 < (cityHash64(number) % 1000000) / 1000000.0' : 'NULL'}, 1
      FROM numbers(${rows})`,
    query_params: { project, model },
  });
  for (const [kind, names] of [['tags', 'mapKeys(tags)'], ['features', 'mapKeys(features_num)']]) {
    await client.command({
      query: `INSERT INTO evalstore_fields SELECT DISTINCT project, model, '${kind}', arrayJoin(${names}) FROM evalstore_predictions WHERE project = {project:String} AND model = {model:String}`,
      query_params: { project, model },
    });
  }
}

/** What a ClickHouse user would write to pick the most uncertain rows, run directly: no exclusion of labeled or queued rows, no control arm. */
const HAND_SQL = `SELECT id FROM evalstore_predictions FINAL
  WHERE project = {project:String} AND model = 'candidates' AND ts >= fromUnixTimestamp64Milli(${T0}) AND ts < fromUnixTimestamp64Milli(${T0 + DAY})
  ORDER BY 1 - abs(2 * score - 1) DESC LIMIT ${BUDGET}`;

const dir = tempDir('tideline-bench-curation-');
const nats = await startNatsServer();
try {
  const { project, key, clickhouseUrl, direct } = await prepareBenchData(nats.url, dir.path);
  await migrate(direct, 'evalstore', evalstoreMigrations);
  const [, generateMs] = await timed(async () => {
    await generate(direct, project, 'candidates', CANDIDATES, false);
    await generate(direct, project, 'train', DATASET_ROWS, true);
    await direct.command({ query: 'OPTIMIZE TABLE evalstore_predictions FINAL' });
  });
  const handTimes: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const [ids, ms] = await timed(async () => (await direct.query({ query: HAND_SQL, query_params: { project: project }, format: 'JSONEachRow' })).json());
    if (ids.length !== BUDGET) throw new Error(`hand-written SQL returned ${ids.length} rows`);
    if (i > 0) handTimes.push(ms); // the first run warms caches
  }
  const hand = median(handTimes);
  await direct.close();

  // The platform process owns the chDB directory from here on.
  const platform = await startPlatformProcess(
    { NATS_URL: nats.url, CLICKHOUSE_URL: clickhouseUrl, TIDELINE_HOME: dir.path, TIDELINE_INTERNAL_SECRET: 'c'.repeat(64), CURATION_LABEL_BUDGET: '10000000' },
    300_000,
  );
  try {
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(`${platform.url}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: Record<string, Record<string, unknown>>; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
      return body.data!;
    };
    const window = { from: new Date(T0).toISOString(), to: new Date(T0 + DAY).toISOString() };
    const strategy = async (name: string, extra: Record<string, unknown> = {}) => {
      const times: number[] = [];
      for (let run = 0; run <= RUNS; run++) {
        const [data, ms] = await timed(() =>
          gql('mutation($input: RequestLabelsInput!) { requestLabels(input: $input) { activeCount controlCount candidates } }', {
            input: { model: 'candidates', window, strategy: name, budget: BUDGET, controlShare: 0.1, seed: run, ...extra },
          }),
        );
        const r = data.requestLabels!;
        if (Number(r.activeCount) + Number(r.controlCount) !== BUDGET) throw new Error(`${name} picked ${JSON.stringify(r)}`);
        if (run > 0) times.push(ms); // the first run warms caches
      }
      return median(times);
    };
    const results: [string, number, number][] = [];
    for (const [name, extra, target] of [
      ['RANDOM', {}, 5000],
      ['MARGIN', {}, 5000],
      ['ENTROPY', {}, 5000],
      ['STRATIFIED', { stratifyBy: 'tags.country' }, 5000],
      ['HYBRID', {}, 15000],
    ] as const) {
      results.push([name, await strategy(name, extra), target]);
    }

    const [dataset, curateMs] = await timed(() =>
      gql('mutation($input: CurateDatasetInput!) { curateDataset(input: $input) { id contentHash rowCount } }', {
        input: { model: 'train', windows: [window], stratifyBy: ['tags.country'], recencyHalfLife: '12h', seed: 1 },
      }),
    );
    const { id, contentHash, rowCount } = dataset.curateDataset as { id: string; contentHash: string; rowCount: number };
    if (rowCount !== DATASET_ROWS) throw new Error(`the dataset holds ${rowCount} rows, not ${DATASET_ROWS}`);
    const file = join(dir.path, 'export.parquet');
    const [bytes, exportMs] = await timed(async () => {
      const res = await fetch(`${platform.url}/v1/datasets/${id}?format=parquet`, { headers: { authorization: `Bearer ${key}` } });
      if (res.status !== 200) throw new Error(`export answered ${res.status}`);
      const body = Buffer.from(await res.arrayBuffer());
      writeFileSync(file, body);
      return body.length;
    });
    const readBack = JSON.parse(chdbQuery(`${contentHashSql(`file('${file}', 'Parquet')`)} FORMAT JSONEachRow`, 'JSONEachRow')) as { content_hash: string; row_count: number };
    if (readBack.content_hash !== contentHash || readBack.row_count !== DATASET_ROWS) throw new Error(`the export read back gives ${JSON.stringify(readBack)}, not ${contentHash}`);

    const fmt = (ms: number) => `${Math.round(ms).toLocaleString('en-US')} ms`.padStart(10);
    console.log(`
bench:curation  (medians of ${RUNS} runs after one warm-up; data generated in ClickHouse in ${fmt(generateMs).trim()})
  requestLabels · ${BUDGET.toLocaleString('en-US')} rows (10 % control) out of ${CANDIDATES.toLocaleString('en-US')} unlabeled candidates, 10 numeric features
    hand-written ORDER BY uncertainty LIMIT ${BUDGET} directly on ClickHouse: ${fmt(hand)}
${results.map(([name, ms, target]) => `    ${name.padEnd(11)} through the gateway: ${fmt(ms)}   ratio ${(ms / hand).toFixed(2)}   (target ≤ ${target.toLocaleString('en-US')} ms)`).join('\n')}
  curateDataset · ${DATASET_ROWS.toLocaleString('en-US')} labeled rows, splits stratified by label × country, recency weights
    snapshot (copy, splits, weights, hash, registration): ${fmt(curateMs)}   (target ≤ 20,000 ms)
    Parquet export through the gateway (${(bytes / 1e6).toFixed(1)} MB):   ${fmt(exportMs)}   (target ≤ 20,000 ms)
    read back by ClickHouse: ${readBack.row_count.toLocaleString('en-US')} rows, same content hash
`);
  } finally {
    await platform.stop();
  }
} finally {
  await nats.stop();
  dir.remove();
}
