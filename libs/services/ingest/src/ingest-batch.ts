import type { JetStreamClient } from '@nats-io/jetstream';
import { RECORD_MAX_BYTES, type IngestRecord, type Task } from '@tideline/contracts';
import type { Logger, NdjsonItem } from '@tideline/runtime';
import { ingestRecords } from './metrics.ts';
import type { ModelTasks } from './model-tasks.ts';
import { IngestUnavailableError, publishRecords } from './publisher.ts';
import { RecordError, taskConflict, validateFeedback, validatePrediction } from './validate.ts';

export type RecordKind = 'prediction' | 'feedback';

export interface IngestErrorEntry {
  index: number;
  field: string | null;
  message: string;
}

export interface IngestResult {
  accepted: number;
  rejected: number;
  errors: IngestErrorEntry[];
  /** Set when valid records could not be stored: retry them later. */
  unavailable?: IngestUnavailableError;
}

/** One input of a batch: a parsed record, or why it could not be parsed. */
export type BatchItem = NdjsonItem;

export interface IngestDeps {
  js: JetStreamClient;
  tasks: ModelTasks;
  publishTimeoutMs: number;
  logger: Logger;
}

/**
 * Validates a batch record by record, fixes the task of models seen for the
 * first time, and stores the valid records on JetStream. Invalid records are
 * reported by index and field; they never hold back the valid ones. Only a
 * record that passed validation consults (or fixes) its model's task, so a
 * bad name never reaches a KV key and a rejected record never fixes a task.
 */
export async function ingestBatch(deps: IngestDeps, project: string, kind: RecordKind, items: BatchItem[]): Promise<IngestResult> {
  const receivedAt = Date.now();
  const validate = kind === 'prediction' ? validatePrediction : validateFeedback;
  const errors: IngestErrorEntry[] = [];
  const candidates: { index: number; record: IngestRecord }[] = [];
  items.forEach((item, index) => {
    if ('parseError' in item) return void errors.push({ index, field: null, message: item.parseError });
    try {
      candidates.push({ index, record: validate(item.value, { project, receivedAt }) });
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      errors.push({ index, field: err.field, message: err.message });
    }
  });

  let tasks: Map<string, Task>;
  try {
    tasks = await deps.tasks.resolve(project, candidates.map((c) => c.record));
  } catch (err) {
    // Without the registry of tasks the valid records cannot be checked: they are to be retried.
    deps.logger.error({ err, project }, 'model task registry unreachable');
    const unavailable = new IngestUnavailableError('INGEST_UNAVAILABLE', 'the model registry is unreachable; retry later', 2);
    for (const c of candidates) errors.push({ index: c.index, field: null, message: `not stored: ${unavailable.message}` });
    errors.sort((a, b) => a.index - b.index);
    return { accepted: 0, rejected: errors.length, errors, unavailable };
  }

  const valid: IngestRecord[] = [];
  const validIndex: number[] = [];
  for (const { index, record } of candidates) {
    const conflict = taskConflict(record, tasks.get(record.model)!);
    if (conflict) errors.push({ index, field: conflict.field, message: conflict.message });
    else {
      valid.push(record);
      validIndex.push(index);
    }
  }

  const outcome = valid.length ? await publishRecords(deps.js, valid, deps.publishTimeoutMs) : { stored: [], failed: [], tooLarge: [], failure: undefined, cause: undefined };
  if (outcome.failure) deps.logger.warn({ err: outcome.cause, project, records: outcome.failed.length }, 'JetStream did not take records');
  for (const i of outcome.tooLarge) {
    errors.push({ index: validIndex[i]!, field: null, message: `record is larger than ${RECORD_MAX_BYTES} bytes serialized; split its features or shorten its values` });
  }
  for (const i of outcome.failed) {
    errors.push({ index: validIndex[i]!, field: null, message: `not stored: ${outcome.failure!.message}` });
  }
  errors.sort((a, b) => a.index - b.index);
  ingestRecords.inc({ kind, outcome: 'accepted' }, outcome.stored.length);
  ingestRecords.inc({ kind, outcome: 'rejected' }, errors.length - outcome.failed.length);
  ingestRecords.inc({ kind, outcome: 'unavailable' }, outcome.failed.length);
  return { accepted: outcome.stored.length, rejected: errors.length, errors, unavailable: outcome.failure };
}
