import type { IncomingMessage, ServerResponse } from 'node:http';
import { PublicError, type ErrorCode } from '@tideline/contracts';

/** A public error of an HTTP handler, with the headers that go with it (`Retry-After`, `Allow`); its status is its code's. */
export class HttpError extends PublicError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    options?: ErrorOptions,
  ) {
    super(code, message, {}, options);
  }
}

/**
 * The whole request body; 413 past `limit` bytes, without buffering the rest.
 * Past the limit it stops reading but leaves the connection open, so that the
 * client reads the 413 (`connection: close` ends it after the answer):
 * destroying the socket here would leave it a reset instead.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = (message: string) => new HttpError('PAYLOAD_TOO_LARGE', message, { connection: 'close' });
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(tooLarge(`request body of ${declared} bytes exceeds the limit of ${limit} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd).pause();
      reject(tooLarge(`request body exceeds the limit of ${limit} bytes`));
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** The /v1 API's error body, `{ error: { code, message, …details } }`, with the code's status. */
export function sendError(res: ServerResponse, error: PublicError, headers: Record<string, string> = {}): void {
  sendJson(res, error.status, { error: { ...error.extensions, message: error.message } }, headers);
}

/** What a client gets for anything not meant for it: the request id under which the error is logged. */
export function sendInternalError(res: ServerResponse, requestId: string): void {
  sendJson(res, 500, { error: { code: 'INTERNAL_SERVER_ERROR' satisfies ErrorCode, message: 'Internal server error', requestId } });
}
