import type { JsMsg } from '@nats-io/jetstream';
import { CHUNK_FORMAT_HEADER, ROWS_FORMAT, SUBJECTS, chunkLines, decodeChunk, feedbackLine, lineModel, predictionLine, recordFromLine } from '@tideline/contracts';
import { deadLetter, type DeadLetterKind, type DeadLetterRow, type RecordSource } from './dead-letters.ts';
import { checkRecord } from './rows.ts';

/** A row (its JSONCompactEachRow line) and where it came from, to dead-letter it if ClickHouse refuses it. */
export interface SourcedLine {
  line: string;
  model: string;
  /** The record, read back from the line only if it is dead-lettered. */
  source: RecordSource;
}

export interface ReadBatch {
  predictions: SourcedLine[];
  feedback: SourcedLine[];
  /** Messages and records that are not what ingest writes: dead letters already. */
  rejected: DeadLetterRow[];
}

/** Subjects end with the project: `tideline.ingest.<kind>.<project>` (project ids hold no dots). */
const projectOf = (subject: string) => subject.slice(subject.lastIndexOf('.') + 1);

const kindOf = (record: unknown): DeadLetterKind => {
  const kind = typeof record === 'object' && record !== null ? (record as { kind?: unknown }).kind : undefined;
  return kind === 'feedback' ? 'feedback' : 'prediction';
};

/** The record a dead letter shows for a line: read back from it, or the line itself if it cannot be. */
export function recordOfLine(kind: 'prediction' | 'feedback', line: string): unknown {
  try {
    return recordFromLine(kind, line);
  } catch {
    return line;
  }
}

/**
 * Turns a batch of stream messages into rows. Chunks of rows (ingest's) are
 * taken line by line as they are, after one check that costs nothing per
 * value: each line belongs to the message's project and names a model.
 * Older chunks (JSON arrays of records) are mapped to the same lines. What
 * cannot become a row at all is dead-lettered here rather than crashing the
 * writer or being skipped silently.
 */
export function readBatch(batch: readonly JsMsg[]): ReadBatch {
  const read: ReadBatch = { predictions: [], feedback: [], rejected: [] };
  for (const m of batch) {
    const project = projectOf(m.subject);
    if (m.headers?.get(CHUNK_FORMAT_HEADER) === ROWS_FORMAT) {
      const kind = m.subject === SUBJECTS.feedback(project) ? 'feedback' : 'prediction';
      const into = kind === 'prediction' ? read.predictions : read.feedback;
      chunkLines(m.data).forEach((line, position) => {
        const model = lineModel(line, project);
        const source: RecordSource = { project, seq: m.seq, position, record: line };
        if (model !== null) return void into.push({ line, model, source });
        source.record = recordOfLine(kind, line);
        read.rejected.push(deadLetter(source, kind, { code: 'MALFORMED_RECORD', reason: 'row of another project, or without a model' }));
      });
      continue;
    }
    let records: unknown[];
    try {
      records = decodeChunk(m.data);
    } catch (err) {
      const source = { project, seq: m.seq, position: 0, record: m.string() };
      read.rejected.push(deadLetter(source, 'message', { code: 'UNREADABLE_MESSAGE', reason: (err as Error).message }));
      continue;
    }
    records.forEach((record, position) => {
      const source: RecordSource = { project, seq: m.seq, position, record };
      try {
        const checked = checkRecord(record, project);
        if (checked.kind === 'prediction') read.predictions.push({ line: predictionLine(checked), model: checked.model, source });
        else read.feedback.push({ line: feedbackLine(checked), model: checked.model, source });
      } catch (err) {
        read.rejected.push(deadLetter(source, kindOf(record), { code: 'MALFORMED_RECORD', reason: (err as Error).message }));
      }
    });
  }
  return read;
}
