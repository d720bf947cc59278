import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClusterDdlError,
  MODEL_KEY,
  clusterDdl,
  createClickHouseClient,
  localName,
  migrate,
  replicationPath,
  serviceMigrations,
  type ClickHouseClient,
  type ClusterStatement,
  type MigrationFile,
} from '../src/index.ts';

// The embedded engine has no cluster and no Keeper, so it cannot create these
// tables; it parses them with the server's own parser (formatQuery), which
// also prints each clause on its own line for the comparisons below.
const servicesRoot = fileURLToPath(new URL('../../../services', import.meta.url));
const options = { cluster: 'tideline_cluster', database: 'tideline' };
const home = mkdtempSync(join(tmpdir(), 'tideline-cluster-ddl-'));
let client: ClickHouseClient;
let files: MigrationFile[];
let statements: ClusterStatement[];

const format = async (sql: string) => {
  const result = await client.query({ query: 'SELECT formatQuery({sql:String}) AS f', query_params: { sql }, format: 'JSONEachRow' });
  return (await result.json<{ f: string }>())[0]!.f;
};
const lines = (formatted: string, clause: RegExp) => formatted.split('\n').filter((l) => clause.test(l));
const columnsOf = (formatted: string) => formatted.slice(formatted.indexOf('\n(\n'), formatted.indexOf('\n)\nENGINE'));
const tableOf = (s: ClusterStatement) => /^CREATE TABLE (?:IF NOT EXISTS )?(\w+)/m.exec(s.original ?? s.sql)![1]!;
const ofKind = (kind: ClusterStatement['kind']) => statements.filter((s) => s.kind === kind);

beforeAll(async () => {
  client = createClickHouseClient(`chdb://${home}`);
  files = await serviceMigrations(servicesRoot);
  statements = clusterDdl(files, options);
});

afterAll(async () => {
  await client.close();
  rmSync(home, { recursive: true, force: true });
});

