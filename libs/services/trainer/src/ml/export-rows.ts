import type { Task } from '@tideline/contracts';
import type { FeatureValues, TrainingRow } from './types.ts';

/** One line of curation's NDJSON export (GET /v1/datasets/<id>?format=ndjson), the fields a trainer reads. */
interface ExportLine {
  features_num?: Record<string, number | null> | null;
  features_str?: Record<string, string | null> | null;
  features_bool?: Record<string, boolean | null> | null;
  label_positive?: boolean | null;
  label_class?: string | null;
  label_value?: number | null;
  weight?: number | null;
  id?: string;
  tags?: Record<string, string> | null;
}

/** The rows of an export; `skipped` counts lines without a label for the task (known once iteration ended). */
export interface ExportedRows extends AsyncIterable<TrainingRow[]> {
  readonly skipped: number;
  readonly lines: number;
}

function labelOf(line: ExportLine, task: Task): TrainingRow['label'] | undefined {
  const label = task === 'BINARY' ? line.label_positive : task === 'MULTICLASS' ? line.label_class : line.label_value;
  return label ?? undefined;
}

/**
 * Parses curation's dataset export into batches of `batchSize` rows as the
 * bytes arrive (lines may span chunks; CRLF and empty lines are accepted).
 * Lines without a label for `task` are skipped and counted in `skipped`
 * (a curated dataset has labels; a row lacking one is a data problem worth
 * reporting, not a reason to fail the run). A line that is not JSON fails
 * with its line number.
 */
export function exportRows(body: AsyncIterable<Uint8Array>, task: Task, batchSize = 1024): ExportedRows {
  let skipped = 0;
  let lines = 0;
  async function* rows(): AsyncGenerator<TrainingRow[]> {
    const decoder = new TextDecoder();
    let rest = '';
    let batch: TrainingRow[] = [];
    const take = (text: string) => {
      lines++;
      const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
      if (trimmed.trim() === '') return;
      let line: ExportLine;
      try {
        line = JSON.parse(trimmed) as ExportLine;
      } catch (err) {
        throw new Error(`dataset export line ${lines} is not JSON: ${trimmed.slice(0, 80)}`, { cause: err });
      }
      const label = labelOf(line, task);
      if (label === undefined) return void skipped++;
      const features: FeatureValues = { ...line.features_num, ...line.features_str, ...line.features_bool };
      batch.push({ features, label, weight: line.weight ?? 1, id: line.id, tags: line.tags ?? {} });
    };
    for await (const chunk of body) {
      const text = rest + decoder.decode(chunk, { stream: true });
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        take(text.slice(start, end));
        start = end + 1;
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      rest = text.slice(start);
    }
    rest += decoder.decode();
    if (rest !== '') take(rest);
    if (batch.length > 0) yield batch;
  }
  return {
    [Symbol.asyncIterator]: () => rows(),
    get skipped() {
      return skipped;
    },
    get lines() {
      return lines;
    },
  };
}
