import type { JetStreamClient } from '@nats-io/jetstream';
import { SUBJECTS, recordMessageId, type IngestRecord } from '@tideline/contracts';

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

/**
 * Publishes records with their id as `Nats-Msg-Id` and waits for every
 * JetStream acknowledgement: only acknowledged records count as accepted.
 * Publishes are pipelined, not awaited one by one.
 */
export async function publishRecords(js: JetStreamClient, records: IngestRecord[], timeoutMs: number): Promise<PublishOutcome> {
  const results = await Promise.allSettled(
    records.map((record) =>
      js.publish(
        record.kind === 'prediction' ? SUBJECTS.predictions(record.project) : SUBJECTS.feedback(record.project),
        encoder.encode(JSON.stringify(record)),
        { msgID: recordMessageId(record), timeout: timeoutMs },
      ),
    ),
  );
  const outcome: PublishOutcome = { stored: [], failed: [] };
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') outcome.stored.push(i);
    else {
      outcome.failed.push(i);
      outcome.failure ??= classify(result.reason);
    }
  });
  return outcome;
}
