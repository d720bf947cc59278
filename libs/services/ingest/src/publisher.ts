import type { JetStreamClient } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { createHash } from 'node:crypto';
import { CHUNK_MAX_BYTES, CHUNK_MAX_RECORDS, RECORD_COUNT_HEADER, SUBJECTS, recordKey, type IngestRecord } from '@tideline/contracts';

/** Why JetStream did not take a record: the client should retry later. */
export class IngestUnavailableError extends Error {
  constructor(
    readonly code: 'INGEST_UNAVAILABLE' | 'INGEST_BACKPRESSURE',
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

const encoder = new TextEncoder();

function classify(err: unknown): IngestUnavailableError {
  const message = (err as Error)?.message ?? String(err);
  // JetStream answers "maximum bytes exceeded" / "maximum messages exceeded" when the stream is full.
  if (/maximum (bytes|messages)|insufficient resources|storage/i.test(message)) {
    return new IngestUnavailableError('INGEST_BACKPRESSURE', `ingest stream is full (${message}); retry later`, 5);
  }
  return new IngestUnavailableError('INGEST_UNAVAILABLE', `JetStream is unavailable (${message}); retry later`, 2);
}

export interface PublishOutcome {
  /** Positions (in the given list) of records JetStream acknowledged. */
  stored: number[];
  /** The first failure, if some records were not stored. */
  failure?: IngestUnavailableError;
  failed: number[];
}

interface Chunk {
  subject: string;
  positions: number[];
  parts: string[];
  keys: string[];
  bytes: number;
}

const countHeader = (n: number) => {
  const h = headers();
  h.set(RECORD_COUNT_HEADER, String(n));
  return h;
};

const subjectOf = (record: IngestRecord) => (record.kind === 'prediction' ? SUBJECTS.predictions(record.project) : SUBJECTS.feedback(record.project));

/** Groups records into JetStream messages of at most CHUNK_MAX_RECORDS records and CHUNK_MAX_BYTES bytes. */
export function chunkRecords(records: readonly IngestRecord[]): Chunk[] {
  const chunks: Chunk[] = [];
  const open = new Map<string, Chunk>();
  records.forEach((record, position) => {
    const subject = subjectOf(record);
    const json = JSON.stringify(record);
    let chunk = open.get(subject);
    if (chunk && (chunk.parts.length >= CHUNK_MAX_RECORDS || chunk.bytes + json.length + 1 > CHUNK_MAX_BYTES)) chunk = undefined;
    if (!chunk) {
      chunk = { subject, positions: [], parts: [], keys: [], bytes: 2 };
      chunks.push(chunk);
      open.set(subject, chunk);
    }
    chunk.positions.push(position);
    chunk.parts.push(json);
    chunk.keys.push(recordKey(record));
    chunk.bytes += json.length + 1;
  });
  return chunks;
}

/**
 * Publishes records in chunks and waits for every JetStream acknowledgement:
 * only acknowledged records count as accepted. A chunk's message id is the
 * digest of its records' keys, so the same batch sent twice is stored once.
 */
export async function publishRecords(js: JetStreamClient, records: IngestRecord[], timeoutMs: number): Promise<PublishOutcome> {
  const chunks = chunkRecords(records);
  const results = await Promise.allSettled(
    chunks.map((chunk) =>
      js.publish(chunk.subject, encoder.encode(`[${chunk.parts.join(',')}]`), {
        msgID: createHash('sha256').update(chunk.keys.join('\n')).digest('base64url'),
        headers: countHeader(chunk.parts.length),
        timeout: timeoutMs,
      }),
    ),
  );
  const outcome: PublishOutcome = { stored: [], failed: [] };
  results.forEach((result, i) => {
    const positions = chunks[i]!.positions;
    if (result.status === 'fulfilled') outcome.stored.push(...positions);
    else {
      outcome.failed.push(...positions);
      outcome.failure ??= classify(result.reason);
    }
  });
  outcome.stored.sort((a, b) => a - b);
  outcome.failed.sort((a, b) => a - b);
  return outcome;
}
