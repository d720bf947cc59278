import { HttpError, readBody, sendError, sendJson, type RequestHandler } from '@tideline/runtime';
import { SignatureError, claimedPrincipal, verifyRequest } from '@tideline/graphql';
import type { ErrorCode } from '@tideline/contracts';
import type { BulkPreparer } from './bulk-workers.ts';
import { ingestPrepared, type IngestDeps, type RecordKind } from './ingest-batch.ts';

export interface BulkOptions {
  secret: string;
  maxBodyBytes: number;
  maxRecords: number;
  /** False while the module drains at shutdown: new batches get 503. */
  accepting(): boolean;
}

/**
 * `POST …/v1/predictions` and `…/v1/feedback`: newline-delimited JSON, one
 * record a line. 200 with the IngestResult when anything was accepted (or
 * nothing was sent), 400 when every record was rejected, 503/429 with
 * Retry-After when JetStream could not take valid records.
 */
export function bulkHandler(deps: IngestDeps, options: BulkOptions, preparer: BulkPreparer, kind: RecordKind): RequestHandler {
  return async (req, res) => {
    try {
      if (req.method !== 'POST') throw new HttpError('METHOD_NOT_ALLOWED', 'use POST with newline-delimited JSON', { allow: 'POST' });
      const arrivedAt = Date.now();
      const claimed = claimedPrincipal(req, arrivedAt); // unsigned requests are refused before their body is read
      if (!options.accepting()) throw new HttpError('INGEST_UNAVAILABLE', 'ingest is shutting down; retry', { 'retry-after': '1' });
      const body = await readBody(req, options.maxBodyBytes);
      // Digested, parsed, validated and encoded off the main thread, for the project the request claims.
      const prepared = await preparer.prepare({ body, kind, project: claimed.project, receivedAt: Date.now(), maxRecords: options.maxRecords }).catch((err: unknown) => {
        deps.logger.error({ err }, 'ingest could not prepare a bulk body');
        throw new HttpError('INGEST_UNAVAILABLE', 'ingest could not read the batch; retry', { 'retry-after': '1' });
      });
      // The gateway streams the body and signs its digest in a trailer: verified here, before any record is acted on.
      const { project } = verifyRequest(options.secret, req, prepared.digest, arrivedAt);
      if (project !== claimed.project) throw new SignatureError('request signature is invalid');
      if ('refused' in prepared) throw new HttpError(prepared.refused.code as ErrorCode, prepared.refused.message);
      const result = await ingestPrepared(deps, project, kind, prepared.batch);
      const { unavailable, ...payload } = result;
      if (unavailable) {
        const status = unavailable.code === 'INGEST_BACKPRESSURE' ? 429 : 503;
        return sendJson(res, status, { ...payload, error: { code: unavailable.code, message: unavailable.message } }, { 'retry-after': String(unavailable.retryAfterSeconds) });
      }
      sendJson(res, result.accepted === 0 && result.rejected > 0 ? 400 : 200, payload);
    } catch (err) {
      if (err instanceof SignatureError) return sendJson(res, 401, { error: { code: err.code, message: err.message } });
      if (err instanceof HttpError) return sendError(res, err, err.headers);
      throw err;
    }
  };
}
