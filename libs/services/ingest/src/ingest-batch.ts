import type { JetStreamClient } from '@nats-io/jetstream';
import type { IngestRecord, Task } from '@tideline/contracts';
import { ingestRecords } from './metrics.ts';
import type { ModelTasks } from './model-tasks.ts';
import { IngestUnavailableError, publishRecords } from './publisher.ts';
import { RecordError, labelTask, validateFeedback, validatePrediction, type RecordContext } from './validate.ts';

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
export type BatchItem = { value: unknown } | { parseError: string };

export interface IngestDeps {
  js: JetStreamClient;
  tasks: ModelTasks;
  publishTimeoutMs: number;
}

const rawModel = (item: BatchItem) => {
  const value = 'value' in item ? item.value : undefined;
  const model = typeof value === 'object' && value !== null ? (value as { model?: unknown }).model : undefined;
  return typeof model === 'string' ? model : undefined;
};

/** The task a raw record would fix for a new model, if it is readable at all. */
function impliedTask(kind: RecordKind, value: unknown): Task | undefined {
  try {
    const v = value as Record<string, unknown>;
    if (kind === 'feedback') return labelTask(v.label, 'label');
    const out = v.output as Record<string, unknown>;
    if (out?.score !== undefined && out.score !== null) return 'BINARY';
    if (out?.value !== undefined && out.value !== null) return 'REGRESSION';
    if (out?.probabilities || out?.predictedClass) return 'MULTICLASS';
  } catch {
    /* the full validation reports it */
  }
  return undefined;
}

/** Tasks of the batch's models; the first readable record of a new model fixes its task. */
async function modelTasks(deps: IngestDeps, project: string, kind: RecordKind, items: BatchItem[]): Promise<Map<string, Task>> {
  const tasks = await deps.tasks.known(project, items.map(rawModel).filter((m): m is string => m !== undefined));
  for (const item of items) {
    const model = rawModel(item);
    if (!model || tasks.has(model) || !('value' in item)) continue;
    const task = impliedTask(kind, item.value);
    if (task) tasks.set(model, await deps.tasks.fix(project, model, task));
  }
  return tasks;
}

/**
 * Validates a batch record by record, fixes the task of models seen for the
 * first time, and stores the valid records on JetStream. Invalid records are
 * reported by index and field; they never hold back the valid ones.
 */
export async function ingestBatch(deps: IngestDeps, project: string, kind: RecordKind, items: BatchItem[]): Promise<IngestResult> {
  const receivedAt = Date.now();
  let tasks: Map<string, Task>;
  try {
    tasks = await modelTasks(deps, project, kind, items);
  } catch (err) {
    // Without the registry of tasks nothing can be validated: the whole batch is to be retried.
    const unavailable = new IngestUnavailableError('INGEST_UNAVAILABLE', `model registry is unreachable (${(err as Error).message}); retry later`, 2);
    const errors = items.map((_, index) => ({ index, field: null, message: `not stored: ${unavailable.message}` }));
    return { accepted: 0, rejected: errors.length, errors, unavailable };
  }

  const ctx: RecordContext = { project, receivedAt, taskOf: (model) => tasks.get(model) };
  const validate = kind === 'prediction' ? validatePrediction : validateFeedback;
  const errors: IngestErrorEntry[] = [];
  const valid: IngestRecord[] = [];
  const validIndex: number[] = [];
  items.forEach((item, index) => {
    if ('parseError' in item) return void errors.push({ index, field: null, message: item.parseError });
    try {
      const record = validate(item.value, ctx);
      valid.push(record);
      validIndex.push(index);
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      errors.push({ index, field: err.field, message: err.message });
    }
  });

  const outcome = valid.length ? await publishRecords(deps.js, valid, deps.publishTimeoutMs) : { stored: [], failed: [], failure: undefined };
  for (const i of outcome.failed) {
    errors.push({ index: validIndex[i]!, field: null, message: `not stored: ${outcome.failure!.message}` });
  }
  errors.sort((a, b) => a.index - b.index);
  ingestRecords.inc({ kind, outcome: 'accepted' }, outcome.stored.length);
  ingestRecords.inc({ kind, outcome: 'rejected' }, errors.length - outcome.failed.length);
  ingestRecords.inc({ kind, outcome: 'unavailable' }, outcome.failed.length);
  return { accepted: outcome.stored.length, rejected: errors.length, errors, unavailable: outcome.failure };
}
