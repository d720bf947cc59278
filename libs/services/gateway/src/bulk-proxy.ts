import { request as httpRequest, Agent, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SIGNATURE_HEADER, principalHeaders, requestSignature, signRequest } from '@tideline/graphql';
import { currentRequestId, sendJson, type Logger, type RequestHandler } from '@tideline/runtime';
import { authenticateRequest, type Authenticate } from './auth.ts';
import { matchRoute, type ResolvedRoute } from './public-routes.ts';

export interface BulkProxyOptions {
  /** The services' public routes, each with the upstream that serves it. */
  routes: readonly ResolvedRoute[];
  secret: string;
  authenticate: Authenticate;
  maxBodyBytes: number;
  logger: Logger;
}

// Hop-by-hop headers describe one connection, not the message; content-length
// goes too: a forwarded body is re-chunked so its signature can follow it.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'host', 'authorization', 'content-length']);

const forwardable = (headers: IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(headers).filter(([name, value]) => value !== undefined && !HOP_BY_HOP.has(name))) as IncomingHttpHeaders;

class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge';
}

function upstreamOf(url: string) {
  const base = new URL(url.replace(/\/$/, ''));
  const secure = base.protocol === 'https:';
  return { base, agent: secure ? new HttpsAgent({ keepAlive: true }) : new Agent({ keepAlive: true }), send: secure ? httpsRequest : httpRequest };
}

/**
 * The services' public HTTP routes, as each declares them (`POST
 * /v1/predictions`, `GET /v1/artifacts/sha256:<hex>`, …): authenticate, then
 * stream the body to the service. Only a declared path and method is
 * forwarded, rebuilt from what matched (`matchRoute`). The upstream's status,
 * headers (Retry-After on 429) and body pass through unchanged.
 *
 * The signature covers the body's sha256 (ARCHITECTURE.md §8), known only once
 * the body has streamed through: the principal headers go first and the
 * signature follows in an HTTP trailer. The receivers read the whole body and
 * verify before acting on it (ingest publishes nothing, the registry commits
 * no upload otherwise), so streaming costs no memory here and no trust there.
 * A GET has no body: its signature goes in a header.
 */
export function createBulkProxy(options: BulkProxyOptions): RequestHandler {
  const upstreams = new Map(options.routes.map((r) => [r.upstream, upstreamOf(r.upstream)]));

  return async (req, res) => {
    const [rawPath, ...rest] = (req.url ?? '/').split('?');
    const matched = matchRoute(options.routes, rawPath!);
    if ('status' in matched) return sendJson(res, matched.status, { error: { code: matched.code, message: matched.message } });
    const { route, path } = matched;
    const method = req.method ?? '';
    if (!route.methods.includes(method)) {
      const allow = route.methods.join(', ');
      return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${path} accepts ${allow} only` } }, { allow });
    }
    const { base, agent, send } = upstreams.get(route.upstream)!;
    const key = await authenticateRequest(options.authenticate, req, res);
    if (!key) return;
    const tooLarge = () =>
      sendJson(res, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message: `request body exceeds the limit of ${options.maxBodyBytes} bytes` } }, { connection: 'close' });
    if (Number(req.headers['content-length'] ?? 0) > options.maxBodyBytes) {
      tooLarge();
      req.resume();
      return;
    }

    // The query string goes along as sent (a dataset export's ?format=parquet); the signature covers it with the path.
    const query = rest.length ? `?${rest.join('?')}` : '';
    const target = new URL(`${base.pathname}${path}${query}`, base);
    const principal = { project: key.project, actor: key.name, admin: key.admin };
    // A request with a body streams it and signs it in a trailer; one without signs in a header.
    const streamed = method !== 'GET' && method !== 'HEAD';
    const signed = streamed ? { ...principalHeaders(principal), trailer: SIGNATURE_HEADER } : signRequest(options.secret, principal, { method, url: target.href });
    const upstream = send(target, { method, agent, headers: { ...forwardable(req.headers), ...signed } });
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
        if (streamed) upstream.addTrailers({ [SIGNATURE_HEADER]: requestSignature(options.secret, signed, { method, url: target.href, bodySha256: hash.digest('hex') }) });
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
      const requestId = currentRequestId();
      options.logger.warn({ err, upstream: base.href, requestId }, `${route.service} unreachable from the bulk proxy`);
      sendJson(res, 502, { error: { code: 'BAD_GATEWAY', message: `the ${route.service} service is unreachable; retry later`, requestId } }, { 'retry-after': '1' });
    }
  };
}
