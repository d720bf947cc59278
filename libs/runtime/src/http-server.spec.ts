import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from './http-io.ts';
import { httpServerModule, type HttpServer } from './http-server.ts';
import { captureLogs } from './logger.ts';
import { defineModule } from './modules.ts';
import { startModules, type RunningProcess } from './process.ts';
import { currentRequestId } from './request-id.ts';

const { logger, entries } = captureLogs('warn');
let proc: RunningProcess;
let base: string;

const routes = defineModule({
  name: 'routes',
  deps: [httpServerModule],
  async start(ctx) {
    const server = ctx.get(httpServerModule);
    server.route('/refused', async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:8123 (http://10.0.0.7:8123/?query=SELECT)'), { code: 'ECONNREFUSED' });
    });
    server.route('/public', async () => {
      throw new HttpError('METHOD_NOT_ALLOWED', 'use POST', { allow: 'POST' });
    });
    server.route('/id', (_req, res) => void res.end(currentRequestId()));
    return { value: undefined };
  },
});

beforeAll(async () => {
  proc = await startModules({ catalog: [routes], targets: ['routes'], env: { PORT: '0' }, logger });
  base = proc.get<HttpServer>('server').url;
});

afterAll(() => proc?.stop());

describe('the HTTP server', () => {
  it('answers what a handler throws, not meant for clients, as INTERNAL_SERVER_ERROR with a request id, logged in full under it', async () => {
    const res = await fetch(`${base}/refused`);
    const text = await res.text();
    const requestId = res.headers.get('x-request-id');
    expect(res.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', requestId } });
    expect(text).not.toMatch(/ECONNREFUSED|10\.0\.0\.7/);
    expect(entries.find((e) => e.requestId === requestId)).toMatchObject({ err: { code: 'ECONNREFUSED', message: expect.stringContaining('http://10.0.0.7:8123') } });
  });

  it('answers a public error with its status, code, message and headers', async () => {
    const res = await fetch(`${base}/public`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.json()).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: 'use POST' } });
  });

  it("serves a request under the id it came with when well-formed, else under a new one", async () => {
    const given = await fetch(`${base}/id`, { headers: { 'x-request-id': 'gw-1234.abc' } });
    expect(await given.text()).toBe('gw-1234.abc');
    expect(given.headers.get('x-request-id')).toBe('gw-1234.abc');
    const forged = await fetch(`${base}/id`, { headers: { 'x-request-id': 'x'.repeat(200) } });
    const id = await forged.text();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(forged.headers.get('x-request-id')).toBe(id);
  });
});
