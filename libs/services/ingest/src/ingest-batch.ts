import type { JetStreamClient } from '@nats-io/jetstream';
import { RECORD_MAX_BYTES, type Task } from '@tideline/contracts';
import type { Logger, NdjsonItem } from '@tideline/runtime';
import { ingestRecords } from './metrics.ts';
import type { ModelTasks } from './model-tasks.ts';
import { entryAt, prepareItems, type IngestErrorEntry, type PreparedBatch, type RecordKind } from './prepare.ts';
import { IngestUnavailableError, publishEntries } from './publisher.ts';
import { taskConflictOf } from './validate.ts';

export type { IngestErrorEntry, RecordKind } from './prepare.ts';

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

/** Validates a batch record by record, then stores its valid records (`ingestPrepared`). */
export function ingestBatch(deps: IngestDeps, project: string, kind: RecordKind, items: BatchItem[]): Promise<IngestResult> {
  return ingestPrepared(deps, project, kind, prepareItems(items, kind, project, Date.now()));
}

/**
 * Fixes the task of models seen for the first time and stores the valid
 * records of a prepared batch on JetStream. Invalid records are reported by
 * index and field; they never hold back the valid ones. Only a record that
 * passed validation consults (or fixes) its model's task, so a bad name never
 * reaches a KV key and a rejected record never fixes a task.
 */
export async function ingestPrepared(deps: IngestDeps, project: string, kind: RecordKind, batch: PreparedBatch): Promise<IngestResult> {
  const errors = batch.errors;
  // The first valid record of a model fixes its task: one (model, task) per model, in batch order.
  const firsts = new Map<string, Task>();
  batch.model.forEach((model, i) => firsts.has(model) || firsts.set(model, batch.task[i]!));

  let tasks: Map<string, Task>;
  try {
    tasks = await deps.tasks.resolve(project, [...firsts].map(([model, task]) => ({ model, task })));
  } catch (err) {
    // Without the registry of tasks the valid records cannot be checked: they are to be retried.
    deps.logger.error({ err, project }, 'model task registry unreachable');
    const unavailable = new IngestUnavailableError('INGEST_UNAVAILABLE', 'the model registry is unreachable; retry later', 2);
    for (const index of batch.index) errors.push({ index, field: null, message: `not stored: ${unavailable.message}` });
    errors.sort((a, b) => a.index - b.index);
    return { accepted: 0, rejected: errors.length, errors, unavailable };
  }

  const validIndex: number[] = [];
  const entries = [];
  for (let i = 0; i < batch.index.length; i++) {
    const conflict = taskConflictOf(kind, batch.model[i]!, batch.task[i]!, tasks.get(batch.model[i]!)!);
    if (conflict) errors.push({ index: batch.index[i]!, field: conflict.field, message: conflict.message });
    else {
      entries.push(entryAt(batch, i));
      validIndex.push(batch.index[i]!);
    }
  }

  const outcome = entries.length ? await publishEntries(deps.js, entries, deps.publishTimeoutMs) : { stored: [], failed: [], tooLarge: [], failure: undefined, cause: undefined };
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
