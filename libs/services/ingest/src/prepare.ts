import { SUBJECTS, recordEntry, type RecordEntry, type Task } from '@tideline/contracts';
import { createHash } from 'node:crypto';
import { HttpError, parseNdjson, type NdjsonItem } from '@tideline/runtime';
import { RecordError, validateFeedback, validatePrediction } from './validate.ts';

export type RecordKind = 'prediction' | 'feedback';

export interface IngestErrorEntry {
  index: number;
  field: string | null;
  message: string;
}

/**
 * A batch validated and encoded, before its models' tasks are checked: the
 * CPU-bound part of ingest, plain data (columns of one entry per valid
 * record), so a worker thread can prepare it and hand it over cheaply.
 */
export interface PreparedBatch {
  /** Parse and validation errors, by index of the record in the batch. */
  errors: IngestErrorEntry[];
  /** Every valid record travels on this subject (one project, one kind). */
  subject: string;
  index: number[];
  model: string[];
  task: Task[];
  line: string[];
  contentLength: number[];
  bytes: number[];
}

/** Validates and encodes `items`, stamped with `project` and `receivedAt`. */
export function prepareItems(items: readonly NdjsonItem[], kind: RecordKind, project: string, receivedAt: number): PreparedBatch {
  const validate = kind === 'prediction' ? validatePrediction : validateFeedback;
  const subject = kind === 'prediction' ? SUBJECTS.predictions(project) : SUBJECTS.feedback(project);
  const batch: PreparedBatch = { errors: [], subject, index: [], model: [], task: [], line: [], contentLength: [], bytes: [] };
  items.forEach((item, index) => {
    if ('parseError' in item) return void batch.errors.push({ index, field: null, message: item.parseError });
    try {
      const record = validate(item.value, { project, receivedAt });
      const entry = recordEntry(record);
      batch.index.push(index);
      batch.model.push(record.model);
      batch.task.push(record.task);
      batch.line.push(entry.line);
      batch.contentLength.push(entry.content.length);
      batch.bytes.push(entry.bytes);
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      batch.errors.push({ index, field: err.field, message: err.message });
    }
  });
  return batch;
}

/** The prepared batch's i-th valid record, as a chunk entry. */
export const entryAt = (b: PreparedBatch, i: number): RecordEntry => ({ subject: b.subject, line: b.line[i]!, content: b.line[i]!.slice(0, b.contentLength[i]), bytes: b.bytes[i]! });

export interface BulkInput {
  body: Uint8Array;
  kind: RecordKind;
  /** The project the request claims: its signature is verified against `digest` before anything is acted on. */
  project: string;
  receivedAt: number;
  maxRecords: number;
}

export type BulkPrepared = { digest: string; batch: PreparedBatch } | { digest: string; refused: { code: string; message: string } };

/** An NDJSON body: its digest (for the request's signature), its records parsed, validated and encoded. */
export function prepareBulk(input: BulkInput): BulkPrepared {
  const body = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
  // As `sha256Hex` in @tideline/graphql, which the signature is checked with; that package is not loaded in worker threads.
  const digest = createHash('sha256').update(body).digest('hex');
  try {
    return { digest, batch: prepareItems(parseNdjson(body, input.maxRecords), input.kind, input.project, input.receivedAt) };
  } catch (err) {
    if (err instanceof HttpError) return { digest, refused: { code: err.code, message: err.message } };
    throw err;
  }
}
