import { TidelineError, errorFromHttp, networkError } from './errors.ts';
import type { ResolvedOptions } from './options.ts';
import type { FeedbackRecord, PredictionRecord, RecordKind } from './records.ts';
import { backoffMs, retryAfterMs, sleep } from './retry-delay.ts';

/** A record waiting to be sent, with its NDJSON line (serialized once, when it was logged). */
export interface QueuedRecord {
  record: PredictionRecord | FeedbackRecord;
  line: string;
  queuedAt: number;
}

/** What a send changes in the producer's counters. */
export interface SendCounters {
  accepted: number;
  rejected: number;
  failed: number;
  requests: number;
  retries: number;
}

interface IngestResultBody {
  accepted: number;
  rejected: number;
  errors: { index: number; field: string | null; message: string }[];
}

/** The server may take the batch later (backlog full, stopping, or a proxy's hiccup): send again. */
const RETRYABLE = new Set([429, 500, 502, 503, 504]);

const isIngestResult = (body: unknown): body is IngestResultBody =>
  typeof body === 'object' && body !== null && typeof (body as IngestResultBody).accepted === 'number' && Array.isArray((body as IngestResultBody).errors);

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { error: { message: `the server answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}` } };
  }
}

/**
 * Sends one batch of one kind to `/v1/<kind>` until the server has answered
 * for every record: accepted, rejected (each to `onRejected`, naming the
 * field), or given up (to `onError`). Never throws.
 */
export async function sendBatch(options: ResolvedOptions, counters: SendCounters, kind: RecordKind, batch: readonly QueuedRecord[]): Promise<void> {
  const url = `${options.url}/v1/${kind}`;
  let lastError: TidelineError | undefined;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    let response: Response;
    counters.requests++;
    try {
      response = await options.fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/x-ndjson' },
        body: batch.map((queued) => queued.line).join('\n') + '\n',
      });
    } catch (cause) {
      lastError = networkError(url, cause);
      await waitToRetry(options, counters, { kind, batch, attempt, status: null, error: lastError, header: null });
      continue;
    }
    const body = await readJson(response);
    const requestId = response.headers.get('x-request-id');
    if ((response.status === 200 || response.status === 400) && isIngestResult(body)) return settle(options, counters, batch, body);
    if (response.status === 413 && batch.length > 1) {
      // Past the server's size or record-count limit: halves fit sooner or later, down to one record.
      const half = Math.ceil(batch.length / 2);
      await sendBatch(options, counters, kind, batch.slice(0, half));
      return sendBatch(options, counters, kind, batch.slice(half));
    }
    lastError = errorFromHttp(response.status, body, requestId);
    if (response.status === 413) return rejectAll(options, counters, batch, lastError);
    if (!RETRYABLE.has(response.status)) break;
    await waitToRetry(options, counters, { kind, batch, attempt, status: response.status, error: lastError, header: response.headers.get('retry-after') });
  }
  counters.failed += batch.length;
  safely('onError', () => options.onError(lastError!, batch.map((queued) => queued.record)));
}

function settle(options: ResolvedOptions, counters: SendCounters, batch: readonly QueuedRecord[], result: IngestResultBody): void {
  counters.accepted += result.accepted;
  counters.rejected += result.rejected;
  for (const { index, field, message } of result.errors) {
    const queued = batch[index];
    if (queued) report(options, queued.record, new TidelineError({ code: 'BAD_USER_INPUT', field, message, status: 400 }));
  }
}

function rejectAll(options: ResolvedOptions, counters: SendCounters, batch: readonly QueuedRecord[], error: TidelineError): void {
  counters.rejected += batch.length;
  for (const queued of batch) report(options, queued.record, error);
}

function report(options: ResolvedOptions, record: PredictionRecord | FeedbackRecord, error: TidelineError): void {
  safely('onRejected', () => options.onRejected?.(record, error));
}

/** A throwing callback must not stop the producer (nor crash the process from a background send); say so rather than swallow it. */
function safely(name: string, callback: () => void): void {
  try {
    callback();
  } catch (err) {
    process.emitWarning(`Tideline SDK: ${name} threw: ${(err as Error)?.message ?? String(err)}`, 'TidelineWarning');
  }
}

async function waitToRetry(
  options: ResolvedOptions,
  counters: SendCounters,
  failure: { kind: RecordKind; batch: readonly QueuedRecord[]; attempt: number; status: number | null; error: TidelineError; header: string | null },
): Promise<void> {
  if (failure.attempt >= options.maxAttempts) return;
  const told = retryAfterMs(failure.header);
  const delayMs = told === null ? backoffMs(failure.attempt, options.retryBaseMs, options.retryMaxMs) : Math.min(told, options.retryMaxMs);
  counters.retries++;
  safely('onRetry', () => options.onRetry?.({ kind: failure.kind, records: failure.batch.length, attempt: failure.attempt, status: failure.status, delayMs, retryAfter: told !== null, error: failure.error }));
  await sleep(delayMs);
}
