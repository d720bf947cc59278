import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SIGNATURE_HEADER, principalHeaders, requestSignature, type Principal } from './signing.ts';

/** The sha256 of a file, read as a stream. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * POSTs a file to another service's HTTP route, signed as the gateway signs
 * (a service calling a service, e.g. the trainer sending a test split's
 * predictions to `/v1/evaluations/offline` at the metrics service's URL):
 * the file is hashed first, so the signature goes in a header, then streamed
 * as the body, never held in memory. The file must not change in between
 * (its digest would no longer match: 401).
 */
export async function postSignedFile(secret: string, principal: Principal, url: string, path: string, contentType: string): Promise<Response> {
  const bodySha256 = await fileSha256(path);
  const headers = principalHeaders(principal);
  const signature = requestSignature(secret, headers, { method: 'POST', url, bodySha256 });
  return fetch(url, {
    method: 'POST',
    headers: { ...headers, [SIGNATURE_HEADER]: signature, 'content-type': contentType },
    // undici streams a web ReadableStream body as it is read; `duplex: 'half'` is what it requires for one.
    body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
}
