import { createHash, randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@tideline/clickhouse';
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { CHUNK_MAX_RECORDS, GATEWAY_TOPICS, RECORD_COUNT_HEADER, gatewaySubject, type IngestRecord, type StoreProgressEvent } from '@tideline/contracts';
import type { Logger } from '@tideline/runtime';
import { FEEDBACK_TABLE, FIELDS_TABLE, PREDICTIONS_TABLE } from '@tideline/store';
import { FieldCatalog } from './field-catalog.ts';
import { insertFailures, insertSeconds, storedRecords } from './metrics.ts';
import { feedbackRow, predictionRow, type FeedbackRow, type PredictionRow } from './rows.ts';


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
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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
export function progressOf(predictions: readonly PredictionRow[], feedback: readonly FeedbackRow[]) {
  const counts = new Map<string, { project: string; model: string; predictions: number; feedback: number }>();
  const entry = (project: string, model: string) => {
    const key = `${project}\u0000${model}`;
    let e = counts.get(key);
    if (!e) counts.set(key, (e = { project, model, predictions: 0, feedback: 0 }));
    return e;
  };
  for (const p of predictions) entry(p.project, p.model).predictions++;
  for (const f of feedback) entry(f.project, f.model).feedback++;
  return [...counts.values()];
}

/**
 * Pulls ingested records from the durable consumer and stores them. Messages
 * arrive through a callback into a buffer (the server bounds it with the
 * consumer's max_ack_pending), so the next batch is already local while the
 * current one is inserted. Acks are sent only after ClickHouse accepted the
 * batch; a failed insert is retried with backoff and never acked or dropped.
 */
export async function startWriter(options: WriterOptions): Promise<Writer> {
  const { clickhouse, logger, maxRecords, maxWaitMs } = options;
  const fields = new FieldCatalog();
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
  const recordsIn = (m: JsMsg) => Number(m.headers?.get(RECORD_COUNT_HEADER) || 1);
  const messages: ConsumerMessages = await options.consumer.consume({
    max_messages: Math.max(4, Math.ceil((maxRecords * 2) / CHUNK_MAX_RECORDS)),
    callback: (m) => {
      buffer.push(m);
      buffered += recordsIn(m);
      if (buffer.length === 1 || buffered >= maxRecords) signal();
    },
  });
  const takeBatch = () => {
    let n = 0;
    let count = 0;
    while (n < buffer.length && (n === 0 || count + recordsIn(buffer[n]!) <= maxRecords)) count += recordsIn(buffer[n++]!);
    buffered -= count;
    return buffer.splice(0, n);
  };

  const waitFor = (ms?: number) =>
    new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const insert = async (table: string, values: object[], token: string) => {
    if (values.length === 0) return;
    // One string of JSON arrays in column order, sent with the statement.
    // Measured in chDB against \`client.insert\` with JSONEachRow objects:
    // about half the CPU per row (no per-row key matching, no stream adapter),
    // and a ClickHouse server reads the same body.
    const columns = Object.keys(values[0]!);
    const lines = new Array<string>(values.length);
    for (let i = 0; i < values.length; i++) {
      const row = values[i] as Record<string, unknown>;
      lines[i] = JSON.stringify(columns.map((c) => row[c]));
    }
    await clickhouse.command({
      query: `INSERT INTO ${table} (${columns.join(', ')}) FORMAT JSONCompactEachRow\n${lines.join('\n')}`,
      clickhouse_settings: { insert_deduplicate: 1, insert_deduplication_token: token },
    });
  };

  const store = async (batch: JsMsg[]) => {
    const t0 = performance.now();
    const predictions: PredictionRow[] = [];
    const feedback: FeedbackRow[] = [];
    const keep: JsMsg[] = [];
    for (const m of batch) {
      let records: IngestRecord[];
      try {
        records = m.json<IngestRecord[]>();
        if (!Array.isArray(records)) throw new Error('expected a JSON array of records');
      } catch (err) {
        // Not a chunk ingest wrote: retrying can never succeed. Terminate it, loudly.
        logger.error({ err, subject: m.subject, seq: m.seq }, 'unparsable ingest message terminated');
        m.term();
        continue;
      }
      for (const record of records) {
        if (record.kind === 'prediction') predictions.push(predictionRow(record));
        else if (record.kind === 'feedback') feedback.push(feedbackRow(record));
        else logger.error({ subject: m.subject, seq: m.seq }, 'ingest record of unknown kind skipped');
      }
      keep.push(m);
    }
    const token = batchToken(keep.map((m) => m.seq));
    const t1 = performance.now();
    for (let attempt = 0; ; attempt++) {
      try {
        await insert(PREDICTIONS_TABLE, predictions, `${token}:p`);
        await insert(FIELDS_TABLE, fields.unseen(predictions), `${token}:n`);
        await insert(FEEDBACK_TABLE, feedback, `${token}:f`);
        break;
      } catch (err) {
        insertFailures.inc();
        if (stopping && attempt >= 2) {
          // Unacked messages are redelivered to the next writer: nothing is lost.
          logger.error({ err, records: keep.length }, 'insert still failing at shutdown; leaving batch unacked for redelivery');
          return;
        }
        const delay = Math.min(100 * 2 ** attempt, 10_000);
        logger.warn({ err, attempt, delay, records: keep.length }, 'insert failed; retrying');
        await sleep(delay);
      }
    }
    const t2 = performance.now();
    insertSeconds.observe((t2 - t1) / 1000);
    storedRecords.inc({ kind: 'prediction' }, predictions.length);
    storedRecords.inc({ kind: 'feedback' }, feedback.length);
    // Acks are fire-and-forget publishes; one flush makes sure they left.
    for (const m of keep) m.ack();
    await options.connection.flush();
    const t3 = performance.now();
    logger.debug({ records: keep.length, parseMs: t1 - t0, insertMs: t2 - t1, ackMs: t3 - t2 }, 'batch stored');
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

  const loop = (async () => {
    while (!stopping) {
      if (buffer.length === 0) await waitFor();
      if (stopping) break;
      // A batch closes when full or maxWaitMs after its first record.
      if (buffered < maxRecords) await waitFor(maxWaitMs);
      const batch = takeBatch();
      if (batch.length) await store(batch);
    }
  })().catch((err: unknown) => options.onCrash(err as Error));

  return {
    async stop() {
      // Let the loop finish the batch in flight; buffered messages not yet in
      // a batch stay unacked and are redelivered after ack_wait.
      stopping = true;
      signal();
      await loop;
      await messages.close();
      // Records pulled but not yet batched go back to the stream at once.
      for (const m of buffer.splice(0)) m.nak();
      buffered = 0;
      await options.connection.flush().catch(() => undefined);
    },
  };
}