describe('cluster DDL of the platform migrations', () => {
  it('covers every migration file, and every statement parses, manual steps included', async () => {
    expect(files.map((f) => `${f.scope}/${f.file}`)).toContain('evalstore/006_model_summary.sql');
    expect(new Set(statements.filter((s) => s.file).map((s) => `${s.scope}/${s.file}`))).toEqual(new Set(files.map((f) => `${f.scope}/${f.file}`)));
    const failures: string[] = [];
    for (const s of statements) {
      await format(s.sql).catch((e: Error) => failures.push(`${s.scope}/${s.file}: ${e.message.slice(0, 300)}`));
    }
    expect(failures).toEqual([]);
    // The check can fail: an unbalanced statement does not parse.
    await expect(format(`CREATE TABLE x ON CLUSTER ${options.cluster} (a String`)).rejects.toThrow(/Syntax error/);
  });

  it('keeps each local table’s columns, ORDER BY, PARTITION BY, TTL and engine parameters', async () => {
    const locals = ofKind('local-table');
    expect(locals.map(tableOf)).toEqual(expect.arrayContaining(['evalstore_predictions', 'evalstore_feedback', 'evalstore_model_summary', 'alerts']));
    for (const s of locals) {
      const table = tableOf(s);
      const [original, local] = [await format(s.original!), await format(s.sql)];
      expect(local.split('\n')[0]).toMatch(new RegExp(`^CREATE TABLE (IF NOT EXISTS )?${localName(table)} ON CLUSTER ${options.cluster}$`));
      expect(columnsOf(original)).toMatch(/^\s+`\w+` /m);
      expect(columnsOf(local)).toEqual(columnsOf(original));
      expect(lines(original, /^(ORDER BY|PRIMARY KEY) /).length).toBeGreaterThan(0);
      const clauses = /^(PARTITION BY|ORDER BY|PRIMARY KEY|SAMPLE BY|TTL) /;
      expect(lines(local, clauses)).toEqual(lines(original, clauses));
      expect(lines(local, /^SETTINGS /)).toEqual(lines(original, /^SETTINGS /).map((l) => l.replace('non_replicated_', 'replicated_')));
      const [engineLine] = lines(original, /^ENGINE = /);
      const [, engine, args] = /^ENGINE = (\w+)(?:\((.*)\))?$/.exec(engineLine!)!;
      const path = `'${replicationPath(options.database, localName(table))}', '{replica}'`;
      // An engine without a Replicated variant (EmbeddedRocksDB) stays as it is, flagged.
      const expected = s.manual ? engineLine : `ENGINE = Replicated${engine}(${args ? `${path}, ${args}` : path})`;
      expect(lines(local, /^ENGINE = /)).toEqual([expected]);
    }
  });

  it('gives each table a Distributed twin sharded by its key; predictions and feedback share the model’s shard', async () => {
    const keys = new Map<string, string>();
    for (const s of ofKind('distributed-table')) {
      const [, table, local, key] = /^CREATE TABLE (?:IF NOT EXISTS )?(\w+) ON CLUSTER \w+ AS (\w+)\nENGINE = Distributed\(\w+, \w+, \w+, (.+)\)$/.exec(s.sql)!;
      expect(local).toBe(localName(table!));
      expect(s.sql).toContain(`Distributed(${options.cluster}, ${options.database}, ${local}, `);
      keys.set(table!, key!);
    }
    expect(new Set(keys.keys())).toEqual(new Set(ofKind('local-table').map(tableOf)));
    for (const table of ['evalstore_predictions', 'evalstore_feedback', 'evalstore_model_summary', 'curation_label_picks']) expect(keys.get(table)).toBe(MODEL_KEY);
    expect(keys.get('alerts_webhook_dead_letters')).toBe('cityHash64(project, webhook_id)');
  });

  it('points views at local tables, and runs backfills on every shard or hands joins to the operator', async () => {
    const views = ofKind('materialized-view');
    expect(views.length).toBeGreaterThanOrEqual(2);
    for (const v of views) {
      const formatted = await format(v.sql);
      expect(formatted).toMatch(new RegExp(`ON CLUSTER ${options.cluster} TO \\w+_local\\n`));
      for (const [, table] of formatted.matchAll(/\bFROM (\w+)/g)) expect(table).toMatch(/_local$/);
    }
    const inserts = ofKind('insert-select');
    const joins = inserts.filter((s) => /\bJOIN\b/.test(s.sql));
    expect(joins.map((s) => s.file)).toContain('005_predictions_unpartitioned.sql');
    for (const s of joins) {
      expect(s.manual).toMatch(/one replica of every shard/);
      expect(s.sql).not.toMatch(/\b(evalstore_predictions|evalstore_predictions_005)\b/);
    }
    const perShard = inserts.filter((s) => !s.manual);
    expect(perShard.length).toBeGreaterThanOrEqual(4);
    for (const s of perShard) expect(s.sql).toMatch(/parallel_distributed_insert_select = 2$/);
    expect(ofKind('exchange').map((s) => s.sql)).toEqual([
      `EXCHANGE TABLES evalstore_predictions_local AND evalstore_predictions_005_local ON CLUSTER ${options.cluster}`,
    ]);
    expect(ofKind('truncate').map((s) => s.sql.split('\n').at(-1))).toEqual([`TRUNCATE TABLE metrics_folds_local ON CLUSTER ${options.cluster}`]);
  });

  it('changes columns of both tables, and runs mutations on the local one only', () => {
    const alters = ofKind('alter').filter((s) => s.file === '008_stored_at.sql').map((s) => `${/ALTER TABLE \w+/.exec(s.sql)![0]} ${/MATERIALIZE/.test(s.sql) ? 'MATERIALIZE' : 'ADD'}`);
    expect(alters).toEqual([
      'ALTER TABLE evalstore_predictions_local ADD',
      'ALTER TABLE evalstore_predictions ADD',
      'ALTER TABLE evalstore_predictions_local MATERIALIZE',
      'ALTER TABLE evalstore_feedback_local ADD',
      'ALTER TABLE evalstore_feedback ADD',
      'ALTER TABLE evalstore_feedback_local MATERIALIZE',
    ]);
  });

  it('fills the migration ledger so that migrate() at start applies nothing', async () => {
    const ledger = ofKind('bookkeeping');
    expect(ledger[0]!.sql).toContain("ReplicatedReplacingMergeTree('/clickhouse/tables/all/tideline/tideline_migrations', '{replica}')");
    // The ledger migrate() creates, then the generated rows in it.
    const empty = join(home, 'no-migrations');
    mkdirSync(empty);
    await migrate(client, 'none', empty);
    await client.command({ query: ledger[1]!.sql });
    for (const scope of new Set(files.map((f) => f.scope))) {
      expect(await migrate(client, scope, join(servicesRoot, scope, 'src', 'migrations'))).toEqual([]);
    }
  });

  it('refuses what it cannot translate, naming the field, table or file', () => {
    const file = (sql: string): MigrationFile[] => [{ scope: 'demo', file: '001_demo.sql', sql }];
    expect(() => clusterDdl([], { cluster: 'bad-name', database: 'tideline' })).toThrow(new ClusterDdlError("cluster: 'bad-name' must be a plain identifier (letters, digits, _; not starting with a digit)"));
    expect(() => clusterDdl(file('CREATE TABLE kv (key String) ENGINE = MergeTree ORDER BY key'), options)).toThrow(/demo\/001_demo.sql: table kv has no sharding key/);
    expect(() => clusterDdl(file('CREATE MATERIALIZED VIEW v AS SELECT 1'), options)).toThrow(/must write TO a table/);
    expect(() => clusterDdl(file('RENAME TABLE a TO b'), options)).toThrow(/demo\/001_demo.sql: statement not understood by the cluster generator: RENAME TABLE a TO b/);
  });
});
