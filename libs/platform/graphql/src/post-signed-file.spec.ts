import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSha256, postSignedFile } from './post-signed-file.ts';
import { SignatureError, verifyRequest } from './signing.ts';

const SECRET = 's'.repeat(32);
const dir = mkdtempSync(join(tmpdir(), 'post-signed-file-'));
const file = join(dir, 'rows.ndjson');
const content = randomBytes(3 * 1024 * 1024 + 17);
let server: Server;
let url: string;

/** A receiver as a service's route is: hashes what arrives, then verifies the signature against it. */
beforeAll(async () => {
  writeFileSync(file, content);
  server = createServer(async (req, res) => {
    const hash = createHash('sha256');
    for await (const chunk of req) hash.update(chunk as Buffer);
    const digest = hash.digest('hex');
    try {
      const principal = verifyRequest(SECRET, req, digest);
      res.end(JSON.stringify({ principal, digest, contentType: req.headers['content-type'], contentLength: req.headers['content-length'] ?? null }));
    } catch (err) {
      res.statusCode = err instanceof SignatureError ? 401 : 500;
      res.end((err as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/internal/metrics/v1/evaluations/offline?task=BINARY`;
});
afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('postSignedFile', () => {
  it('streams the file with a signature over its sha256 in a header, for the principal given', async () => {
    expect(await fileSha256(file)).toBe(createHash('sha256').update(content).digest('hex'));
    const res = await postSignedFile(SECRET, { project: 'p_train' }, url, file, 'application/x-ndjson');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      principal: { project: 'p_train', actor: null, admin: false },
      digest: createHash('sha256').update(content).digest('hex'),
      contentType: 'application/x-ndjson',
      // Streamed (chunked), not buffered to learn its length.
      contentLength: null,
    });
  });

  it('is refused by a receiver that shares another secret', async () => {
    const res = await postSignedFile('x'.repeat(32), { project: 'p_train' }, url, file, 'application/x-ndjson');
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('request signature is invalid');
  });
});
