import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EMPTY_BODY_SHA256, SignatureError, claimedPrincipal, verifyRequest } from '@tideline/graphql';
import type { ErrorCode } from '@tideline/contracts';
import { currentRequestId, sendJson, type Logger, type RequestHandler } from '@tideline/runtime';
import { ArtifactCorruptError, ArtifactTooLargeError, verifyArtifact, type ArtifactStore } from './artifact-store.ts';
import { SHA256_PATTERN } from './names.ts';

export interface ArtifactHttpOptions {
  store: ArtifactStore;
  secret: string;
  maxBytes: number;
  logger: Logger;
}

/**
 * The upload's bytes, checked against the gateway's signature after the last
 * one (it covers their sha256 and comes in a trailer, as the gateway streams
 * them): a failing check ends the stream with the error, so the store aborts
 * the upload instead of committing it.
 */
async function* verifiedUpload(req: IncomingMessage, verify: (bodySha256: string) => void): AsyncIterable<Uint8Array> {
  const hash = createHash('sha256');
  for await (const chunk of req) {
    hash.update(chunk as Buffer);
    yield chunk as Buffer;
  }
  verify(hash.digest('hex'));
}

const error = (code: ErrorCode, message: string) => ({ error: { code, message } });

/**
 * The registry's HTTP API for artifact files, below `/internal/registry`
 * (the gateway serves it as `/v1/artifacts` with API-key authentication):
 * `POST /v1/artifacts` streams one file in (raw bytes, any content type) and
 * answers its digest; `GET /v1/artifacts/sha256:<hex>` streams the file,
 * only after checking it against its digest. Raw bytes rather than base64 in
 * GraphQL: weight shards are binary and can be large, and a file uploaded
 * once is referenced by digest from any number of versions.
 */
export function artifactHandler(options: ArtifactHttpOptions): RequestHandler {
  return async (req, res) => {
    const arrivedAt = Date.now();
    let project: string;
    try {
      // A download has no body; an upload's signature is checked once its bytes are in (verifiedUpload).
      project = (req.method === 'GET' ? verifyRequest(options.secret, req, EMPTY_BODY_SHA256, arrivedAt) : claimedPrincipal(req, arrivedAt)).project;
    } catch (err) {
      if (!(err instanceof SignatureError)) throw err;
      return sendJson(res, 401, error(err.code, err.message));
    }
    const path = (req.url ?? '/').split('?')[0]!;
    const rest = path.slice(path.indexOf('/v1/artifacts') + '/v1/artifacts'.length).replace(/^\//, '');

    if (req.method === 'POST' && rest === '') {
      if (Number(req.headers['content-length'] ?? 0) > options.maxBytes) {
        req.resume();
        return sendJson(res, 413, error('ARTIFACT_TOO_LARGE', new ArtifactTooLargeError(options.maxBytes).message), { connection: 'close' });
      }
      let refused: SignatureError | undefined;
      const verify = (bodySha256: string) => {
        try {
          verifyRequest(options.secret, req, bodySha256, arrivedAt);
        } catch (err) {
          if (err instanceof SignatureError) refused = err;
          throw err;
        }
      };
      try {
        const stored = await options.store.put(project, verifiedUpload(req, verify), options.maxBytes);
        return sendJson(res, 200, stored);
      } catch (err) {
        if (refused) return sendJson(res, 401, error(refused.code, refused.message));
        if (err instanceof ArtifactTooLargeError) return sendJson(res, 413, error('ARTIFACT_TOO_LARGE', err.message), { connection: 'close' });
        throw err;
      }
    }
    if (req.method === 'GET' && rest) {
      const digest = decodeURIComponent(rest);
      if (!SHA256_PATTERN.test(digest)) return sendJson(res, 400, error('BAD_REQUEST', `expected /v1/artifacts/sha256:<64 lowercase hex digits>, got '${digest}'`));
      let size: number | null;
      try {
        // Two streaming passes: the first proves the file intact before a status is sent, the second sends it.
        size = await verifyArtifact(options.store, project, digest);
      } catch (err) {
        if (!(err instanceof ArtifactCorruptError)) throw err;
        const requestId = currentRequestId();
        options.logger.error({ digest, project, requestId }, err.message);
        return sendJson(res, 500, { error: { code: err.code, message: err.message, requestId } });
      }
      const file = size === null ? null : await options.store.read(project, digest);
      if (!file) return sendJson(res, 404, error('ARTIFACT_NOT_FOUND', `no artifact file ${digest} in this project`));
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(size), digest: `sha-256=${Buffer.from(digest.slice(7), 'hex').toString('base64')}` });
      // The second pass is verified too: bytes changed in between cut the response short of its length.
      return pipeline(Readable.from(file.chunks), res).catch((err: Error) => options.logger.warn({ err, digest, project }, 'artifact download aborted'));
    }
    sendJson(res, 405, error('METHOD_NOT_ALLOWED', 'POST /v1/artifacts uploads a file; GET /v1/artifacts/sha256:<hex> downloads one'), { allow: 'GET, POST' });
  };
}
