import type { JetStreamClient } from '@nats-io/jetstream';
import { chunkEntries, type RecordEntry } from '@tideline/contracts';
import { publishChunk } from '@tideline/nats';

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

/**
 * Publishes records (their chunk entries) in chunks and waits for every JetStream acknowledgement:
 * only acknowledged records count as accepted. A chunk's message id is the
 * digest of its subject (kind and project) and its records' content without
 * arrival time: the same batch sent again within the stream's duplicate
 * window is dropped by JetStream, while another project's records with the
 * same model and ids, or a corrected record, is a new message and is stored.
 */
export async function publishEntries(js: JetStreamClient, entries: readonly RecordEntry[], timeoutMs: number): Promise<PublishOutcome> {
  const { chunks, tooLarge } = chunkEntries(entries);
  const results = await Promise.allSettled(chunks.map((chunk) => publishChunk(js, chunk, { timeout: timeoutMs })));
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
