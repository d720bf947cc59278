import { createHash } from 'node:crypto';
import type { IngestRecord } from './records.ts';
import { lineContent, recordFromLine, recordLine } from './rows.ts';
import { SUBJECTS } from './subjects.ts';

/**
 * Records travel on JetStream in chunks: one message holds up to
 * CHUNK_MAX_RECORDS records of one project and kind, as the store's rows
 * (`rows.ts`: one JSONCompactEachRow line each, the format named in the
 * CHUNK_FORMAT_HEADER header; a message without it is a JSON array of
 * records, as chunks were before, and the store still reads it). Per-record
 * messages cap a single Node process near 17k records/s (each publish awaits
 * its own acknowledgement); chunks reach several hundred thousand.
 * The chunk's `Nats-Msg-Id` is a digest of its subject (kind and project) and
 * its records' content without the arrival time, so a batch resent as is within
 * the duplicate window is dropped by JetStream, and anything else (another
 * project, a corrected record) is stored; a record repeated in another chunk
 * is collapsed by the store's ReplacingMergeTree tables (the later arrival wins).
 * Ingest encodes chunks here and the store decodes them here: one codec.
 */
export const CHUNK_MAX_RECORDS = 1000;
/** Bytes of UTF-8 in a chunk's body: below NATS's default max_payload of 1 MiB, with room for headers. */
export const CHUNK_MAX_BYTES = 900 * 1024;
/** The largest record ingest accepts, as its row's line (`recordLine`): one record alone in a chunk. */
export const RECORD_MAX_BYTES = CHUNK_MAX_BYTES - 2;
/** Header carrying how many records a chunk holds, so consumers size batches without parsing. */
export const RECORD_COUNT_HEADER = 'Tideline-Records';
/** Header naming the body's format: ROWS_FORMAT, or absent for a JSON array of records. */
export const CHUNK_FORMAT_HEADER = 'Tideline-Format';
/** The body is the records' rows (`recordLine`), one per line. */
export const ROWS_FORMAT = 'rows';

/** One message of records, ready to publish. */
export interface Chunk {
  /** `tideline.ingest.<kind>.<project>`: one kind, one project. */
  subject: string;
  /** Positions of its records in the list given to `encodeChunks`. */
  positions: number[];
  /** The body: its records' rows, one a line, in UTF-8. */
  data: Uint8Array;
  /** How many records it holds, sent in the RECORD_COUNT_HEADER header. */
  count: number;
  /** Its `Nats-Msg-Id`: the digest of its subject and its records' content (see `lineContent`). */
  messageId: string;
}

/** The subject a record travels on. */
export const recordSubject = (record: IngestRecord) => (record.kind === 'prediction' ? SUBJECTS.predictions(record.project) : SUBJECTS.feedback(record.project));

interface OpenChunk {
  subject: string;
  positions: number[];
  parts: string[];
  /** Each record's content (`lineContent`), digested at once when the chunk closes. */
  contents: string[];
  bytes: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const close = (c: OpenChunk): Chunk => ({
  subject: c.subject,
  positions: c.positions,
  data: encoder.encode(c.parts.join('\n')),
  count: c.parts.length,
  // JSON holds no raw newline, so the separator keeps records apart in the digest.
  messageId: createHash('sha256').update(`${c.subject}\n${c.contents.join('\n')}`).digest('base64url'),
});

/** A record ready for a chunk: plain data, so a worker thread can prepare it and hand it over. */
export interface RecordEntry {
  subject: string;
  line: string;
  /** What identifies the record in the chunk's message id (`lineContent`). */
  content: string;
  /** Bytes of the line in UTF-8. */
  bytes: number;
}

export function recordEntry(record: IngestRecord): RecordEntry {
  const line = recordLine(record);
  return { subject: recordSubject(record), line, content: lineContent(record, line), bytes: Buffer.byteLength(line) };
}

/**
 * Groups entries into chunks of one subject, at most CHUNK_MAX_RECORDS
 * records and CHUNK_MAX_BYTES bytes of UTF-8 each. A record that could not
 * fit even alone is left out and reported in `tooLarge`.
 */
export function chunkEntries(entries: readonly RecordEntry[]): { chunks: Chunk[]; tooLarge: number[] } {
  const chunks: OpenChunk[] = [];
  const tooLarge: number[] = [];
  const open = new Map<string, OpenChunk>();
  entries.forEach(({ subject, line, content, bytes }, position) => {
    if (bytes > RECORD_MAX_BYTES) return void tooLarge.push(position);
    let chunk = open.get(subject);
    if (chunk && (chunk.parts.length >= CHUNK_MAX_RECORDS || chunk.bytes + bytes + 1 > CHUNK_MAX_BYTES)) chunk = undefined;
    if (!chunk) {
      chunk = { subject, positions: [], parts: [], contents: [], bytes: -1 };
      chunks.push(chunk);
      open.set(subject, chunk);
    }
    chunk.positions.push(position);
    chunk.parts.push(line);
    chunk.contents.push(content);
    chunk.bytes += bytes + 1;
  });
  return { chunks: chunks.map(close), tooLarge };
}

/** Records in chunks (`chunkEntries`). */
export const encodeChunks = (records: readonly IngestRecord[]) => chunkEntries(records.map(recordEntry));

/** Records that make exactly one chunk (one subject, within the limits), encoded. */
export function encodeChunk(records: readonly IngestRecord[]): Chunk {
  const { chunks, tooLarge } = encodeChunks(records);
  if (chunks.length !== 1 || tooLarge.length > 0) throw new Error(`these ${records.length} records make ${chunks.length} chunks and ${tooLarge.length} too large, not one chunk`);
  return chunks[0]!;
}

/** A chunk's lines (ROWS_FORMAT), unchecked. */
export const chunkLines = (data: Uint8Array): string[] => decoder.decode(data).split('\n');

/** A chunk's records, unchecked: the body of an older chunk (a JSON array), or read back from its lines. */
export function decodeChunk(data: Uint8Array, format?: string, kind: IngestRecord['kind'] = 'prediction'): unknown[] {
  if (format === ROWS_FORMAT) return chunkLines(data).map((line) => recordFromLine(kind, line));
  const records: unknown = JSON.parse(decoder.decode(data));
  if (!Array.isArray(records)) throw new Error('expected a JSON array of records');
  return records;
}

/** How many records a message holds, from its headers: a message without the header counts as one. */
export const chunkRecordCount = (headers: { get(name: string): string } | undefined): number => Number(headers?.get(RECORD_COUNT_HEADER) || 1);
