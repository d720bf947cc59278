import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { CHUNK_FORMAT_HEADER, RECORD_COUNT_HEADER, ROWS_FORMAT, type Chunk } from '@tideline/contracts';

/**
 * Publishes a chunk of records (`encodeChunks` in @tideline/contracts) with
 * its record count and format headers, under its content's message id unless `msgID`
 * says otherwise (a test that wants a resend stored).
 */
export function publishChunk(js: JetStreamClient, chunk: Chunk, options: { msgID?: string; timeout?: number } = {}): Promise<PubAck> {
  const h = headers();
  h.set(RECORD_COUNT_HEADER, String(chunk.count));
  h.set(CHUNK_FORMAT_HEADER, ROWS_FORMAT);
  return js.publish(chunk.subject, chunk.data, { msgID: options.msgID ?? chunk.messageId, headers: h, timeout: options.timeout });
}
