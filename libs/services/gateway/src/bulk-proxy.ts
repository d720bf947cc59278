import { request as httpRequest, Agent, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SIGNATURE_HEADER, principalHeaders, requestSignature, signRequest } from '@tideline/graphql';
import { sendJson, type Logger, type RequestHandler } from '@tideline/runtime';
import { authenticateRequest, type Authenticate } from './auth.ts';

export interface BulkProxyOptions {
  /** Base URL of ingest, such as `http://127.0.0.1:4000/internal/ingest`. */
  ingestUrl: string;
  /** Base URL of the registry, for `/v1/artifacts` (uploads POST, downloads GET). */
  registryUrl: string;
  secret: string;
  authenticate: Authenticate;
  maxBodyBytes: number;
  logger: Logger;
}

interface BulkRoute {
  service: 'ingest' | 'registry';
  method: 'POST' | 'GET';
  /** The path forwarded, rebuilt from what matched: never the client's own text. */
  path: string;
}

const DIGEST_PATH = /^\/v1\/artifacts\/sha256(?::|%3[aA])([0-9a-f]{64})$/;

/**
 * The route of a `/v1` request, from its raw path. Only exact paths match:
 * URL parsing would resolve `..` (and `%2e%2e`) segments into another
 * upstream path signed with the caller's project, so nothing is parsed.
 */
export function bulkRoute(rawPath: string): BulkRoute | { status: 400 | 404; code: string; message: string } {
  if (rawPath === '/v1/predictions' || rawPath === '/v1/feedback') return { service: 'ingest', method: 'POST', path: rawPath };
  if (rawPath === '/v1/artifacts') return { service: 'registry', method: 'POST', path: rawPath };
  const digest = DIGEST_PATH.exec(rawPath)?.[1];
  if (digest) return { service: 'registry', method: 'GET', path: `/v1/artifacts/sha256:${digest}` };
  if (rawPath.startsWith('/v1/artifacts/')) return { status: 400, code: 'BAD_REQUEST', message: 'expected /v1/artifacts/sha256:<64 lowercase hex digits>' };
  return { status: 404, code: 'NOT_FOUND', message: `no route for ${rawPath}` };
}

// Hop-by-hop headers describe one connection, not the message; content-length
// goes too: a forwarded body is re-chunked so its signature can follow it.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'host', 'authorization', 'content-length']);

const forwardable = (headers: IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(headers).filter(([name, value]) => value !== undefined && !HOP_BY_HOP.has(name))) as IncomingHttpHeaders;

class BodyTooLarge extends Error {}

function upstreamOf(url: string) {
  const base = new URL(url.replace(/\/$/, ''));
  const secure = base.protocol === 'https:';
  return { base, agent: secure ? new HttpsAgent({ keepAlive: true }) : new Agent({ keepAlive: true }), send: secure ? httpsRequest : httpRequest };
}

/**
 * `POST /v1/predictions|feedback`: authenticate, then stream the NDJSON body
 * to ingest; `POST /v1/artifacts` and `GET /v1/artifacts/sha256:<hex>`
 * likewise to the registry. The upstream's status, headers (Retry-After on
 * 429) and body pass through unchanged.
 *
 * The signature covers the body's sha256 (ARCHITECTURE.md §8), known only once
 * the body has streamed through: the principal headers go first and the
 * signature follows in an HTTP trailer. The receivers read the whole body and
 * verify before acting on it (ingest publishes nothing, the registry commits
 * no upload otherwise), so streaming costs no memory here and no trust there.
 * A GET has no body: its signature goes in a header.
 */
export function createBulkProxy(options: BulkProxyOptions): RequestHandler {
  const upstreams = { ingest: upstreamOf(options.ingestUrl), registry: upstreamOf(options.registryUrl) };

  return async (req, res) => {
    const route = bulkRoute((req.url ?? '/').split('?')[0]!);
    if ('status' in route) return sendJson(res, route.status, { error: { code: route.code, message: route.message } });
    if (req.method !== route.method) return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${route.path} accepts ${route.method} only` } }, { allow: route.method });
    const { base, agent, send } = upstreams[route.service];
    const key = await authenticateRequest(options.authenticate, req, res);
    if (!key) return;
    const tooLarge = () =>
      sendJson(res, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message: `request body exceeds the limit of ${options.maxBodyBytes} bytes` } }, { connection: 'close' });
    if (Number(req.headers['content-length'] ?? 0) > options.maxBodyBytes) {
      tooLarge();
      req.resume();
      return;
    }

    const target = new URL(`${base.pathname}${route.path}`, base);
    const principal = { project: key.project, actor: key.name, admin: key.admin };
    const streamed = route.method === 'POST';
    const signed = streamed ? { ...principalHeaders(principal), trailer: SIGNATURE_HEADER } : signRequest(options.secret, principal, { method: 'GET', url: target.href });
    const upstream = send(target, { method: route.method, agent, headers: { ...forwardable(req.headers), ...signed } });
    const responded = new Promise<void>((resolve, reject) => {
      upstream.once('response', (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, forwardable(upstreamRes.headers));
        pipeline(upstreamRes, res).then(resolve, reject);
      });
      upstream.once('error', reject);
    });
    let size = 0;
    const hash = createHash('sha256');
    const limitAndSign = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > options.maxBodyBytes) return callback(new BodyTooLarge());
        hash.update(chunk);
        callback(null, chunk);
      },
      flush(callback) {
        // Runs after the last chunk and before the pipeline ends the upstream request, which sends the trailer.
        if (streamed) upstream.addTrailers({ [SIGNATURE_HEADER]: requestSignature(options.secret, signed, { method: 'POST', url: target.href, bodySha256: hash.digest('hex') }) });
        callback();
      },
    });
    try {
      if (streamed) await Promise.all([pipeline(req, limitAndSign, upstream), responded]);
      else {
        req.resume(); // a GET's body, if any, is not forwarded
        upstream.end();
        await responded;
      }
    } catch (err) {
      upstream.destroy();
      if (res.headersSent) return void res.destroy();
      if (err instanceof BodyTooLarge) return tooLarge();
      options.logger.warn({ err, upstream: base.href }, `${route.service} unreachable from the bulk proxy`);
      sendJson(res, 502, { error: { code: 'BAD_GATEWAY', message: `the ${route.service} service is unreachable; retry later` } }, { 'retry-after': '1' });
    }
  };
}
