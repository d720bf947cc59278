import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouseClient, insertBody, type ClickHouseClient } from '../src/index.ts';

// The embedded engine reads insert bodies from spool files: the same rows,
// errors and deduplication as a body sent with the statement, no file left.
const home = mkdtempSync(join(tmpdir(), 'tideline-insert-body-'));
const spoolRoot = join(home, 'tideline_insert_spool');
const stale = join(spoolRoot, '999999999-1');
let client: ClickHouseClient;

const body = (rows: readonly unknown[][]) => rows.map((r) => JSON.stringify(r)).join('\n');
const insert = (rows: string, token: string) =>
  insertBody(client, {
    table: 'items',
    columns: ['id', 'tags', 'score'],
    format: 'JSONCompactEachRow',
    body: rows,
    clickhouse_settings: { insert_deduplicate: 1, insert_deduplication_token: token },
  });
const rowsOf = async () => (await client.query({ query: 'SELECT id, tags, score FROM items ORDER BY id', format: 'JSONCompactEachRow' })).json<unknown[]>();

beforeAll(async () => {
  // A spool directory left by a process killed mid-insert.
  mkdirSync(stale, { recursive: true });
  writeFileSync(join(stale, 'left.JSONCompactEachRow'), '["x",{},1]');
  client = createClickHouseClient(`chdb://${home}`);
  await client.command({
    query: 'CREATE TABLE items (id String, tags Map(String, String), score Nullable(Float64)) ENGINE = MergeTree ORDER BY id SETTINGS non_replicated_deduplication_window = 100',
  });
});

afterAll(async () => {
  await client.close();
  rmSync(home, { recursive: true, force: true });
});

describe('insertBody on the embedded engine', () => {
  it('removes the spool directories of other processes when a client starts', () => {
    const dirs = readdirSync(spoolRoot);
    expect(dirs).toHaveLength(1);
    expect(dirs[0]).toMatch(new RegExp(`^${process.pid}-\\d+$`));
  });

  it('stores the rows of the body, typed by the table, and drops a retry with the same token', async () => {
    const rows = body([
      ['a', { country: "O'Hara \\ x" }, 0.5],
      ['b', {}, null],
    ]);
    await insert(rows, 't1');
    await insert(rows, 't1');
    expect(await rowsOf()).toEqual([
      ['a', { country: "O'Hara \\ x" }, 0.5],
      ['b', {}, null],
    ]);
  });

  it('fails as ClickHouse refuses the data, with its error code, and leaves no file behind', async () => {
    const poison = '["c",{"country":"B\\ud800R"},1]';
    await expect(insert(poison, 't2')).rejects.toMatchObject({ type: 'CANNOT_PARSE_ESCAPE_SEQUENCE' });
    expect((await rowsOf()).map((r) => r[0])).toEqual(['a', 'b']);
    const own = readdirSync(spoolRoot).map((d) => readdirSync(join(spoolRoot, d)));
    expect(own).toEqual([[]]);
  });
});
