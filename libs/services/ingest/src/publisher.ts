import type { JetStreamClient } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { createHash, type Hash } from 'node:crypto';
import { CHUNK_MAX_BYTES, CHUNK_MAX_RECORDS, RECORD_COUNT_HEADER, RECORD_MAX_BYTES, SUBJECTS, type IngestRecord } from '@tideline/contracts';

/** Why JetStream did not take a record: the client should retry later. */
export class IngestUnavailableError extends Error {
  override readonly name = 'IngestUnavailableError';
  constructor(
    readonly code: 'INGEST_UNAVAILABLE' | 'INGEST_BACKPRESSURE',
    message: string,
    readonly retryAfterSeconds: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const encoder = new TextEncoder();

/** What the client is told; the server's own words (subjects, stream names) stay in the log. */
function classify(err: unknown): IngestUnavailableError {
  const message = (err as Error)?.message ?? String(err);
  // JetStream answers "maximum bytes exceeded" / "maximum messages exceeded" when the stream is full.
  if (/maximum (bytes|messages)|insufficient resources|storage/i.test(message)) {
    return new IngestUnavailableError('INGEST_BACKPRESSURE', 'the ingest backlog is full; retry later', 5, { cause: err });
  }
  return new IngestUnavailableError('INGEST_UNAVAILABLE', 'the ingest stream is unreachable; retry later', 2, { cause: err });
}

export interface PublishOutcome {
  /** Positions (in the given list) of records JetStream acknowledged. */
  stored: number[];
  /** The first failure, if some records were not stored. */
  failure?: IngestUnavailableError;
  /** What JetStream said about that failure, for the log. */
  cause?: unknown;
  failed: number[];
  /** Positions of records too large for any message: never sent, a per-record error. */
  tooLarge: number[];
}

interface Chunk {
  subject: string;
  positions: number[];
  parts: string[];
  /** Digest of the subject and the records' content: the message id (see `contentOf`). */
  digest: Hash;
  bytes: number;
}

const countHeader = (n: number) => {
  const h = headers();
  h.set(RECORD_COUNT_HEADER, String(n));
  return h;
};

const subjectOf = (record: IngestRecord) => (record.kind === 'prediction' ? SUBJECTS.predictions(record.project) : SUBJECTS.feedback(record.project));

/**
 * What makes a record a different record: its JSON without the arrival time
 * (`receivedAt`, stamped per request) and without a timestamp that merely
 * defaulted to it, so a request retried as is has the same content.
 * Validation puts `timestamp` and `receivedAt` last, in that order; when the
 * JSON ends with them as top-level members (a nested key would end in two
 * braces, and unescaped quotes only delimit keys) they are cut off at no cost.
 */
export function contentOf(record: IngestRecord, json: string): string {
  const defaulted = record.timestamp === record.receivedAt;
  const arrival = `,"receivedAt":${record.receivedAt}}`;
  const time = `,"timestamp":${record.timestamp}`;
  if (json.endsWith(arrival)) {
    const end = json.length - arrival.length;
    if (!defaulted) return `${json.slice(0, end)}}`;
    if (json.endsWith(time, end)) return `${json.slice(0, end - time.length)}}`;
  }
  const { receivedAt: _receivedAt, timestamp, ...content } = record;
  return JSON.stringify(defaulted ? content : { ...content, timestamp });
}

/**
 * Groups records into JetStream messages of at most CHUNK_MAX_RECORDS records
 * and CHUNK_MAX_BYTES bytes of UTF-8. A record that could not fit even alone
 * is left out and reported in `tooLarge`.
 */
export function chunkRecords(records: readonly IngestRecord[]): { chunks: Chunk[]; tooLarge: number[] } {
  const chunks: Chunk[] = [];
  const tooLarge: number[] = [];
  const open = new Map<string, Chunk>();
  records.forEach((record, position) => {
    const subject = subjectOf(record);
    const json = JSON.stringify(record);
    const bytes = Buffer.byteLength(json);
    if (bytes > RECORD_MAX_BYTES) return void tooLarge.push(position);
    let chunk = open.get(subject);
    if (chunk && (chunk.parts.length >= CHUNK_MAX_RECORDS || chunk.bytes + bytes + 1 > CHUNK_MAX_BYTES)) chunk = undefined;
    if (!chunk) {
      chunk = { subject, positions: [], parts: [], digest: createHash('sha256').update(subject), bytes: 2 };
      chunks.push(chunk);
      open.set(subject, chunk);
    }
    chunk.positions.push(position);
    chunk.parts.push(json);
    // JSON holds no raw newline, so the separator keeps records apart in the digest.
    chunk.digest.update('\n').update(contentOf(record, json));
    chunk.bytes += bytes + 1;
  });
  return { chunks, tooLarge };
}

/**
 * Publishes records in chunks and waits for every JetStream acknowledgement:
 * only acknowledged records count as accepted. A chunk's message id is the
 * digest of its subject (kind and project) and its records' content without
 * arrival time: the same batch sent again within the stream's duplicate
 * window is dropped by JetStream, while another project's records with the
 * same model and ids, or a corrected record, is a new message and is stored.
 */
export async function publishRecords(js: JetStreamClient, records: IngestRecord[], timeoutMs: number): Promise<PublishOutcome> {
  const { chunks, tooLarge } = chunkRecords(records);
  const results = await Promise.allSettled(
    chunks.map((chunk) =>
      js.publish(chunk.subject, encoder.encode(`[${chunk.parts.join(',')}]`), {
        msgID: chunk.digest.digest('base64url'),
        headers: countHeader(chunk.parts.length),
        timeout: timeoutMs,
      }),
    ),
  );
  const outcome: PublishOutcome = { stored: [], failed: [], tooLarge };
  results.forEach((result, i) => {
    const positions = chunks[i]!.positions;
    if (result.status === 'fulfilled') outcome.stored.push(...positions);
    else {
      outcome.failed.push(...positions);
      if (!outcome.failure) {
        outcome.failure = classify(result.reason);
        outcome.cause = result.reason;
      }
    }
  });
  outcome.stored.sort((a, b) => a - b);
  outcome.failed.sort((a, b) => a - b);
  return outcome;
}
