import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  readonly code = 'MIGRATION_FAILED';
}

export const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;

/** The statements of a migration file: separated by `;` at the end of a line. */
export const splitStatements = (sql: string): string[] =>
  sql
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Applies the numbered SQL files of `directory` (`001_predictions.sql`, …)
 * that are not yet recorded in `tideline_migrations`, in order. Statements
 * within a file are separated by `;` at the end of a line. `scope` keeps
 * each service's numbering apart.
 */
export async function migrate(client: ClickHouseClient, scope: string, directory: string): Promise<string[]> {
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS tideline_migrations (scope String, name String, applied_at DateTime64(3) DEFAULT now64(3))
            ENGINE = ReplacingMergeTree ORDER BY (scope, name)`,
  });
  const files = (await readdir(directory)).filter((f) => f.endsWith('.sql')).sort();
  const numbers = new Set<string>();
  for (const file of files) {
    const number = MIGRATION_FILE.exec(file)?.[1];
    if (!number) throw new MigrationError(`migration file '${file}' in ${directory} must be named NNN_snake_case.sql`);
    if (numbers.has(number)) throw new MigrationError(`two migrations in ${directory} share the number ${number}`);
    numbers.add(number);
  }
  const result = await client.query({
    query: 'SELECT name FROM tideline_migrations FINAL WHERE scope = {scope:String}',
    query_params: { scope },
    format: 'JSONEachRow',
  });
  const applied = new Set((await result.json<{ name: string }>()).map((r) => r.name));
  const newlyApplied: string[] = [];
  for (const file of files) {
    if (applied.has(file)) continue;
    const sql = await readFile(join(directory, file), 'utf8');
    for (const statement of splitStatements(sql)) {
      try {
        await client.command({ query: statement });
      } catch (cause) {
        throw new MigrationError(`migration ${scope}/${file} failed: ${(cause as Error).message}`, { cause });
      }
    }
    await client.insert({ table: 'tideline_migrations', values: [{ scope, name: file }], format: 'JSONEachRow' });
    newlyApplied.push(file);
  }
  return newlyApplied;
}
