import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouseClient, type ClickHouseClient } from '@tideline/clickhouse';
import { freePort, tempDir, type TempDir } from '@tideline/testing';
import { insertErrorSummary, isPermanentInsertError } from './insert-errors.ts';

// Errors as ClickHouse raises them: real ones from chDB and from a client
// with nothing to talk to; the ones a laptop cannot provoke (TOO_MANY_PARTS,
// memory limits) in the server's own wording, as the client parses it.
const serverError = (code: number, type: string, text: string) => Object.assign(new Error(`${text} (${type})`), { code: String(code), type });

let dir: TempDir;
let chdb: ClickHouseClient;

const failure = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
};
const insert = (row: string) => chdb.command({ query: `INSERT INTO t (id, tags, score, ts) FORMAT JSONCompactEachRow\n${row}` });

beforeAll(async () => {
  dir = tempDir('insert-errors-');
  chdb = createClickHouseClient(`chdb://${dir.path}`);
  await chdb.command({ query: "CREATE TABLE t (id String, tags Map(String, String), score Nullable(Float64), ts DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY id" });
});

afterAll(async () => {
  await chdb?.close();
  dir?.remove();
});

describe('isPermanentInsertError', () => {
  it('calls bad data permanent: a lone surrogate, a value of the wrong type, an unreadable time', async () => {
    const surrogate = await failure(() => insert(JSON.stringify(['a', { country: 'B\ud800R' }, 0.5, 0])));
    const wrongType = await failure(() => insert(JSON.stringify(['b', {}, 'high', 0])));
    const badTime = await failure(() => insert(JSON.stringify(['c', {}, 0.5, 'yesterday'])));
    expect([surrogate, wrongType, badTime].map((e) => (e as { type: string }).type)).toEqual(['CANNOT_PARSE_ESCAPE_SEQUENCE', 'CANNOT_PARSE_NUMBER', 'CANNOT_PARSE_DATETIME']);
    for (const err of [surrogate, wrongType, badTime]) expect(isPermanentInsertError(err)).toBe(true);
  });

  it('calls everything else transient: ClickHouse unreachable, a missing table, timeouts, too many parts, memory', async () => {
    const unreachable = createClickHouseClient(`http://127.0.0.1:${await freePort()}`);
    const refused = await failure(() => unreachable.command({ query: 'SELECT 1' }));
    await unreachable.close();
    expect((refused as { code?: string }).code).toBe('ECONNREFUSED');
    const missingTable = await failure(() => chdb.command({ query: 'INSERT INTO nowhere (id) FORMAT JSONCompactEachRow\n["a"]' }));
    expect((missingTable as { type: string }).type).toBe('UNKNOWN_TABLE');
    const transient = [
      refused,
      missingTable,
      serverError(252, 'TOO_MANY_PARTS', 'Too many parts (3001) in table. Merges are processing significantly slower than inserts'),
      serverError(241, 'MEMORY_LIMIT_EXCEEDED', 'Memory limit (total) exceeded: would use 3.60 GiB'),
      serverError(159, 'TIMEOUT_EXCEEDED', 'Timeout exceeded: elapsed 300 seconds'),
      serverError(209, 'SOCKET_TIMEOUT', 'Timeout exceeded while reading from socket'),
      Object.assign(new Error('Timeout error.'), { code: 'ETIMEDOUT' }),
      new Error('something nobody classified'),
    ];
    for (const err of transient) expect(isPermanentInsertError(err), String(err)).toBe(false);
    // A numeric code alone is enough; a type name alone is enough.
    expect(isPermanentInsertError({ code: '72' })).toBe(true);
    expect(isPermanentInsertError({ type: 'TYPE_MISMATCH' })).toBe(true);
    expect(isPermanentInsertError({ code: 252 })).toBe(false);
  });
});

describe('insertErrorSummary', () => {
  it('keeps the error name and first sentence, never the row ClickHouse dumps after it', async () => {
    const err = await failure(() => insert(JSON.stringify(['d', { secret: 'do-not-log-me' }, 0.5, -1, 'extra'])));
    expect((err as Error).message).toContain('Row 1');
    const summary = insertErrorSummary(err);
    expect(summary.code).toBe((err as { type: string }).type);
    expect(summary.reason).not.toContain('Row 1');
    expect(summary.reason).not.toContain('do-not-log-me');
    expect(summary.reason.length).toBeLessThanOrEqual(501);
    expect(insertErrorSummary(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toEqual({ code: 'ECONNREFUSED', reason: 'connect ECONNREFUSED 127.0.0.1:1' });
  });
});
