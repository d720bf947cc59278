/**
 * `tideline ingest` against the whole platform as `npm start` runs it: every
 * input format read by chDB, a bad row rejected into the summary file while
 * the valid ones are stored, column mapping, deterministic ids for files
 * without an id column, feedback, and an interrupted ingest resumed storing
 * each row once (counted through the API).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { query } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, eventually, startDevPlatform, tempDir, type DevPlatform, type TempDir } from '@tideline/testing';
import { cliOk, runCli, startCli } from './cli-process.ts';

let platform: DevPlatform;
let dir: TempDir;
let env: Record<string, string>;
beforeAll(async () => {
  platform = await startDevPlatform();
  dir = tempDir('tideline-cli-ingest-');
  env = { TIDELINE_URL: platform.url, TIDELINE_KEY: platform.key, TIDELINE_STATE_DIR: join(dir.path, 'state') };
}, 180_000);
afterAll(async () => {
  await platform?.stop();
  dir?.remove();
});

/** Writes `select`'s rows to `file` in ClickHouse's `format`. */
const write = (file: string, select: string, format: string) => query(`${select} INTO OUTFILE '${join(dir.path, file)}' TRUNCATE FORMAT ${format}`);

// 30 rows; row 7 (number 6) has a score of 1.7, which the API rejects. Timestamps typed where the format has a type for them.
const FIXTURE = (typedTime: boolean) => `SELECT concat('f-', toString(number)) AS id,
  ${typedTime ? "toDateTime64('2026-01-02 00:00:00', 3, 'UTC') + number * 60" : "formatDateTime(toDateTime('2026-01-02 00:00:00', 'UTC') + number * 60, '%Y-%m-%dT%H:%i:%SZ', 'UTC')"} AS timestamp,
  round(number / 10 - 1.5, 2) AS x1, if(number % 2 = 1, 'pro', 'free') AS plan, ['US', 'BR', 'DE'][number % 3 + 1] AS country,
  if(number = 6, 1.7, round(number / 30, 3)) AS score, number % 4 = 0 AS label FROM numbers(30)`;

interface Stored {
  id: string;
  timestamp: string;
  features: Record<string, unknown>;
  tags: Record<string, string>;
  output: { score: number };
  label: { positive: boolean } | null;
}

async function stored(model: string, count: number): Promise<Stored[]> {
  return eventually(async () => {
    const { model: m, predictions } = dataOf(
      await platform.gql<{ model: { predictionCount: number } | null; predictions: { nodes: Stored[] } }>(
        'query($m: String!) { model(name: $m) { predictionCount } predictions(model: $m, first: 100) { nodes { id timestamp features tags output { score } label { positive } } } }',
        { m: model },
      ),
    );
    return m?.predictionCount === count && predictions.nodes.length === count ? predictions.nodes : undefined;
  }, 60_000, 200);
}

const predictionCount = async (model: string) =>
  dataOf(await platform.gql<{ model: { predictionCount: number } | null }>('query($m: String!) { model(name: $m) { predictionCount } }', { m: model })).model?.predictionCount ?? 0;

describe('each format', () => {
  const formats = [
    ['csv', 'CSVWithNames', false],
    ['tsv', 'TSVWithNames', false],
    ['parquet', 'Parquet', true],
    ['arrow', 'Arrow', true],
    ['ndjson', 'JSONEachRow', false],
  ] as const;
  it.each(formats)('%s: 29 rows stored as mapped, the bad one in the rejects file', async (ext, format, typedTime) => {
    write(`rows.${ext}`, FIXTURE(typedTime), format);
    const model = `fixture_${ext}`;
    const result = await runCli(['ingest', 'predictions', join(dir.path, `rows.${ext}`), '--model', model, '--tags', 'country'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('29 accepted, 1 rejected');
    expect(result.stderr).toMatch(/progress 30\/30 rows in/);
    expect(readFileSync(join(dir.path, `rows.${ext}.rejected.csv`), 'utf8')).toBe('row,field,reason\n7,output.score,must be a probability between 0 and 1\n');
    const rows = await stored(model, 29);
    expect(rows.map((r) => r.id).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `f-${i}`).filter((id) => id !== 'f-6').sort());
    const f5 = rows.find((r) => r.id === 'f-5')!;
    expect(f5).toMatchObject({ timestamp: '2026-01-02T00:05:00.000Z', features: { x1: -1, plan: 'pro' }, tags: { country: 'DE' }, output: { score: 0.167 }, label: { positive: false } });
    expect(rows.find((r) => r.id === 'f-4')!.label).toEqual({ positive: true });
  });
});

it('maps columns with --map, gives a file without ids the same ids on every run, and ingests feedback', async () => {
  write('odd.csv', "SELECT number AS n, formatDateTime(toDateTime('2026-01-03 00:00:00', 'UTC') + number, '%Y-%m-%dT%H:%i:%SZ', 'UTC') AS when, number / 100 AS p, 'FR' AS cc, number * 2 AS amount FROM numbers(20)", 'CSVWithNames');
  const args = ['ingest', 'predictions', join(dir.path, 'odd.csv'), '--model', 'mapped', '--map', 'timestamp=when,score=p,tags.market=cc,features.spend=amount'];
  const first = await runCli(args, env);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stderr).toMatch(/has no id column: records get ids [0-9a-f]{12}-<row>/);
  const rows = await stored('mapped', 20);
  const row3 = rows.find((r) => r.id.endsWith('-3'))!;
  // Unmapped columns become features under their own names; mapped ones go where --map says.
  expect(row3).toMatchObject({ timestamp: '2026-01-03T00:00:02.000Z', features: { n: 2, spend: 4 }, tags: { market: 'FR' }, output: { score: 0.02 }, label: null });
  await cliOk(args, env);
  // Feedback for every other one, through the same path; the second run added nothing: still 20, now 10 labeled.
  const ids = rows.map((r) => r.id).sort();
  write('labels.ndjson', `SELECT arrayJoin([${ids.filter((_, i) => i % 2 === 0).map((id) => `'${id}'`).join(',')}]) AS predictionId, true AS label`, 'JSONEachRow');
  expect(await cliOk(['ingest', 'feedback', join(dir.path, 'labels.ndjson'), '--model', 'mapped'], env)).toContain('10 accepted, 0 rejected');
  await eventually(async () => {
    const { model } = dataOf(await platform.gql<{ model: { predictionCount: number; labeledCount: number } }>('{ model(name: "mapped") { predictionCount labeledCount } }'));
    return model.predictionCount === 20 && model.labeledCount === 10;
  }, 60_000, 200);
});

