import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from './http-server.ts';

/** The header a request's id travels in: from the gateway to subgraphs and services, and back to the client. */
export const REQUEST_ID_HEADER = 'x-request-id';

// An id is copied into logs and headers: a short token, never free text.
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;
const scope = new AsyncLocalStorage<string>();

export const newRequestId = (): string => randomUUID();

/** The id the request came with (the gateway gives one to every request and passes it on), or a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && WELL_FORMED.test(given) ? given : newRequestId();
}

/** The id of the request being served, wherever in its handling this runs; undefined outside one. */
export const currentRequestId = (): string | undefined => scope.getStore();

/**
 * Serves the request under its id: known to everything the handler calls
 * (`currentRequestId`, for logs and error masks), set on the request for
 * libraries that read the header (Hive Gateway passes it to subgraphs), and
 * sent back in the response's `x-request-id`.
 */
export function withRequestId(handler: RequestHandler): RequestHandler {
  return (req, res) => {
    const id = requestIdOf(req);
    req.headers[REQUEST_ID_HEADER] = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    return scope.run(id, () => handler(req, res));
  };
}
