import { request as httpRequest, Agent, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { signProject } from '@tideline/graphql';
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

const PATHS = new Set(['/v1/predictions', '/v1/feedback']);
const isArtifacts = (path: string) => path === '/v1/artifacts' || path.startsWith('/v1/artifacts/');
// Hop-by-hop headers describe one connection, not the message.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'host', 'authorization']);

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
 * to ingest with the signed project; `POST /v1/artifacts` and
 * `GET /v1/artifacts/<digest>` likewise to the registry. The upstream's
 * status, headers (Retry-After on 429) and body pass through unchanged.
 */
export function createBulkProxy(options: BulkProxyOptions): RequestHandler {
  const ingest = upstreamOf(options.ingestUrl);
  const registry = upstreamOf(options.registryUrl);

  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!PATHS.has(path) && !isArtifacts(path)) return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no route for ${req.method} ${path}` } });
    const allowed = !isArtifacts(path) ? 'POST' : path === '/v1/artifacts' ? 'POST' : 'GET';
    if (req.method !== allowed) return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${path} accepts ${allowed} only` } }, { allow: allowed });
    const { base, agent, send } = isArtifacts(path) ? registry : ingest;
    const project = await authenticateRequest(options.authenticate, req, res);
    if (!project) return;
    const tooLarge = () =>
      sendJson(res, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message: `request body exceeds the limit of ${options.maxBodyBytes} bytes` } }, { connection: 'close' });
    if (Number(req.headers['content-length'] ?? 0) > options.maxBodyBytes) {
      tooLarge();
      req.resume();
      return;
    }

    const upstream = send(new URL(`${base.pathname}${path}`, base), {
      method: allowed,
      agent,
      headers: { ...forwardable(req.headers), ...signProject(options.secret, project) },
    });
    const responded = new Promise<void>((resolve, reject) => {
      upstream.once('response', (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, forwardable(upstreamRes.headers));
        pipeline(upstreamRes, res).then(resolve, reject);
      });
      upstream.once('error', reject);
    });
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        callback(size > options.maxBodyBytes ? new BodyTooLarge() : null, chunk);
      },
    });
    try {
      await Promise.all([pipeline(req, limit, upstream), responded]);
    } catch (err) {
      upstream.destroy();
      if (res.headersSent) return void res.destroy();
      if (err instanceof BodyTooLarge) return tooLarge();
      const service = isArtifacts(path) ? 'registry' : 'ingest';
      options.logger.warn({ err, upstream: base.href }, `${service} unreachable from the bulk proxy`);
      sendJson(res, 502, { error: { code: 'BAD_GATEWAY', message: `the ${service} service is unreachable; retry later` } }, { 'retry-after': '1' });
    }
  };
}
