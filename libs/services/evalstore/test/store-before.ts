/** An embedded store as it was before one of the store's migrations, for the tests that upgrade one in place. */
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createClickHouseClient, migrate, type ClickHouseClient } from '@tideline/clickhouse';
import { tempDir } from '@tideline/testing';
import { evalstoreMigrations } from '../src/module.ts';

export interface StoreBefore {
  client: ClickHouseClient;
  /** Creates the store as it was before the migration (the migrations before it). */
  migrateBefore(): Promise<string[]>;
  /** What an upgrade applies, in order: the migration and those after it. */
  upgradeApplies: string[];
  remove(): Promise<void>;
}

export function storeBefore(migration: string): StoreBefore {
  const dir = tempDir('evalstore-data-');
  const before = tempDir(`evalstore-before-${migration.slice(0, 3)}-`);
  const files = readdirSync(evalstoreMigrations).filter((f) => f.endsWith('.sql')).sort();
  for (const file of files.filter((f) => f < migration)) copyFileSync(join(evalstoreMigrations, file), join(before.path, file));
  const client = createClickHouseClient(`chdb://${dir.path}`);
  return {
    client,
    migrateBefore: () => migrate(client, 'evalstore', before.path),
    upgradeApplies: files.filter((f) => f >= migration),
    async remove() {
      await client.close();
      dir.remove();
      before.remove();
    },
  };
}
