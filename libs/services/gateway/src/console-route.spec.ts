import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, get as httpGet, type Server } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '@tideline/testing';
import { CONSOLE_CSP, createConsoleHandler } from './console-route.ts';

let dir: TempDir;
let server: Server;
let base: string;
let dist: string;
const INDEX = '<!doctype html><title>console</title><script type="module" src="/assets/index-abc123.js"></script>';

beforeAll(async () => {
  dir = tempDir('console-route-');
  dist = join(dir.path, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("app");'.repeat(50));
  writeFileSync(join(dist, 'favicon.svg'), '<svg/>');
  writeFileSync(join(dir.path, 'secret.txt'), 'outside');
  const handler = createConsoleHandler(dist);
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  dir.remove();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers: { 'accept-encoding': 'identity', ...headers } });

describe('the console route', () => {
  it('serves index.html at / with its content type, the CSP and revalidation', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).not.toMatch(/https?:|\*|unsafe/);
    expect(await res.text()).toBe(INDEX);
    const again = await get('/', { 'if-none-match': res.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('caches hashed assets for a year and gzips them when asked', async () => {
    const res = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip' });
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toBe('console.log("app");'.repeat(50)); // fetch decompresses
    // node:http does not decompress: the bytes on the wire are gzip.
    const raw = await new Promise<Buffer>((resolve, reject) =>
      httpGet(`${base}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
      }).on('error', reject),
    );
    expect(gunzipSync(raw).toString()).toBe('console.log("app");'.repeat(50));
    expect((await get('/favicon.svg')).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('answers client routes with the app, and missing files, API paths and escapes with a 404', async () => {
    for (const page of ['/alerts', '/models/churn/registry', '/models/a%20b']) {
      const res = await get(page);
      expect([page, res.status, await res.text()]).toEqual([page, 200, INDEX]);
    }
    for (const path of ['/assets/missing-1.js', '/v1/nothing', '/internal/alerts/x', '/..%2Fsecret.txt', '/%2e%2e/secret.txt', '/assets/%E0%A4%A']) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(await res.text()).not.toContain('outside');
    }
    expect((await fetch(`${base}/alerts`, { method: 'POST' })).status).toBe(404);
  });

  it('says how to build the console when it is not built', async () => {
    const handler = createConsoleHandler(join(dir.path, 'nowhere'));
    const other = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const res = await fetch(`http://127.0.0.1:${(other.address() as { port: number }).port}/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm start');
    await new Promise((resolve) => other.close(resolve));
  });
});

