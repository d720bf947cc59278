/**
 * Reading an input file with the embedded ClickHouse engine (chDB): its input
 * formats parse CSV, TSV, Parquet, Arrow and NDJSON (compressed too: .gz,
 * .zst, … by extension), infer the columns' types, and stream the rows out as
 * JSON in blocks, so the CLI holds one block at a time and parses nothing by
 * hand. The CLI is its own process, so its chDB session lives in a temporary
 * directory (chDB binds one data directory to one process).
 */
import { join } from 'node:path';
import { Session } from 'chdb';
import { UsageError } from './args.ts';

/** The formats the CLI reads, by the names users give them, and ClickHouse's name of each. */
export const FORMATS = { csv: 'CSVWithNames', tsv: 'TSVWithNames', parquet: 'Parquet', arrow: 'Arrow', ndjson: 'JSONEachRow' } as const;
export type FormatName = keyof typeof FORMATS;

const EXTENSIONS: Record<string, FormatName> = {
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  parquet: 'parquet',
  pq: 'parquet',
  arrow: 'arrow',
  feather: 'arrow',
  ipc: 'arrow',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  json: 'ndjson',
};
const COMPRESSION = /\.(gz|gzip|zst|zstd|br|xz|lz4|bz2)$/i;

/** `--format`, or `auto`: the file's extension (after a compression suffix) names it. */
export function resolveFormat(path: string, requested = 'auto'): FormatName {
  if (requested !== 'auto') {
    if (!(requested in FORMATS)) throw new UsageError(`--format must be auto, ${Object.keys(FORMATS).join(', ')}; not '${requested}'`);
    return requested as FormatName;
  }
  const extension = /\.([^./]+)$/.exec(path.replace(COMPRESSION, ''))?.[1]?.toLowerCase() ?? '';
  const format = EXTENSIONS[extension];
  if (!format) throw new UsageError(`cannot tell the format of '${path}' from its extension; pass --format ${Object.keys(FORMATS).join('|')}`);
  return format;
}

// Dates as ISO 8601 (what the API takes), 64-bit integers as JSON numbers; one
// reading thread, so that row numbers follow the file's order (resuming skips by them).
const SETTINGS = "date_time_output_format = 'iso', output_format_json_quote_64bit_integers = 0, output_format_json_quote_decimals = 0, max_threads = 1";

export interface Source {
  columns: { name: string; type: string }[];
  rowCount: number;
  /**
   * The rows after `skip` as lines of text, one a row in file order, each the
   * value of `select`'s `__tl_line` (record-sql.ts), as the engine's raw bytes
   * a block at a time; stops between blocks once `signal` aborts.
   */
  lines(select: { columns: string; params: Record<string, string> }, skip: number, signal: AbortSignal): AsyncGenerator<Uint8Array>;
  close(): void;
}

/**
 * chDB 26.7 infers wrong types for TSVWithNames (seen: a column of 'f-0', 'f-1'
 * inferred Int64, floats inferred String, and then reading fails). Read as
 * strings, its names and escaping are right; written once as NDJSON into the
 * session's temporary directory, ClickHouse's JSON inference (numbers from
 * strings allowed) types the columns as it does for CSV.
 */
function tsvAsNdjson(session: Session, path: string): string {
  const converted = join(session.path, 'input.ndjson');
  // INTO OUTFILE takes no query parameter; the path is chDB's own temporary directory, quoted as a literal.
  const literal = `'${converted.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  session.queryBind(
    `SELECT * FROM file({path:String}, 'TSVWithNames') INTO OUTFILE ${literal} TRUNCATE FORMAT JSONEachRow
     SETTINGS input_format_tsv_use_best_effort_in_schema_inference = 0, max_threads = 1`,
    { path },
  );
  return converted;
}

export function openSource(path: string, format: FormatName): Source {
  const session = new Session();
  const params = { path, format: FORMATS[format] };
  let settings = SETTINGS;
  if (format === 'tsv') {
    try {
      Object.assign(params, { path: tsvAsNdjson(session, path), format: FORMATS.ndjson });
    } catch (err) {
      session.cleanup();
      throw new UsageError(`ClickHouse cannot read ${path} as tsv: ${(err as Error).message.split('\n')[0]}`);
    }
    settings += ', input_format_json_try_infer_numbers_from_strings = 1';
  }
  const table = 'file({path:String}, {format:String})';
  const query = <T>(sql: string): T[] => {
    try {
      return session
        .queryBind(`${sql} SETTINGS ${settings}`, params, 'JSONEachRow')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as T);
    } catch (err) {
      session.cleanup();
      throw new UsageError(`ClickHouse cannot read ${path} as ${format}: ${(err as Error).message.split('\n')[0]}`);
    }
  };
  const columns = query<{ name: string; type: string }>(`DESCRIBE TABLE ${table}`).map(({ name, type }) => ({ name, type }));
  const [{ rows }] = query<{ rows: number }>(`SELECT count() AS rows FROM ${table}`) as [{ rows: number }];
  return {
    columns,
    rowCount: Number(rows),
    async *lines(select, skip, signal) {
      const stream = session.queryStreamBind(
        `SELECT __tl_line FROM (SELECT ${select.columns} FROM (SELECT rowNumberInAllBlocks() + 1 AS __row, * FROM ${table}) WHERE __row > {skip:UInt64}) SETTINGS ${settings}`,
        { ...select.params, ...params, skip },
        { format: 'TSVRaw', signal },
      );
      try {
        for await (const chunk of stream) {
          yield chunk.raw();
          if (signal.aborted) return;
        }
      } catch (err) {
        if (signal.aborted) return;
        throw new UsageError(`ClickHouse stopped reading ${path}: ${(err as Error).message.split('\n')[0]}`);
      } finally {
        stream.cancel();
      }
    },
    close: () => session.cleanup(),
  };
}
