import { insertBody, type ClickHouseClient } from '@tideline/clickhouse';
import type { Logger } from '@tideline/runtime';
import { insertErrorSummary, isPermanentInsertError } from './insert-errors.ts';
import { insertFailures } from './metrics.ts';

/** Thrown when the writer stops while an insert still fails: the batch stays unacked, for redelivery. */
export class StopRequested extends Error {
  override readonly name = 'StopRequested';
}

export interface InsertContext {
  clickhouse: ClickHouseClient;
  logger: Logger;
  /** True once the writer is stopping: transient failures then give up after a few attempts. */
  stopping(): boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One INSERT of rows given as JSONCompactEachRow lines (JSON arrays in
 * `columns` order). Measured in chDB against `client.insert` with JSONEachRow
 * objects: about half the CPU per row (no per-row key matching, no stream
 * adapter), and a ClickHouse server reads the same body. `insertBody` hands it
 * to chDB as a file (a third of the engine's CPU of the same body inline). The
 * token makes a retried insert of the same rows a no-op (tables set
 * non_replicated_deduplication_window); it is always given, because chDB
 * keeps a setting for the session once set.
 */
async function insertOnce(clickhouse: ClickHouseClient, table: Table, lines: readonly string[], token: string): Promise<void> {
  await insertBody(clickhouse, {
    table: table.name,
    columns: table.columns,
    format: 'JSONCompactEachRow',
    body: lines.join('\n'),
    clickhouse_settings: { insert_deduplicate: 1, insert_deduplication_token: token },
  });
}

/** A table and the columns of the lines inserted into it. */
export interface Table {
  name: string;
  columns: readonly string[];
}

/** The line of a row object, in `columns` order. */
export const lineOf = (columns: readonly string[], row: object) => JSON.stringify(columns.map((c) => (row as Record<string, unknown>)[c]));

/**
 * Inserts rows, retrying transient failures with backoff (up to 10 s apart)
 * for as long as they last: they are never dropped. A permanent failure (the
 * data is at fault) is thrown at once, for the caller to isolate.
 */
export async function insertRetrying(ctx: InsertContext, table: Table, lines: readonly string[], token: string): Promise<void> {
  if (lines.length === 0) return;
  for (let attempt = 0; ; attempt++) {
    try {
      return await insertOnce(ctx.clickhouse, table, lines, token);
    } catch (err) {
      const permanent = isPermanentInsertError(err);
      insertFailures.inc({ error: permanent ? 'permanent' : 'transient' });
      if (permanent) throw err;
      if (ctx.stopping() && attempt >= 2) throw new StopRequested(`insert into ${table} still failing at shutdown`, { cause: err });
      const delay = Math.min(100 * 2 ** attempt, 10_000);
      ctx.logger.warn({ error: insertErrorSummary(err), table: table.name, rows: lines.length, attempt, delay }, 'insert failed; retrying');
      await sleep(delay);
    }
  }
}

export interface Refused<T> {
  item: T;
  failure: { code: string; reason: string };
}

/**
 * Inserts the rows (lines) of `items`, storing every row ClickHouse accepts. When the
 * data is at fault the rows are split in halves, recursively, until the rows
 * refused on their own are found (one bad row among n costs about 2·log2(n)
 * extra inserts); those are returned with the reason, the rest are stored.
 * Each part has its own deterministic token, so a redelivered batch that
 * bisects the same way stores each part once.
 */
export async function insertIsolating<T>(ctx: InsertContext, table: Table, items: readonly T[], lineOfItem: (item: T) => string, token: string): Promise<Refused<T>[]> {
  if (items.length === 0) return [];
  try {
    await insertRetrying(ctx, table, items.map(lineOfItem), token);
    return [];
  } catch (err) {
    if (!isPermanentInsertError(err)) throw err;
    if (items.length === 1) return [{ item: items[0]!, failure: insertErrorSummary(err) }];
    const half = items.length >>> 1;
    const left = await insertIsolating(ctx, table, items.slice(0, half), lineOfItem, `${token}.0`);
    const right = await insertIsolating(ctx, table, items.slice(half), lineOfItem, `${token}.1`);
    return [...left, ...right];
  }
}
