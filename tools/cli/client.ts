/**
 * How the CLI reaches Tideline: its public HTTP API only (GraphQL on
 * /graphql, NDJSON on /v1), with an API key. Where to: --url, TIDELINE_URL,
 * else http://localhost:4000; which key: --key, TIDELINE_KEY, else the key
 * `npm start` writes to $TIDELINE_HOME/dev-key (.tideline/dev-key), as the demo.
 */
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import type { Parsed } from './args.ts';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly code?: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface IngestAnswer {
  accepted: number;
  rejected: number;
  errors: { index: number; field?: string; message: string }[];
}

export interface Client {
  url: string;
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** POSTs NDJSON to a /v1 ingest route; retries 429/503 as Retry-After asks (a full backlog, a gateway composing). */
  postRecords(path: '/v1/predictions' | '/v1/feedback', ndjson: string | Uint8Array<ArrayBuffer>): Promise<IngestAnswer>;
  /** GET on a /v1 route, the raw response (exports stream their body). */
  get(path: string): Promise<Response>;
  /** A GraphQL subscription over SSE, once the gateway answered it: each event's data until `signal` aborts. */
  subscribe<T>(query: string, variables: Record<string, unknown>, signal: AbortSignal): Promise<AsyncGenerator<T>>;
}

export function clientFromArgs(parsed: Parsed, env: NodeJS.ProcessEnv = process.env): Client {
  const url = (parsed.options.get('url') ?? env.TIDELINE_URL ?? 'http://localhost:4000').replace(/\/$/, '');
  return createClient(url, parsed.options.get('key') ?? env.TIDELINE_KEY ?? devKey(env));
}

function devKey(env: NodeJS.ProcessEnv): string {
  const path = join(env.TIDELINE_HOME ?? '.tideline', 'dev-key');
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    throw new ApiError(`no API key: pass --key, set TIDELINE_KEY, or start Tideline with \`npm start\` (it writes ${path})`);
  }
}

const MAX_RETRIES = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the CLI reads of an answer: a fetch Response has it, and so has `httpCall`'s. */
interface Answer {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

interface Call {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  signal?: AbortSignal;
}

// Keep-alive (idle sockets do not hold the process open): ingest's batches reuse their connections.
const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

/**
 * A request over node:http(s), read whole. The short commands (projects, keys,
 * queries) and ingest's batches go this way rather than through fetch: loading
 * fetch (undici) and closing it took about a third of a project or key call's
 * wall time (measured: 0.5–0.7 s against 0.25–0.3 s for a bare call). Exports
 * and watch stream their bodies, through fetch.
 */
function httpCall(target: string, call: Call): Promise<Answer> {
  const url = new URL(target);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: call.method, headers: call.headers, agent: agents[url.protocol as keyof typeof agents] }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        resolve({ status, ok: status >= 200 && status < 300, headers: { get: (name) => [res.headers[name.toLowerCase()]].flat()[0] ?? null }, text: async () => text });
      });
    });
    req.on('error', reject);
    req.end(call.body);
  });
}

const fetchCall = (target: string, call: Call) => fetch(target, call);

export function createClient(url: string, key: string): Client {
  const headers = { authorization: `Bearer ${key}` };
  const send = async <R extends Answer>(path: string, init: Call, transport: (target: string, call: Call) => Promise<R>): Promise<R> => {
    for (let attempt = 0; ; attempt++) {
      let res: R;
      try {
        res = await transport(`${url}${path}`, { ...init, headers: { ...headers, ...init.headers } });
      } catch (err) {
        throw new ApiError(`cannot reach Tideline at ${url}: ${(err as Error).cause ?? (err as Error).message}; start it (npm start) or pass --url / TIDELINE_URL`);
      }
      if ((res.status !== 429 && res.status !== 503) || attempt === MAX_RETRIES) return res;
      await res.text().catch(() => ''); // read to its end, so the connection is free again
      await sleep(Math.min(30_000, 1000 * Number(res.headers.get('retry-after') ?? 2 ** attempt)));
    }
  };
  const failure = async (res: Answer): Promise<never> => {
    const text = await res.text();
    let error: { message?: string; extensions?: { code?: string; field?: string } } | undefined;
    try {
      const body = JSON.parse(text) as { errors?: (typeof error)[]; error?: string; message?: string };
      error = body.errors?.[0] ?? { message: body.message ?? body.error };
    } catch {
      /* not JSON: the status and text say it */
    }
    if (res.status === 401) throw new ApiError(`the API key was refused (401): ${error?.message ?? text}`, 'UNAUTHENTICATED');
    throw new ApiError(`${res.status}: ${error?.message ?? text.slice(0, 500)}`, error?.extensions?.code, error?.extensions?.field);
  };
  return {
    url,
    async gql<T>(query: string, variables: Record<string, unknown> = {}) {
      const res = await send('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) }, httpCall);
      if (res.status !== 200 && !res.headers.get('content-type')?.includes('json')) return failure(res);
      const body = JSON.parse(await res.text()) as { data?: T; errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
      const first = body.errors?.[0];
      if (first) throw new ApiError(first.message, first.extensions?.code, first.extensions?.field);
      if (res.status !== 200 || body.data == null) throw new ApiError(`GraphQL answered ${res.status} without data`);
      return body.data;
    },
    async postRecords(path, ndjson) {
      const res = await send(path, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: ndjson }, httpCall);
      const text = await res.text();
      if (res.ok) return JSON.parse(text) as IngestAnswer;
      // A batch whose every record was rejected is answered 400 with the same per-record errors.
      const body = res.status === 400 ? (parseOrUndefined(text) as IngestAnswer | undefined) : undefined;
      return typeof body?.accepted === 'number' && Array.isArray(body.errors) ? body : failure(res);
    },
    async get(path) {
      const res = await send(path, { method: 'GET', headers: {} }, fetchCall);
      return res.ok ? res : failure(res);
    },
    async subscribe<T>(query: string, variables: Record<string, unknown>, signal: AbortSignal) {
      const res = await send('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query, variables }),
        signal,
      }, fetchCall);
      if (!res.ok || !res.body) return failure(res);
      return sseData<T>(res.body, signal);
    },
  };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `data:` payloads of a Server-Sent Events stream (GraphQL over SSE: `next` events carry `{ data }`). */
async function* sseData<T>(body: ReadableStream<Uint8Array>, signal: AbortSignal): AsyncGenerator<T> {
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = body.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      const chunk = read.value;
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
        if (!data) continue;
        const message = JSON.parse(data) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
        if (message.errors?.length) throw new ApiError(message.errors[0]!.message, message.errors[0]!.extensions?.code);
        if (message.data) yield message.data;
      }
    }
  } catch (err) {
    if (!signal.aborted) throw err;
  }
}
