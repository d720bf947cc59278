/**
 * `npm run -s cluster:ddl -- --cluster NAME [--database tideline] [--out DIR]`:
 * the platform's migrations as DDL for a ClickHouse cluster (docs/CLUSTER.md),
 * printed or written to DIR/cluster.sql. Apply it once with
 * `clickhouse-client --multiquery < cluster.sql`, then run the steps marked
 * MANUAL STEP on one replica of every shard.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { clusterDdl, renderClusterDdl, serviceMigrations } from '@tideline/clickhouse';

const { values } = parseArgs({
  options: {
    cluster: { type: 'string' },
    database: { type: 'string', default: 'tideline' },
    out: { type: 'string' },
  },
});
if (!values.cluster) throw new Error('--cluster: required, the cluster name of the servers’ remote_servers configuration');
const services = fileURLToPath(new URL('../../libs/services', import.meta.url));
const statements = clusterDdl(await serviceMigrations(services), { cluster: values.cluster, database: values.database });
const sql = renderClusterDdl(statements);
if (values.out) {
  await mkdir(values.out, { recursive: true });
  await writeFile(join(values.out, 'cluster.sql'), sql);
  const manual = statements.filter((s) => s.manual && s.kind !== 'local-table').length;
  process.stdout.write(`${statements.length} statements written to ${join(values.out, 'cluster.sql')}, ${manual} of them manual steps\n`);
} else {
  process.stdout.write(sql);
}
