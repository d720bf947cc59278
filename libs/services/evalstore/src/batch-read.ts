import type { JsMsg } from '@nats-io/jetstream';
import { decodeChunk } from '@tideline/contracts';
import { deadLetter, type DeadLetterKind, type DeadLetterRow, type RecordSource } from './dead-letters.ts';
import { checkRecord, feedbackRow, predictionRow, type FeedbackRow, type PredictionRow } from './rows.ts';

/** A row and the record it came from, to dead-letter it if ClickHouse refuses it. */
export interface SourcedRow<R> {
  row: R;
  source: RecordSource;
}

export interface ReadBatch {
  predictions: SourcedRow<PredictionRow>[];
  feedback: SourcedRow<FeedbackRow>[];
  /** Messages and records that are not what ingest writes: dead letters already. */
  rejected: DeadLetterRow[];
}

/** Subjects end with the project: `tideline.ingest.<kind>.<project>` (project ids hold no dots). */
const projectOf = (subject: string) => subject.slice(subject.lastIndexOf('.') + 1);

const kindOf = (record: unknown): DeadLetterKind => {
  const kind = typeof record === 'object' && record !== null ? (record as { kind?: unknown }).kind : undefined;
  return kind === 'feedback' ? 'feedback' : 'prediction';
};

/**
 * Turns a batch of stream messages (chunks: JSON arrays of records) into
 * rows. Rows are built without full validation (ingest validated every
 * record, and this runs for tens of thousands of records a second); what
 * cannot become a row at all is dead-lettered here rather than crashing the
 * writer or being skipped silently.
 */
export function readBatch(batch: readonly JsMsg[]): ReadBatch {
  const read: ReadBatch = { predictions: [], feedback: [], rejected: [] };
  for (const m of batch) {
    const project = projectOf(m.subject);
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
        if (checked.kind === 'prediction') read.predictions.push({ row: predictionRow(checked), source });
        else read.feedback.push({ row: feedbackRow(checked), source });
      } catch (err) {
        read.rejected.push(deadLetter(source, kindOf(record), { code: 'MALFORMED_RECORD', reason: (err as Error).message }));
      }
    });
  }
  return read;
}
