import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ClickHouseClient } from '@tideline/clickhouse';
import { isPublicError } from '@tideline/contracts';
import { PublicError, SignatureError, claimedPrincipal, verifyRequest } from '@tideline/graphql';
import { HttpError, sendError, sendJson, type Logger, type RequestHandler } from '@tideline/runtime';
import { loadOfflineRows } from './offline-load.ts';
import { dropRows, evaluateRows, insertRows, parseMetrics, parseTask, type Scratch } from './offline-query.ts';

export const OFFLINE_ROUTE = '/v1/evaluations/offline';

export interface OfflineHttpOptions {
  client: ClickHouseClient;
  secret: string;
  maxRows: number;
  logger: Logger;
}

/**
 * `POST /v1/evaluations/offline?task=…[&metrics=…]`: predictions and labels
 * made elsewhere (a training job's test split, a notebook), one NDJSON row a
 * line, evaluated with the platform's metric definitions overall and per
 * slice, in the shape `recordEvaluation` takes.
 *
 * The body streams into a scratch table as it arrives; the signature is
 * checked once it has all arrived, in a trailer (the gateway streams bodies)
 * or a header (a service that hashed its file first, `postSignedFile`). No
 * answer but 401 before that check passes, and the scratch rows are dropped
 * whatever the outcome, before the answer is sent.
 */
export function offlineEvaluationHandler(options: OfflineHttpOptions): RequestHandler {
  const { client, logger } = options;
  return async (req, res) => {
    const arrivedAt = Date.now();
    try {
      if (req.method !== 'POST') throw new HttpError('METHOD_NOT_ALLOWED', `POST ${OFFLINE_ROUTE}?task=BINARY|MULTICLASS|REGRESSION with NDJSON rows`, { allow: 'POST' });
      const { project } = claimedPrincipal(req, arrivedAt); // unsigned requests are refused before the body is read
      const query = new URL(req.url ?? '/', 'http://internal').searchParams;
      const task = parseTask(query.get('task'));
      const metrics = parseMetrics(query.get('metrics'), task);
      const scratch: Scratch = { project, evaluation: randomUUID() };
      let answer: object;
      try {
        const loaded = await loadOfflineRows(req as AsyncIterable<Buffer>, task, options.maxRows, (batch) => insertRows(client, scratch, batch));
        verifyRequest(options.secret, req, loaded.bodySha256, arrivedAt);
        if (loaded.refusal) throw loaded.refusal;
        const { rejected, rejectedCount } = loaded;
        if (loaded.rows === 0) throw new PublicError('NO_VALID_ROWS', `no valid row to evaluate (${rejectedCount} rejected)`, { field: 'body', rejected, rejectedCount });
        const variants = await evaluateRows(client, scratch, task, metrics, loaded.variants);
        answer = { task, rows: loaded.rows, rejectedCount, rejected, variants };
      } finally {
        await dropRows(client, scratch).catch((err: Error) => logger.warn({ err, evaluation: scratch.evaluation }, 'offline evaluation rows not dropped; the TTL will'));
      }
      // Answered once its rows are dropped: a caller that has the answer finds none of them left.
      sendJson(res, 200, answer);
    } catch (err) {
      if (err instanceof SignatureError) return sendJson(res, 401, { error: { code: err.code, message: err.message } });
      if (!isPublicError(err)) throw err;
      // An answer before the body was read (a bad query string) ends the connection, so no unread body lingers on it.
      const unread = !(req as IncomingMessage).readableEnded;
      if (unread) req.resume();
      sendError(res, err, { ...(err instanceof HttpError ? err.headers : {}), ...(unread ? { connection: 'close' } : {}) });
    }
  };
}
