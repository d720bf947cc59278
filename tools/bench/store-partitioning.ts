/**
 * What migration 005 (evalstore_predictions without partitions) costs the
 * read path: the one read model (`labeledRows`) over a day, a month and a
 * year of a model with a year of history, on the monthly table as chDB 26
 * reads it (partition pruning deferred after FINAL, so every month is read
 * and merged), on the monthly table pruned before FINAL (as older servers
 * read it: cheaper, and wrong for a prediction re-sent into another month),
 * and on the table without partitions. Figures: libs/services/evalstore/README.md.
 *
 *   npm run bench:store-partitioning   (BENCH_ROWS=3000000; BENCH_TOY=1 for a toy size)
 */
import { createClickHouseClient } from '@tideline/clickhouse';
import { labeledRows } from '@tideline/store';
import { tempDir } from '@tideline/testing';
import { size } from './sizes.ts';

const ROWS = size('BENCH_ROWS', 3_000_000, 20_000);
const INSERTS = 60;
const T0 = Date.UTC(2025, 0, 1);
const YEAR = 365 * 86_400_000;
const COLUMNS = `project LowCardinality(String), model LowCardinality(String), model_version LowCardinality(String), id String, task LowCardinality(String),
  ts DateTime64(3, 'UTC'), received_at DateTime64(3, 'UTC'), features_num Map(String, Float64), features_str Map(String, String),
  features_bool Map(String, Bool), features_null Array(String), tags Map(String, String), score Nullable(Float64), probabilities Map(String, Float64),
  predicted_class Nullable(String), value Nullable(Float64), inline_label_positive Nullable(Bool), inline_label_class Nullable(String),
  inline_label_value Nullable(Float64), version UInt64`;

const dir = tempDir('tideline-bench-partitioning-');
const client = createClickHouseClient(`chdb://${dir.path}`);
try {
  await client.command({ query: `CREATE TABLE by_month (${COLUMNS}) ENGINE = ReplacingMergeTree(version) PARTITION BY toYYYYMM(ts) ORDER BY (project, model, model_version, id)` });
  await client.command({ query: `CREATE TABLE unpartitioned (${COLUMNS}) ENGINE = ReplacingMergeTree(version) ORDER BY (project, model, model_version, id)` });
  await client.command({
    query: `CREATE TABLE evalstore_feedback (project LowCardinality(String), model LowCardinality(String), prediction_id String, task LowCardinality(String),
      ts DateTime64(3, 'UTC'), received_at DateTime64(3, 'UTC'), label_positive Nullable(Bool), label_class Nullable(String), label_value Nullable(Float64), version UInt64)
      ENGINE = ReplacingMergeTree(version) ORDER BY (project, model, prediction_id)`,
  });
  // A year arriving in time order, 60 inserts; ids random with respect to time, as UUIDs are; every prediction labeled.
  const per = Math.ceil(ROWS / INSERTS);
  for (let b = 0; b < INSERTS; b++) {
    for (const table of ['by_month', 'unpartitioned']) {
      await client.command({
        query: `INSERT INTO ${table} (project, model, model_version, id, task, ts, received_at, tags, features_num, score, version)
          SELECT 'p', 'churn', 'v1', hex(cityHash64(number)), 'BINARY', fromUnixTimestamp64Milli(toInt64(${T0} + intDiv(number * ${YEAR}, ${ROWS}))), now64(3),
            map('country', concat('c', toString(number % 20))), map('x', (number % 97) / 10.0), (cityHash64(number, 3) % 1000000) / 1000000.0, 1
          FROM numbers(${b * per}, ${per})`,
        clickhouse_settings: { insert_deduplication_token: `${table}-${b}` },
      });
    }
    await client.command({
      query: `INSERT INTO evalstore_feedback SELECT 'p', 'churn', hex(cityHash64(number)), 'BINARY', now64(3), now64(3), number % 2 = 0, NULL, NULL, 1 FROM numbers(${b * per}, ${per})`,
      clickhouse_settings: { insert_deduplication_token: `feedback-${b}` },
    });
  }
  for (const table of ['by_month', 'unpartitioned', 'evalstore_feedback']) await client.command({ query: `OPTIMIZE TABLE ${table} FINAL` });

  const readers = {
    'by month, chDB 26 (all months merged)': { table: 'by_month', settings: { defer_partition_pruning_after_final: 1, do_not_merge_across_partitions_select_final: 0 } },
    'by month, pruned before FINAL (wrong)': { table: 'by_month', settings: { defer_partition_pruning_after_final: 0, do_not_merge_across_partitions_select_final: 1 } },
    'without partitions': { table: 'unpartitioned', settings: { defer_partition_pruning_after_final: 1, do_not_merge_across_partitions_select_final: 0 } },
  } as const;
  const windows = {
    day: { fromMs: Date.UTC(2025, 5, 1), toMs: Date.UTC(2025, 5, 2) },
    month: { fromMs: Date.UTC(2025, 5, 1), toMs: Date.UTC(2025, 6, 1) },
    year: { fromMs: T0, toMs: T0 + YEAR },
  };
  console.log(`${ROWS} predictions and labels over a year; median of 4 runs (after one warm-up)`);
  for (const [name, window] of Object.entries(windows)) {
    for (const [reader, { table, settings }] of Object.entries(readers)) {
      const source = labeledRows({ project: 'p', model: 'churn', window });
      const query = `SELECT count() AS n, countIf(labeled) AS labeled, avg(score) AS mean FROM (${source.sql.replaceAll('evalstore_predictions', table)})`;
      const times: number[] = [];
      let rowsRead = 0;
      let n = 0;
      for (let run = 0; run < 5; run++) {
        const t = performance.now();
        // chDB keeps settings for the session once set: every run sets all of them.
        const result = await client.query({ query, query_params: source.params, format: 'JSON', clickhouse_settings: settings });
        const body = await result.json<{ n: string | number }>();
        if (run > 0) times.push(performance.now() - t);
        rowsRead = Number(body.statistics?.rows_read);
        n = Number(body.data[0]!.n);
      }
      times.sort((a, b) => a - b);
      console.log(`${name.padEnd(5)} ${reader.padEnd(40)} ${String(Math.round((times[1]! + times[2]!) / 2)).padStart(6)} ms  ${String(rowsRead).padStart(9)} rows read  (${n} predictions)`);
    }
  }
} finally {
  await client.close();
  dir.remove();
}