it('maps rows the engine rejects and rows the API rejects back to their file rows, across batches', async () => {
  // Batches of 4: row 2's label and row 6's empty id are refused by the mapping (never sent); rows 4 and 9 by the
  // API (score 1.5), which names them by their index in the batch sent, i.e. without the rows refused before them.
  write('mixed.csv', `SELECT if(number = 5, '', concat('r-', toString(number))) AS id, if(number IN (3, 8), 1.5, round(number / 20, 2)) AS score,
    multiIf(number = 1, 'maybe', number % 2 = 0, 'true', 'false') AS label FROM numbers(12)`, 'CSVWithNames');
  const result = await runCli(['ingest', 'predictions', join(dir.path, 'mixed.csv'), '--model', 'mixed', '--batch-size', '4'], env);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toContain('8 accepted, 4 rejected');
  expect(readFileSync(join(dir.path, 'mixed.csv.rejected.csv'), 'utf8')).toBe(
    "row,field,reason\n2,label,'maybe' is not a binary label (true/false or 1/0)\n4,output.score,must be a probability between 0 and 1\n6,id,is empty\n9,output.score,must be a probability between 0 and 1\n",
  );
  const rows = await stored('mixed', 8);
  expect(rows.map((r) => r.id).sort()).toEqual(['r-0', 'r-10', 'r-11', 'r-2', 'r-4', 'r-6', 'r-7', 'r-9']);
  expect([rows.find((r) => r.id === 'r-2')!.label, rows.find((r) => r.id === 'r-7')!.label]).toEqual([{ positive: true }, { positive: false }]);
});

it('refuses a --map column the file does not have, naming it', async () => {
  const result = await runCli(['ingest', 'predictions', join(dir.path, 'odd.csv'), '--model', 'mapped', '--map', 'score=nope'], env);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("--map score=nope: the file has no column 'nope' (it has n, when, p, cc, amount)");
});

it('resumes an interrupted ingest after its checkpoint and stores each row once', async () => {
  write('many.parquet', "SELECT concat('m-', toString(number)) AS id, toDateTime('2026-01-04 00:00:00', 'UTC') + number AS timestamp, number % 7 AS x1, (number % 10) / 10 AS score FROM numbers(3000)", 'Parquet');
  const args = ['ingest', 'predictions', join(dir.path, 'many.parquet'), '--model', 'resumed', '--batch-size', '100', '--rate', '400'];
  const first = startCli(args, env);
  // Interrupted (Ctrl-C) once some batches were checkpointed.
  await eventually(async () => /progress [1-9][\d,]*\/3,000/.test(first.stderr()), 60_000, 50);
  first.child.kill('SIGINT');
  expect((await first.done).code).toBe(130);
  const stoppedAt = Number(/interrupted after row ([\d,]+)/.exec(first.stderr())![1]!.replace(/,/g, ''));
  expect(stoppedAt).toBeGreaterThan(0);
  expect(stoppedAt).toBeLessThan(3000);
  const second = await runCli(args.filter((a) => a !== '--rate' && a !== '400').concat('--rate', '1000000'), env);
  expect(second.code, second.stderr).toBe(0);
  expect(second.stderr).toContain(`after row ${stoppedAt.toLocaleString('en-US')}`);
  // The second run sent only the rest; together every row, and the store holds each once.
  expect(second.stdout).toContain('3,000 accepted, 0 rejected');
  await eventually(async () => (await predictionCount('resumed')) === 3000, 60_000, 200);
  const readBack = query("SELECT count() FROM file('" + join(dir.path, 'many.parquet') + "', Parquet)", 'TSV').trim();
  expect(readBack).toBe('3000');
  expect(existsSync(join(dir.path, 'many.parquet.rejected.csv'))).toBe(false);
});
