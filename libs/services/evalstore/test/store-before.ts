/** An embedded store as it was before one of the store's migrations, for the tests that upgrade one in place. */
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createClickHouseClient, migrate, type ClickHouseClient } from '@tideline/clickhouse';
import { tempDir } from '@tideline/testing';
import { evalstoreMigrations } from '../src/module.ts';

export interface StoreBefore {
  /** Set before the file's tests run. */
  client: ClickHouseClient;
  /** Creates the store as it was before the migration (the migrations before it). */
  migrateBefore(): Promise<string[]>;
  /** What an upgrade applies, in order: the migration and those after it. */
  upgradeApplies: string[];
}

/**
 * A store for the file's tests (created before them, removed after them), as
 * it was before `migration` when `migrated` (else left for each test to
 * create with `migrateBefore`).
 */
export function storeBefore(migration: string, { migrated = true } = {}): StoreBefore {
  const dir = tempDir('evalstore-data-');
  const before = tempDir(`evalstore-before-${migration.slice(0, 3)}-`);
  const files = readdirSync(evalstoreMigrations).filter((f) => f.endsWith('.sql')).sort();
  for (const file of files.filter((f) => f < migration)) copyFileSync(join(evalstoreMigrations, file), join(before.path, file));
  const store: StoreBefore = {
    client: undefined as unknown as ClickHouseClient,
    migrateBefore: () => migrate(store.client, 'evalstore', before.path),
    upgradeApplies: files.filter((f) => f >= migration),
  };
  beforeAll(async () => {
    store.client = createClickHouseClient(`chdb://${dir.path}`);
    if (migrated) await store.migrateBefore();
  });
  afterAll(async () => {
    await store.client?.close();
    dir.remove();
    before.remove();
  });
  return store;
}
