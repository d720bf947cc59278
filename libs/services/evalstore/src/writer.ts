import { createHash, randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { CHUNK_MAX_RECORDS, FEEDBACK_COLUMNS, GATEWAY_TOPICS, PREDICTION_COLUMNS, chunkRecordCount, gatewaySubject, type StoreProgressEvent } from '@tideline/contracts';
import { flushAcks } from '@tideline/nats';
import type { Logger } from '@tideline/runtime';
import { FEEDBACK_TABLE, PREDICTIONS_TABLE } from '@tideline/store';
import { StopRequested, insertIsolating, lineOf, type InsertContext, type Refused, type Table } from './batch-insert.ts';
import { readBatch, recordOfLine, type SourcedLine } from './batch-read.ts';
import { DEAD_LETTER_COLUMNS, DEAD_LETTERS_TABLE, deadLetter, type DeadLetterRow } from './dead-letters.ts';
import { deadLetteredRecords, insertSeconds, storedRecords } from './metrics.ts';

const PREDICTIONS: Table = { name: PREDICTIONS_TABLE, columns: PREDICTION_COLUMNS };
const FEEDBACK: Table = { name: FEEDBACK_TABLE, columns: FEEDBACK_COLUMNS };
const DEAD_LETTERS: Table = { name: DEAD_LETTERS_TABLE, columns: DEAD_LETTER_COLUMNS };

export interface WriterOptions {
  consumer: Consumer;
  connection: NatsConnection;
  clickhouse: ClickHouseClient;
  logger: Logger;
  maxRecords: number;
  maxWaitMs: number;
  /** Called if the writer stops for a reason other than stop(): the process should exit. */
  onCrash(error: Error): void;
}

export interface Writer {
  /** Finishes the batch in flight (insert and ack), then stops pulling. */
  stop(): Promise<void>;
  /** How long the writer has had records to store without storing any (0 while idle): for readiness. */
  stalledForMs(): number;
}

/** Log lines per batch for dead letters; the metric and the table count them all. */
const MAX_DEAD_LETTER_LOGS = 20;

/**
 * The idempotency token of a batch: the same messages give the same token, so
 * a batch retried after a lost response is dropped by ClickHouse. A batch
 * rebuilt differently after a crash gets another token; ReplacingMergeTree
 * and FINAL collapse those duplicates instead.
 */
export function batchToken(sequences: readonly number[]): string {
  return createHash('sha256').update(sequences.join(',')).digest('hex');
}

/** Records per (project, model) of one batch, for the progress events. */
export function progressOf(predictions: readonly SourcedLine[], feedback: readonly SourcedLine[]) {
  const counts = new Map<string, { project: string; model: string; predictions: number; feedback: number }>();
  const entry = (project: string, model: string) => {
    const key = `${project}\u0000${model}`;
    let e = counts.get(key);
    if (!e) counts.set(key, (e = { project, model, predictions: 0, feedback: 0 }));
    return e;
  };
  for (const p of predictions) entry(p.source.project, p.model).predictions++;
  for (const f of feedback) entry(f.source.project, f.model).feedback++;
  return [...counts.values()];
}

/**
 * Pulls ingested records from the durable consumer and stores them. A reader
 * moves messages into a buffer of at most two batches, so the next batch is
 * already local while the current one is inserted; when the buffer is full
 * the reader stops taking messages, and nats.js sends its next pull request
 * only as its iterator is read (a callback would pull on regardless, and a
 * store that fell behind buffered its whole backlog, redeliveries included). Acks are sent only after ClickHouse accepted the
 * batch: a transient failure is retried with backoff, never acked or
 * dropped. Rows ClickHouse refuses as data are isolated by bisection and
 * stored as dead letters (with the reason) before the ack, so one bad row
 * never blocks the stream and nothing accepted disappears silently.
 */
export async function startWriter(options: WriterOptions): Promise<Writer> {
  const { clickhouse, logger, maxRecords, maxWaitMs } = options;
  const buffer: JsMsg[] = [];
  let wake: (() => void) | undefined;
  let stopping = false;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  // Messages are chunks of up to CHUNK_MAX_RECORDS records; count records, not messages.
  let buffered = 0;
  const recordsIn = (m: JsMsg) => chunkRecordCount(m.headers);
  const messages: ConsumerMessages = await options.consumer.consume({ max_messages: Math.max(4, Math.ceil((maxRecords * 2) / CHUNK_MAX_RECORDS)) });
  let room: (() => void) | undefined;
  const reader = (async () => {
    for await (const m of messages) {
      buffer.push(m);
      buffered += recordsIn(m);
      if (buffer.length === 1 || buffered >= maxRecords) signal();
      while (buffered >= 2 * maxRecords && !stopping) await new Promise<void>((resolve) => (room = resolve));
    }
  })().catch((err: unknown) => {
    if (!stopping) options.onCrash(err as Error);
  });
  const takeBatch = () => {
    let n = 0;
    let count = 0;
    while (n < buffer.length && (n === 0 || count + recordsIn(buffer[n]!) <= maxRecords)) count += recordsIn(buffer[n++]!);
    buffered -= count;
    const batch = buffer.splice(0, n);
    room?.();
    room = undefined;
    return batch;
  };

  const waitFor = (ms?: number) =>
    new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const insertContext: InsertContext = { clickhouse, logger, stopping: () => stopping };
  // A line's record is read back only when it is dead-lettered; records of older chunks travel as they came.
  const refusedLetters = (refused: Refused<SourcedLine>[], kind: 'prediction' | 'feedback') =>
    refused.map(({ item, failure }) => {
      const record = typeof item.source.record === 'string' ? recordOfLine(kind, item.line) : item.source.record;
      return deadLetter({ ...item.source, record }, kind, failure);
    });
  const stored = (all: SourcedLine[], refused: Refused<SourcedLine>[]) => {
    if (refused.length === 0) return all;
    const bad = new Set(refused.map((r) => r.item));
    return all.filter((r) => !bad.has(r));
  };

  /** Stores dead letters; one that ClickHouse refuses even alone (it should never: all its text is escaped) is logged. */
  const storeDeadLetters = async (letters: DeadLetterRow[], token: string) => {
    const lost = await insertIsolating(insertContext, DEAD_LETTERS, letters, (l) => lineOf(DEAD_LETTER_COLUMNS, l), token);
    for (const { item, failure } of lost) {
      logger.error({ project: item.project, model: item.model, recordId: item.record_id, seq: item.stream_seq, error: failure }, 'dead letter refused by ClickHouse');
    }
    letters.forEach((l, i) => {
      deadLetteredRecords.inc({ kind: l.kind, code: l.code });
      // Identity and reason only: a whole row in a log line is a leak and a flood.
      if (i < MAX_DEAD_LETTER_LOGS) {
        logger.error({ project: l.project, model: l.model, kind: l.kind, recordId: l.record_id, code: l.code, reason: l.reason, seq: l.stream_seq }, 'record dead-lettered');
      }
    });
    if (letters.length > MAX_DEAD_LETTER_LOGS) logger.error({ more: letters.length - MAX_DEAD_LETTER_LOGS }, 'more records dead-lettered in this batch');
  };

  /** Inserts a batch (good rows stored, refused ones dead-lettered) and acks it; if the writer stops first, the batch stays unacked for redelivery. */
  const store = async (batch: JsMsg[]) => {
    const t0 = performance.now();
    const read = readBatch(batch);
    const token = batchToken(batch.map((m) => m.seq));
    const t1 = performance.now();
    let predictions: SourcedLine[];
    let feedback: SourcedLine[];
    try {
      // The field catalog (evalstore_fields) is filled by a materialized view on the predictions (migration 007).
      const badPredictions = await insertIsolating(insertContext, PREDICTIONS, read.predictions, (p) => p.line, `${token}:p`);
      predictions = stored(read.predictions, badPredictions);
      const badFeedback = await insertIsolating(insertContext, FEEDBACK, read.feedback, (f) => f.line, `${token}:f`);
      feedback = stored(read.feedback, badFeedback);
      const letters = [...read.rejected, ...refusedLetters(badPredictions, 'prediction'), ...refusedLetters(badFeedback, 'feedback')];
      if (letters.length) await storeDeadLetters(letters, `${token}:d`);
    } catch (err) {
      if (!(err instanceof StopRequested)) throw err;
      // Unacked messages are redelivered to the next writer: nothing is lost.
      logger.error({ records: read.predictions.length + read.feedback.length }, 'insert still failing at shutdown; leaving batch unacked for redelivery');
      return;
    }
    const t2 = performance.now();
    insertSeconds.observe((t2 - t1) / 1000);
    storedRecords.inc({ kind: 'prediction' }, predictions.length);
    storedRecords.inc({ kind: 'feedback' }, feedback.length);
    // Acks are fire-and-forget publishes; one flush makes sure they left. If the connection dropped under
    // it (its NATS node died), the batch comes back after ack_wait and is collapsed as any redelivery is.
    for (const m of batch) m.ack();
    if (!(await flushAcks(options.connection))) logger.warn({ messages: batch.length }, 'NATS connection dropped while acking a batch; it will be redelivered');
    lastProgressAt = Date.now();
    const t3 = performance.now();
    logger.debug({ messages: batch.length, parseMs: t1 - t0, insertMs: t2 - t1, ackMs: t3 - t2 }, 'batch stored');
    for (const p of progressOf(predictions, feedback)) {
      const event: StoreProgressEvent = {
        id: randomUUID(),
        project: p.project,
        model: { name: p.model },
        predictions: p.predictions,
        feedback: p.feedback,
        at: new Date().toISOString(),
      };
      options.connection.publish(gatewaySubject(GATEWAY_TOPICS.storeProgress(p.project)), JSON.stringify(event));
    }
  };

  // Progress for readiness: idle counts as progress; records waiting while inserts fail do not.
  let lastProgressAt = Date.now();
  let idle = false;
  const loop = (async () => {
    while (!stopping) {
      if (buffer.length === 0) {
        idle = true;
        await waitFor();
        idle = false;
        lastProgressAt = Date.now();
      }
      if (stopping) break;
      // A batch closes when full or maxWaitMs after its first record.
      if (buffered < maxRecords) await waitFor(maxWaitMs);
      const batch = takeBatch();
      if (batch.length) await store(batch);
    }
  })().catch((err: unknown) => options.onCrash(err as Error));

  return {
    stalledForMs: () => (idle ? 0 : Date.now() - lastProgressAt),
    async stop() {
      // Let the loop finish the batch in flight; buffered messages not yet in
      // a batch stay unacked and are redelivered after ack_wait.
      stopping = true;
      signal();
      room?.();
      await loop;
      await messages.close();
      await reader;
      // Records pulled but not yet batched go back to the stream at once.
      for (const m of buffer.splice(0)) m.nak();
      buffered = 0;
      await options.connection.flush().catch(() => undefined);
    },
  };
}
