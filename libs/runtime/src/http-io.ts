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

/** The whole request body; 413 past `limit` bytes, without buffering the rest. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError('PAYLOAD_TOO_LARGE', `request body of ${declared} bytes exceeds the limit of ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.destroy();
      throw new HttpError('PAYLOAD_TOO_LARGE', `request body exceeds the limit of ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
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
