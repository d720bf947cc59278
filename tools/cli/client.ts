/**
 * How the CLI reaches Tideline: its public HTTP API only (GraphQL on
 * /graphql, NDJSON on /v1), with an API key. Where to: --url, TIDELINE_URL,
 * else http://localhost:4000; which key: --key, TIDELINE_KEY, else the key
 * `npm start` writes to $TIDELINE_HOME/dev-key (.tideline/dev-key), as the demo.
 * The SDK's transport (`@tideline/sdk/transport`) speaks the protocol: the
 * key header, the API's errors as a TidelineError with their code and field,
 * Server-Sent Events; the CLI adds node:http for its short calls and sends
 * 429 and 503 again.
 */
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { backoffMs, errorFromHttp, executeGraphql, networkError, retryAfterMs, sleep, subscribe, type GraphqlTransport, type SubscriptionOptions } from '@tideline/sdk/transport';
import type { Parsed } from './args.ts';

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
  /** A GraphQL subscription over SSE: each event's data until the signal aborts (`onOpen` once the gateway took it). */
  subscribe<T>(query: string, variables: Record<string, unknown>, options: SubscriptionOptions): AsyncGenerator<T, void, undefined>;
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
    throw new Error(`no API key: pass --key, set TIDELINE_KEY, or start Tideline with \`npm start\` (it writes ${path})`);
  }
}

const MAX_RETRIES = 8;

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

/** `transport` with 429 and 503 sent again, as the server's Retry-After asks (else backoff), up to MAX_RETRIES times. */
function retrying<R extends Answer>(transport: (target: string, call: Call) => Promise<R>) {
  return async (target: string, call: Call): Promise<R> => {
    for (let attempt = 1; ; attempt++) {
      const res = await transport(target, call);
      if ((res.status !== 429 && res.status !== 503) || attempt > MAX_RETRIES) return res;
      await res.text().catch(() => ''); // read to its end, so the connection is free again
      await sleep(Math.min(30_000, retryAfterMs(res.headers.get('retry-after')) ?? backoffMs(attempt, 1000, 30_000)), call.signal);
    }
  };
}

/** The API's error in `res`, as the SDK maps it (code, field, message). */
async function failure(res: Answer): Promise<never> {
  throw errorFromHttp(res.status, parseOrUndefined(await res.text()), res.headers.get('x-request-id'));
}

export function createClient(url: string, key: string): Client {
  const headers = { authorization: `Bearer ${key}` };
  // The SDK's GraphQL calls read only status, headers and text of an answer, which httpCall gives without loading fetch.
  const short: GraphqlTransport = { url, apiKey: key, fetch: retrying(httpCall) as unknown as typeof fetch };
  const streaming: GraphqlTransport = { url, apiKey: key, fetch: retrying(fetchCall) as unknown as typeof fetch };
  /** A /v1 call with the key; no answer at all is the SDK's NETWORK_ERROR, as for GraphQL. */
  const v1 = <R extends Answer>(path: string, call: Call, transport: (target: string, call: Call) => Promise<R>) =>
    retrying(transport)(`${url}${path}`, { ...call, headers: { ...headers, ...call.headers } }).catch((cause: unknown) => Promise.reject(networkError(`${url}${path}`, cause)));
  return {
    url,
    gql: <T>(query: string, variables: Record<string, unknown> = {}) => executeGraphql<T>(short, query, variables),
    async postRecords(path, ndjson) {
      const res = await v1(path, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: ndjson }, httpCall);
      const text = await res.text();
      if (res.ok) return JSON.parse(text) as IngestAnswer;
      // A batch whose every record was rejected is answered 400 with the same per-record errors.
      const body = parseOrUndefined(text) as IngestAnswer | undefined;
      if (res.status === 400 && typeof body?.accepted === 'number' && Array.isArray(body.errors)) return body;
      throw errorFromHttp(res.status, body, res.headers.get('x-request-id'));
    },
    async get(path) {
      const res = await v1(path, { method: 'GET', headers: {} }, fetchCall);
      return res.ok ? res : failure(res);
    },
    subscribe: <T>(query: string, variables: Record<string, unknown>, options: SubscriptionOptions) => subscribe<T>(streaming, query, variables, options),
  };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
