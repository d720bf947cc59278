/**
 * The time bound on the ClickHouse queries of requests, on real chDB: the
 * statement keeps its meaning with the bound joined to its SETTINGS clause,
 * a query past the bound is stopped by the engine itself (TIMEOUT_EXCEEDED,
 * counted) and answered QUERY_TIMEOUT, a caller's budget shortens the bound
 * and never lengthens it, and the bound is the query's own (no SET left on
 * the shared session). A command that reads (INSERT … SELECT) is bounded
 * alike by `boundedCommand`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicError } from '@tideline/contracts';
import { withDeadline } from '@tideline/runtime';
import { boundedClient, boundedCommand, createClickHouseClient, queryTimeouts, withMaxExecutionTime, type ClickHouseClient } from '../src/index.ts';

// Minutes of work for one core: only a bound ends it within the test's time.
const ENDLESS = `SELECT count() AS n FROM numbers({n:UInt64}) WHERE sipHash64(number) % 7 = 3`;
const timeouts = async (bound: string) => (await queryTimeouts.get()).values.find((v) => v.labels.service === 'metrics' && v.labels.bound === bound)?.value ?? 0;

let dir: string;
let raw: ClickHouseClient;
let bounded: ClickHouseClient;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'query-bound-'));
  raw = createClickHouseClient(`chdb://${dir}`);
  bounded = boundedClient(raw, { service: 'metrics', setting: { env: 'METRICS_QUERY_TIMEOUT_MS' }, defaultMs: 400 });
});

afterAll(async () => {
  await raw?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const rows = async (client: ClickHouseClient, query: string, params: Record<string, unknown> = {}) =>
  (await client.query({ query, query_params: params, format: 'JSONEachRow' })).json<Record<string, unknown>>();

/** `run` fails with QUERY_TIMEOUT and `message` because the engine stopped it (TIMEOUT_EXCEEDED, not the client giving up), counted under the default bound. */
async function expectStopped(run: () => Promise<unknown>, message: string): Promise<void> {
  const before = await timeouts('default');
  const error = await run().catch((e: unknown) => e);
  expect(isPublicError(error) && error.code).toBe('QUERY_TIMEOUT');
  expect((error as Error).message).toBe(message);
  expect(((error as Error).cause as { code?: string }).code).toBe('159');
  expect(await timeouts('default')).toBe(before + 1);
}

describe('withMaxExecutionTime', () => {
  it('adds a SETTINGS clause, or joins the one that ends the statement', () => {
    expect(withMaxExecutionTime('SELECT 1;\n', 0.5)).toBe('SELECT 1\nSETTINGS max_execution_time = 0.5');
    expect(withMaxExecutionTime("SELECT 1 SETTINGS join_algorithm = 'full_sorting_merge'", 2)).toBe("SELECT 1 SETTINGS join_algorithm = 'full_sorting_merge', max_execution_time = 2");
    // A subquery's SETTINGS is its own: the bound goes to the outer statement.
    expect(withMaxExecutionTime('SELECT * FROM (SELECT 1 SETTINGS max_block_size = 1)', 2)).toBe('SELECT * FROM (SELECT 1 SETTINGS max_block_size = 1)\nSETTINGS max_execution_time = 2');
  });

  it('keeps the answers of statements the services write', async () => {
    const statements = [
      "SELECT 1 AS x SETTINGS join_algorithm = 'full_sorting_merge'",
      'SELECT x FROM (SELECT 1 AS x SETTINGS max_block_size = 1) -- a trailing comment',
      'WITH 2 AS y SELECT y AS x UNION ALL SELECT 3 AS x ORDER BY x',
      '/* why */ SELECT {v:UInt8} AS x SETTINGS max_block_size = 65536, max_threads = 1',
    ];
    // The same rows, in any order: the arms of a UNION ALL come in whichever order they finish (ORDER BY sorts the last arm only).
    const answer = async (client: typeof raw, sql: string) => (await rows(client, sql, { v: 7 })).map((r) => JSON.stringify(r)).sort();
    for (const sql of statements) expect(await answer(bounded, sql)).toEqual(await answer(raw, sql));
  });
});

describe('boundedClient', () => {
  it('has ClickHouse stop a query past the default bound, and answers QUERY_TIMEOUT', async () => {
    await expectStopped(() => rows(bounded, ENDLESS, { n: 1e12 }), 'the query did not finish within 400 ms (METRICS_QUERY_TIMEOUT_MS); ClickHouse stopped it');
    // The bound was the query's: the session's setting is still unlimited.
    expect(await rows(raw, "SELECT getSetting('max_execution_time') AS m")).toEqual([{ m: 0 }]);
  });

  it("bounds a query by the caller's remaining budget when it is shorter, never by a longer one", async () => {
    const before = await timeouts('caller');
    const error = await withDeadline(Date.now() + 150, () => rows(bounded, ENDLESS, { n: 1e12 })).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^the query did not finish within 1[0-5]\d ms \(the time the service that asked had left\); ClickHouse stopped it$/);
    expect(await timeouts('caller')).toBe(before + 1);
    const long = await withDeadline(Date.now() + 600_000, () => rows(bounded, ENDLESS, { n: 1e12 })).catch((e: unknown) => e);
    expect((long as Error).message).toContain('within 400 ms (METRICS_QUERY_TIMEOUT_MS)');
  });

  it('passes other statements and errors as they are', async () => {
    await bounded.command({ query: 'CREATE TABLE IF NOT EXISTS t (x UInt8) ENGINE = Memory' });
    expect(await rows(bounded, 'SHOW TABLES')).toEqual([{ name: 't' }]);
    const error = await rows(bounded, 'SELECT no_such_column').catch((e: unknown) => e);
    expect(isPublicError(error)).toBe(false);
    expect((error as { code?: string }).code).toBe('47');
  });
});

describe('boundedCommand', () => {
  it('has ClickHouse stop an INSERT … SELECT past its bound, and answers QUERY_TIMEOUT naming the setting', async () => {
    await raw.command({ query: 'CREATE TABLE copied (n UInt64) ENGINE = MergeTree ORDER BY n' });
    const bound = { service: 'metrics', setting: { env: 'METRICS_COPY_TIMEOUT_MS' }, defaultMs: 300 };
    const copy = () => boundedCommand(raw, { query: `INSERT INTO copied ${ENDLESS}`, query_params: { n: 1e12 } }, bound);
    await expectStopped(copy, 'the query did not finish within 300 ms (METRICS_COPY_TIMEOUT_MS); ClickHouse stopped it');
    // Within its bound it copies what the plain SELECT answers.
    await boundedCommand(raw, { query: `INSERT INTO copied ${ENDLESS}`, query_params: { n: 1000 } }, bound);
    expect(await rows(raw, 'SELECT n FROM copied')).toEqual(await rows(raw, ENDLESS, { n: 1000 }));
  });
});
