/**
 * Turns the platform's single-machine migrations into DDL for a ClickHouse
 * cluster (docs/CLUSTER.md): each table becomes a Replicated local table
 * `<name>_local` created ON CLUSTER plus a Distributed table under the
 * original name, so the services' queries run unchanged against any node.
 * Views, drops, exchanges and alters address the local tables; backfills run
 * on every shard, or are handed to the operator when they join tables.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { shardingKeyOf } from './cluster-sharding.ts';
import { MIGRATION_FILE, splitStatements } from './migrations.ts';

export class ClusterDdlError extends Error {
  override readonly name = 'ClusterDdlError';
}

export interface ClusterOptions {
  /** cluster name of the servers' remote_servers configuration */
  readonly cluster: string;
  /** database holding the platform's tables */
  readonly database: string;
}

export interface MigrationFile {
  readonly scope: string;
  readonly file: string;
  readonly sql: string;
}

export type ClusterStatementKind = 'local-table' | 'distributed-table' | 'materialized-view' | 'drop' | 'exchange' | 'alter' | 'truncate' | 'insert-select' | 'bookkeeping';

export interface ClusterStatement {
  readonly scope: string;
  readonly file: string;
  readonly kind: ClusterStatementKind;
  /** the generated statement, without its trailing `;` */
  readonly sql: string;
  /** local-table: the migration's CREATE it was made from */
  readonly original?: string;
  /** set when the operator must run it by hand: where and why */
  readonly manual?: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REPLICABLE = /^(Replacing|Aggregating|Summing|Collapsing|VersionedCollapsing)?MergeTree$/;
export const localName = (table: string) => `${table}_local`;
export const replicationPath = (database: string, table: string) => `/clickhouse/tables/{shard}/${database}/${table}`;

function checkOptions(options: ClusterOptions) {
  for (const field of ['cluster', 'database'] as const) {
    if (!IDENTIFIER.test(options[field])) {
      throw new ClusterDdlError(`${field}: '${options[field]}' must be a plain identifier (letters, digits, _; not starting with a digit)`);
    }
  }
}

/** Index of the `)` closing the `(` at `open`, skipping quoted literals and `--` comments. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      for (i++; i < text.length && text[i] !== "'"; i++) if (text[i] === '\\') i++;
    } else if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  throw new ClusterDdlError(`unbalanced parentheses in: ${text.slice(open, open + 80)}`);
}

/** Splits leading `--` comment lines (kept in the output) from the statement itself. */
function splitComments(statement: string): { head: string; body: string } {
  // A `;` ending a comment line splits statements too (as in migrate()): a chunk may be comments only.
  const head = /^(?:\s*--[^\n]*(?:\n|$))*\s*/.exec(statement)![0];
  return { head, body: statement.slice(head.length).trim() };
}

/** The names of every table and materialized view created anywhere in `files`. */
function createdNames(files: readonly MigrationFile[]) {
  const tables = new Set<string>();
  const views = new Set<string>();
  for (const f of files) {
    for (const m of f.sql.matchAll(/^CREATE TABLE (?:IF NOT EXISTS )?(\w+)/gm)) tables.add(m[1]!);
    for (const m of f.sql.matchAll(/^CREATE MATERIALIZED VIEW (?:IF NOT EXISTS )?(\w+)/gm)) views.add(m[1]!);
  }
  return { tables, views };
}

interface Context extends ClusterOptions {
  readonly tables: ReadonlySet<string>;
  readonly views: ReadonlySet<string>;
  /** sharding key per table seen so far */
  readonly keys: Map<string, string>;
}

type Generated = Omit<ClusterStatement, 'scope' | 'file'>;

/** Every reference to a platform table in `sql` renamed to its local table. */
const localize = (ctx: Context, sql: string) => sql.replace(/\b\w+\b/g, (word) => (ctx.tables.has(word) ? localName(word) : word));
const tablesIn = (ctx: Context, sql: string) => [...new Set((sql.match(/\b\w+\b/g) ?? []).filter((w) => ctx.tables.has(w)))];

function createTable(ctx: Context, body: string, where: string): Generated[] {
  const head = /^CREATE TABLE (IF NOT EXISTS )?(\w+)\s*/.exec(body)!;
  const [, ifNotExists = '', table] = head as unknown as [string, string | undefined, string];
  const open = head[0].length;
  if (body[open] !== '(') throw new ClusterDdlError(`${where}: CREATE TABLE ${table} must list its columns`);
  const close = closingParen(body, open);
  const columns = body.slice(open, close + 1);
  const engine = /^\s*ENGINE = (\w+)/.exec(body.slice(close + 1));
  if (!engine) throw new ClusterDdlError(`${where}: CREATE TABLE ${table} has no ENGINE`);
  let rest = close + 1 + engine[0].length;
  let args = '';
  if (body[rest] === '(') {
    const end = closingParen(body, rest);
    args = body.slice(rest + 1, end).trim();
    rest = end + 1;
  }
  const tail = body.slice(rest).replace(/\bnon_replicated_deduplication_window\b/g, 'replicated_deduplication_window');
  const sharding = shardingKeyOf(table, columns);
  if (!sharding) throw new ClusterDdlError(`${where}: table ${table} has no sharding key: name one in cluster-sharding.ts`);
  ctx.keys.set(table, sharding.key);
  const local = localName(table);
  const replicable = REPLICABLE.test(engine[1]!);
  const replicated = replicable
    ? `Replicated${engine[1]}('${replicationPath(ctx.database, local)}', '{replica}'${args ? `, ${args}` : ''})`
    : `${engine[1]}${args ? `(${args})` : ''}`;
  return [
    {
      kind: 'local-table',
      sql: `CREATE TABLE ${ifNotExists}${local} ON CLUSTER ${ctx.cluster}\n${columns}\nENGINE = ${replicated}${tail}`,
      original: body,
      ...(replicable ? {} : { manual: `${engine[1]} does not replicate: each replica keeps its own copy, filled only by inserts it receives` }),
    },
    {
      kind: 'distributed-table',
      sql: `CREATE TABLE ${ifNotExists}${table} ON CLUSTER ${ctx.cluster} AS ${local}\nENGINE = Distributed(${ctx.cluster}, ${ctx.database}, ${local}, ${sharding.key})`,
    },
  ];
}

function materializedView(ctx: Context, body: string, where: string): Generated[] {
  const m = /^CREATE MATERIALIZED VIEW (IF NOT EXISTS )?(\w+) TO (\w+) AS\b/.exec(body);
  if (!m) throw new ClusterDdlError(`${where}: a materialized view must write TO a table (CREATE MATERIALIZED VIEW name TO table AS …)`);
  // A view on the Distributed table would fire only on the node taking the
  // insert; on the local table it fires on the shard the rows landed on.
  const select = localize(ctx, body.slice(m[0].length));
  return [{ kind: 'materialized-view', sql: `CREATE MATERIALIZED VIEW ${m[1] ?? ''}${m[2]} ON CLUSTER ${ctx.cluster} TO ${localName(m[3]!)} AS${select}` }];
}

function drop(ctx: Context, body: string): Generated[] {
  const [, ifExists = '', name, rest = ''] = /^DROP TABLE (IF EXISTS )?(\w+)(.*)$/s.exec(body)! as unknown as string[];
  const names = ctx.tables.has(name!) ? [name!, localName(name!)] : [name!];
  return names.map((n) => ({ kind: 'drop' as const, sql: `DROP TABLE ${ifExists}${n} ON CLUSTER ${ctx.cluster}${rest}` }));
}

function insertSelect(ctx: Context, body: string): Generated[] {
  const target = /^INSERT INTO (\w+)/.exec(body)![1]!;
  const sources = tablesIn(ctx, body.slice(body.indexOf('SELECT'))).filter((t) => t !== target);
  const key = ctx.keys.get(target);
  if (sources.length === 1 && ctx.keys.get(sources[0]!) === key && !/\bJOIN\b/.test(body)) {
    // Both tables shard alike, so each shard copies its own rows into its own
    // local table: INSERT and SELECT run on every shard, nothing crosses.
    const settings = /\bSETTINGS\b[^()]*$/.test(body) ? ', ' : '\nSETTINGS ';
    return [{ kind: 'insert-select', sql: `${body}${settings}parallel_distributed_insert_select = 2` }];
  }
  return [
    {
      kind: 'insert-select',
      sql: localize(ctx, body),
      manual:
        `run on one replica of every shard before the statements below (INSERT has no ON CLUSTER; a no-op on a new, empty cluster): ` +
        `it reads ${sources.join(', ')} of the shard itself, which holds all rows of its models since those tables share the key ${key}`,
    },
  ];
}

function generate(ctx: Context, body: string, where: string): Generated[] {
  if (body.startsWith('CREATE TABLE ')) return createTable(ctx, body, where);
  if (body.startsWith('CREATE MATERIALIZED VIEW ')) return materializedView(ctx, body, where);
  if (body.startsWith('DROP TABLE ')) return drop(ctx, body);
  if (body.startsWith('INSERT INTO ')) return insertSelect(ctx, body);
  const exchange = /^EXCHANGE TABLES (\w+) AND (\w+)$/.exec(body);
  if (exchange) {
    // The Distributed tables keep pointing at `<name>_local`, which now hold the swapped data.
    return [{ kind: 'exchange', sql: `EXCHANGE TABLES ${localName(exchange[1]!)} AND ${localName(exchange[2]!)} ON CLUSTER ${ctx.cluster}` }];
  }
  // A Distributed table holds no rows: its shards' local tables are emptied.
  const truncate = /^TRUNCATE TABLE (IF EXISTS )?(\w+)$/.exec(body);
  if (truncate) return [{ kind: 'truncate', sql: `TRUNCATE TABLE ${truncate[1] ?? ''}${localName(truncate[2]!)} ON CLUSTER ${ctx.cluster}` }];
  const alter = /^ALTER TABLE (\w+)\s+(.*)$/s.exec(body);
  if (alter) {
    // Changes of the columns apply to the Distributed table too; anything else (mutations such as MATERIALIZE COLUMN, TTL, partitions) only to the data.
    const names = /^(ADD|DROP|MODIFY|RENAME|COMMENT) COLUMN\b/.test(alter[2]!) ? [localName(alter[1]!), alter[1]!] : [localName(alter[1]!)];
    return names.map((n) => ({ kind: 'alter' as const, sql: `ALTER TABLE ${n} ON CLUSTER ${ctx.cluster} ${alter[2]}` }));
  }
  throw new ClusterDdlError(`${where}: statement not understood by the cluster generator: ${body.split('\n')[0]}`);
}

/**
 * The platform's own ledger, replicated to every node (no `{shard}` in its
 * path) and filled with every migration, so that `migrate()` at the start of
 * a service connected to the cluster finds them applied and runs nothing.
 */
function bookkeeping(options: ClusterOptions, files: readonly MigrationFile[]): ClusterStatement[] {
  const at = { scope: 'tideline', file: '' };
  const path = `/clickhouse/tables/all/${options.database}/tideline_migrations`;
  const rows = files.map((f) => `('${f.scope}', '${f.file}')`).join(', ');
  return [
    {
      ...at,
      kind: 'bookkeeping',
      sql:
        `CREATE TABLE IF NOT EXISTS tideline_migrations ON CLUSTER ${options.cluster} (scope String, name String, applied_at DateTime64(3) DEFAULT now64(3))\n` +
        `ENGINE = ReplicatedReplacingMergeTree('${path}', '{replica}') ORDER BY (scope, name)`,
    },
    ...(rows ? [{ ...at, kind: 'bookkeeping' as const, sql: `INSERT INTO tideline_migrations (scope, name) VALUES ${rows}` }] : []),
  ];
}

/** The cluster statements of `files`, in their order; throws on a statement it cannot translate. */
export function clusterDdl(files: readonly MigrationFile[], options: ClusterOptions): ClusterStatement[] {
  checkOptions(options);
  const ctx: Context = { ...options, ...createdNames(files), keys: new Map() };
  const out: ClusterStatement[] = [];
  for (const f of files) {
    let comments = '';
    for (const statement of splitStatements(f.sql)) {
      const { head, body } = splitComments(statement);
      if (!body) {
        // Comments alone (cut off by a `;` ending a line) stay with the next statement.
        comments += `${head.trim()};\n`;
        continue;
      }
      const generated = generate(ctx, body, `${f.scope}/${f.file}`);
      generated.forEach((g, i) => out.push({ scope: f.scope, file: f.file, ...g, sql: i === 0 ? comments + head + g.sql : g.sql }));
      comments = '';
    }
  }
  return [...out, ...bookkeeping(options, files)];
}

/** The migration files of every `<servicesRoot>/<service>/src/migrations`, scoped by service, in order. */
export async function serviceMigrations(servicesRoot: string): Promise<MigrationFile[]> {
  const files: MigrationFile[] = [];
  for (const service of (await readdir(servicesRoot)).sort()) {
    const directory = join(servicesRoot, service, 'src', 'migrations');
    const names = await readdir(directory).catch(() => [] as string[]);
    for (const file of names.filter((n) => MIGRATION_FILE.test(n)).sort()) {
      files.push({ scope: service, file, sql: await readFile(join(directory, file), 'utf8') });
    }
  }
  return files;
}

/** One SQL script: statements in order, each file under a header, manual steps commented out with their instructions. */
export function renderClusterDdl(statements: readonly ClusterStatement[]): string {
  let file = '';
  const parts = [
    '-- Tideline on a ClickHouse cluster: generated by `npm run cluster:ddl`, see docs/CLUSTER.md. Apply in order with\n' +
      '-- clickhouse-client --multiquery; stop at each MANUAL STEP, run it on one replica of every shard, go on after it.\n\n',
  ];
  for (const s of statements) {
    const name = s.file ? `${s.scope}/${s.file}` : `${s.scope} (migration ledger)`;
    if (name !== file) parts.push(`-- ==== ${(file = name)}\n`);
    if (!s.manual) parts.push(`${s.sql};\n\n`);
    else if (s.kind === 'local-table') parts.push(`-- NOTE: ${s.manual}\n${s.sql};\n\n`);
    else parts.push(`-- MANUAL STEP: ${s.manual}\n${`${s.sql};`.replace(/^/gm, '-- ')}\n\n`);
  }
  return parts.join('');
}
