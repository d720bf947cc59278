import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';

const CONFLICTS: readonly number[] = [
  // "wrong last sequence": the subject (or stream) moved past the expected sequence.
  JetStreamApiCodes.StreamWrongLastSequence,
  // Newer servers, when the expected subject sequence is unknown to them.
  JetStreamApiCodes.StreamWrongLastSequenceUnknown,
];

/**
 * Whether a write lost a compare-and-set race: JetStream refused it because
 * the expected last sequence no longer holds. That is how a publish with
 * `expect.lastSubjectSequence` or `expect.lastSequence` fails when another
 * writer appended first, and how KV `create` fails on an existing key and
 * `update` on a stale revision (nats.js sends them as such publishes). Any
 * other failure is a real one, for the caller to throw.
 */
export function isCompareAndSetConflict(error: unknown): boolean {
  return error instanceof JetStreamApiError && CONFLICTS.includes(error.code);
}
