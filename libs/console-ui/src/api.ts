import { createClient, type Client } from 'graphql-ws';

/**
 * The console's only way to Tideline: the public GraphQL API, with the API
 * key the user entered. The key lives in sessionStorage (gone when the tab
 * closes, never in a URL or a cookie) and travels as a Bearer header, or in
 * graphql-ws's connectionParams, since a browser cannot set headers on a
 * WebSocket.
 */
const KEY_STORAGE = 'tideline:console-key';

export const apiKey = {
  get: (): string | null => sessionStorage.getItem(KEY_STORAGE),
  set(key: string) {
    sessionStorage.setItem(KEY_STORAGE, key.trim());
    closeSubscriptions();
  },
  clear() {
    sessionStorage.removeItem(KEY_STORAGE);
    closeSubscriptions();
  },
};

/** A GraphQL error as the API answered it: its message, code and the input field at fault. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly field: string | undefined,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface GraphqlError {
  message: string;
  extensions?: Record<string, unknown>;
}

const apiErrorOf = (e: GraphqlError) =>
  new ApiError(e.message, e.extensions?.code as string | undefined, e.extensions?.field as string | undefined, e.extensions ?? {});

export const GRAPHQL_PATH = '/graphql';

/** A query or mutation; the API's first error is thrown as an ApiError. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const key = apiKey.get();
  // Each operation's time is a User Timing measure (`graphql <name>`): the devtools and bench:console read them.
  const started = performance.now();
  const name = /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'anonymous';
  try {
    return await send<T>(query, variables, key);
  } finally {
    performance.measure(`graphql ${name}`, { start: started, end: performance.now() });
  }
}

async function send<T>(query: string, variables: Record<string, unknown>, key: string | null): Promise<T> {
  const res = await fetch(GRAPHQL_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  let body: { data?: T; errors?: GraphqlError[] };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new ApiError(`the API answered HTTP ${res.status} without a GraphQL body`, undefined, undefined);
  }
  if (body.errors?.length) throw apiErrorOf(body.errors[0]!);
  if (!body.data) throw new ApiError(`the API answered HTTP ${res.status} without data`, undefined, undefined);
  return body.data;
}

let client: Client | undefined;
/** Called when the live connection comes back after a drop: events sent meanwhile are not replayed, so pages read again. */
const resyncListeners = new Set<() => void>();

/** Registers `listener` for reconnections of the live connection; returns its removal. */
export function onLiveReconnect(listener: () => void): () => void {
  resyncListeners.add(listener);
  return () => resyncListeners.delete(listener);
}

function closeSubscriptions() {
  void client?.dispose();
  client = undefined;
}

function wsClient(): Client {
  const url = new URL(GRAPHQL_PATH, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  client ??= createClient({
    url: url.href,
    connectionParams: () => ({ authorization: `Bearer ${apiKey.get() ?? ''}` }),
    retryAttempts: Infinity,
    shouldRetry: () => true,
    on: { connected: (_socket, _payload, wasRetry) => wasRetry && resyncListeners.forEach((listener) => listener()) },
  });
  return client;
}

/** A live subscription over graphql-ws (one shared connection); returns its unsubscribe. */
export function subscribe<T>(query: string, variables: Record<string, unknown>, onData: (data: T) => void, onError: (error: ApiError) => void): () => void {
  return wsClient().subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors?.length) onError(apiErrorOf(result.errors[0] as GraphqlError));
        else if (result.data) onData(result.data as T);
      },
      error: (err) => onError(err instanceof Error ? new ApiError(err.message, undefined, undefined) : new ApiError('the live connection closed', undefined, undefined)),
      complete: () => undefined,
    },
  );
}

/**
 * Downloads a file of the public HTTP API (an artifact's downloadPath) as
 * `name`: fetched with the key as a header (a plain link could only carry it
 * in the URL), then saved from a Blob URL. The API's JSON error is thrown as
 * an ApiError.
 */
export async function downloadFile(path: string, name: string): Promise<void> {
  const key = apiKey.get();
  const res = await fetch(path, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new ApiError(body.error?.message ?? `the API answered HTTP ${res.status}`, body.error?.code, undefined);
  }
  const url = URL.createObjectURL(await res.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked only later: a browser may still be reading the blob when click() returns (FileSaver.js waits 40 s too).
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
