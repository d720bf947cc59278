import { existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { RequestHandler } from '@tideline/runtime';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The console's pages may load and connect to this origin only: no CDN, no
 * inline script or style (the app sets styles through the CSSOM, which CSP
 * allows), never framed. `connect-src 'self'` covers graphql-ws on the same
 * host (CSP 3 matches ws: and wss: to 'self').
 */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// Paths that belong to the API: never answered with the app, so a typo there stays a JSON 404.
const API_PREFIXES = ['/graphql', '/v1/', '/internal/'];

interface StaticFile {
  body: Buffer;
  gzip: Buffer;
  etag: string;
  type: string;
}

/**
 * Serves the built console (apps/console/dist) at `/`: files as they are, with
 * their content type, gzip when accepted, and caching that fits Vite's output —
 * hashed files under /assets for a year (a new build has new names), anything
 * else revalidated by ETag; any other page path (no file extension) gets
 * index.html, so client routes survive a reload. Files are read once and kept
 * in memory (the whole app is a few hundred kB); a rebuild while running is
 * picked up by its new file names and by index.html's mtime.
 */
export function createConsoleHandler(dist: string): RequestHandler {
  const cache = new Map<string, { mtimeMs: number; file: StaticFile }>();
  const load = (path: string): StaticFile | undefined => {
    if (!existsSync(path) || !statSync(path).isFile()) return undefined;
    const mtimeMs = statSync(path).mtimeMs;
    const hit = cache.get(path);
    if (hit && hit.mtimeMs === mtimeMs) return hit.file;
    const body = readFileSync(path);
    const file = { body, gzip: gzipSync(body), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, type: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' };
    cache.set(path, { mtimeMs, file });
    return file;
  };

  return (req, res) => {
    const raw = (req.url ?? '/').split('?')[0]!;
    if (API_PREFIXES.some((p) => raw.startsWith(p)) || (req.method !== 'GET' && req.method !== 'HEAD')) return notFound(req, res, raw);
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      return notFound(req, res, raw);
    }
    // normalize() resolves `..`; whatever is left must still be inside dist.
    const resolved = normalize(join(dist, path));
    if (resolved !== dist && !resolved.startsWith(dist + sep)) return notFound(req, res, raw);
    const file = path !== '/' && extname(path) ? load(resolved) : undefined;
    if (file) return send(req, res, file, path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (extname(path)) return notFound(req, res, raw);
    const index = load(join(dist, 'index.html'));
    if (!index) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' });
      return void res.end('The Tideline console is not built. `npm start` builds it; or run: npx tsx apps/console/build.ts\n');
    }
    send(req, res, index, 'no-cache');
  };
}

function send(req: IncomingMessage, res: ServerResponse, file: StaticFile, cacheControl: string) {
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const headers: Record<string, string> = {
    'content-type': file.type,
    'cache-control': cacheControl,
    etag: file.etag,
    vary: 'accept-encoding',
    'content-security-policy': CONSOLE_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304, headers);
    return void res.end();
  }
  const body = gzip ? file.gzip : file.body;
  res.writeHead(200, { ...headers, ...(gzip ? { 'content-encoding': 'gzip' } : {}), 'content-length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function notFound(req: IncomingMessage, res: ServerResponse, path: string) {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: `no route for ${req.method} ${path}` } }));
}
