import type { ClickHouseClient } from '@tideline/clickhouse';
import { rows } from '@tideline/store';

/**
 * Records the writer could not store, kept with the reason (migration
 * 004_ingest_errors.sql) so that nothing accepted disappears silently: the
 * project reads them with `ingestErrors(model)`.
 */
export const DEAD_LETTERS_TABLE = 'evalstore_ingest_errors';

export type DeadLetterKind = 'prediction' | 'feedback' | 'message';

/** Where a record travelled: its stream message and its place in that chunk. */
export interface RecordSource {
  /** The project of the subject the message came on (not the record's own claim). */
  project: string;
  seq: number;
  position: number;
  record: unknown;
}

export interface DeadLetterRow {
  project: string;
  model: string;
  kind: DeadLetterKind;
  record_id: string;
  code: string;
  reason: string;
  record: string;
  stream_seq: number;
  position: number;
  failed_at: number;
}

/** The columns of a DeadLetterRow, in the order its lines are inserted. */
export const DEAD_LETTER_COLUMNS = ['project', 'model', 'kind', 'record_id', 'code', 'reason', 'record', 'stream_seq', 'position', 'failed_at'] as const satisfies readonly (keyof DeadLetterRow)[];

const MAX_RECORD_CHARS = 64 * 1024;
const MAX_NAME_CHARS = 256;

/**
 * Text ClickHouse will take whatever the record held: a lone surrogate
 * becomes its visible escape (`\ud800`), so the dead letter itself cannot be
 * refused for the reason that brought it here.
 */
export const printable = (text: string, max: number) => {
  const escaped = text.replace(/\p{Cs}/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
};

const field = (record: unknown, name: string): string => {
  const value = typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? printable(value, MAX_NAME_CHARS) : '';
};

/** The dead letter of one record (or of a message that held no readable records). */
export function deadLetter(source: RecordSource, kind: DeadLetterKind, failure: { code: string; reason: string }): DeadLetterRow {
  const { record } = source;
  // JSON.stringify escapes lone surrogates itself; raw text of an unreadable message arrives as a string.
  const text = typeof record === 'string' ? record : (JSON.stringify(record) ?? String(record));
  return {
    project: source.project,
    model: field(record, 'model'),
    kind,
    record_id: kind === 'feedback' ? field(record, 'predictionId') : field(record, 'id'),
    code: printable(failure.code, MAX_NAME_CHARS),
    reason: printable(failure.reason, 1000),
    record: printable(text, MAX_RECORD_CHARS),
    stream_seq: source.seq,
    position: source.position,
    failed_at: Date.now(),
  };
}

export interface DeadLetterOut {
  model: string;
  kind: string;
  record_id: string;
  code: string;
  reason: string;
  record: string;
  failed_at_ms: string | number;
}

/** The project's dead letters, newest first, of one model or of all. */
export async function deadLetters(client: ClickHouseClient, project: string, model: string | null | undefined, limit: number): Promise<DeadLetterOut[]> {
  const byModel = model === null || model === undefined ? '' : ' AND model = {model:String}';
  return rows<DeadLetterOut>(
    client,
    `SELECT model, kind, record_id, code, reason, record, toUnixTimestamp64Milli(failed_at) AS failed_at_ms
     FROM ${DEAD_LETTERS_TABLE} FINAL WHERE project = {project:String}${byModel}
     ORDER BY failed_at DESC, stream_seq DESC, position DESC LIMIT {limit:UInt32}`,
    { project, model: model ?? '', limit },
  );
}
