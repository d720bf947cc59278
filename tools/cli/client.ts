/**
 * How the CLI reaches Tideline: its public HTTP API only (GraphQL on
 * /graphql, NDJSON on /v1), with an API key. Where to: --url, TIDELINE_URL,
 * else http://localhost:4000; which key: --key, TIDELINE_KEY, else the key
 * `npm start` writes to $TIDELINE_HOME/dev-key (.tideline/dev-key), as the demo.
 */
import { readFileSync } from 'node:fs';
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

export function createClient(url: string, key: string): Client {
  const headers = { authorization: `Bearer ${key}` };
  const send = async (path: string, init: RequestInit): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(`${url}${path}`, { ...init, headers: { ...headers, ...init.headers } });
      } catch (err) {
        throw new ApiError(`cannot reach Tideline at ${url}: ${(err as Error).cause ?? (err as Error).message}; start it (npm start) or pass --url / TIDELINE_URL`);
      }
      if ((res.status !== 429 && res.status !== 503) || attempt === MAX_RETRIES) return res;
      await res.body?.cancel();
      await sleep(Math.min(30_000, 1000 * Number(res.headers.get('retry-after') ?? 2 ** attempt)));
    }
  };
  const failure = async (res: Response): Promise<never> => {
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
      const res = await send('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      if (res.status !== 200 && !res.headers.get('content-type')?.includes('json')) return failure(res);
      const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
      const first = body.errors?.[0];
      if (first) throw new ApiError(first.message, first.extensions?.code, first.extensions?.field);
      if (res.status !== 200 || body.data == null) throw new ApiError(`GraphQL answered ${res.status} without data`);
      return body.data;
    },
    async postRecords(path, ndjson) {
      const res = await send(path, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: ndjson });
      if (res.ok) return (await res.json()) as IngestAnswer;
      // A batch whose every record was rejected is answered 400 with the same per-record errors.
      const body = res.status === 400 ? ((await res.clone().json().catch(() => undefined)) as IngestAnswer | undefined) : undefined;
      return typeof body?.accepted === 'number' && Array.isArray(body.errors) ? body : failure(res);
    },
    async get(path) {
      const res = await send(path, { method: 'GET' });
      return res.ok ? res : failure(res);
    },
    async subscribe<T>(query: string, variables: Record<string, unknown>, signal: AbortSignal) {
      const res = await send('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query, variables }),
        signal,
      });
      if (!res.ok || !res.body) return failure(res);
      return sseData<T>(res.body, signal);
    },
  };
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
