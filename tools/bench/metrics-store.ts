import { fileURLToPath } from 'node:url';
import { createClickHouseClient, migrate, type ClickHouseClient } from '@tideline/clickhouse';
import { evalstoreMigrations } from '@tideline/evalstore';
import { tempDir } from '@tideline/testing';

/**
 * An in-process chDB in a temporary directory with the store's and the
 * metrics service's tables, for benchmarks that call the metrics read path
 * and the fold directly (approx-auc.ts, live-fold.ts); `close` removes it.
 */
export async function metricsStore(prefix: string): Promise<{ client: ClickHouseClient; close: () => Promise<void> }> {
  const dir = tempDir(prefix);
  const client = createClickHouseClient(`chdb://${dir.path}`);
  const close = async () => {
    await client.close();
    dir.remove();
  };
  try {
    await migrate(client, 'evalstore', evalstoreMigrations);
    await migrate(client, 'metrics', fileURLToPath(new URL('../../libs/services/metrics/src/migrations', import.meta.url)));
  } catch (err) {
    await close();
    throw err;
  }
  return { client, close };
}
