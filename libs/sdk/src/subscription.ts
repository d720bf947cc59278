import { TidelineError, errorFromGraphql, type GraphqlErrorBody } from './errors.ts';
import { graphqlRequest, type GraphqlTransport } from './graphql-client.ts';

export interface SubscriptionOptions {
  /** Ends the subscription (the loop ends without an error) when aborted. */
  signal?: AbortSignal;
  /** Called once the gateway has taken the subscription (its event stream opened): events from then on arrive. */
  onOpen?: () => void;
}

interface ServerSentEvent {
  event: string;
  data: string;
}

/** Splits a Server-Sent Events stream into events (comments and keep-alives dropped). */
async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length || event === 'complete') yield { event, data: data.join('\n') };
    }
  }
}

/**
 * A GraphQL subscription over Server-Sent Events (`POST /graphql`,
 * `accept: text/event-stream`), as an async iterator of its payloads' data.
 * Leaving the loop (break, return, a throw, or the signal) closes the
 * connection. A connection the server or network ends throws a
 * TidelineError (`SUBSCRIPTION_CLOSED`); events in between are not replayed.
 */
export async function* subscribe<TResult>(transport: GraphqlTransport, query: string, variables: unknown, options: SubscriptionOptions = {}): AsyncGenerator<TResult, void, undefined> {
  const aborter = new AbortController();
  const stop = () => aborter.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    if (options.signal?.aborted) return;
    const response = await graphqlRequest(transport, query, variables, 'text/event-stream', aborter.signal);
    const requestId = response.headers.get('x-request-id');
    if (!response.ok || !response.body || !(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      const text = await response.text();
      let errors: GraphqlErrorBody[] = [];
      try {
        errors = (JSON.parse(text) as { errors?: GraphqlErrorBody[] }).errors ?? [];
      } catch {
        errors = [{ message: `the gateway answered ${response.status}: ${text.slice(0, 200)}` }];
      }
      throw errorFromGraphql(errors, response.status, requestId);
    }
    options.onOpen?.();
    for await (const { event, data } of serverSentEvents(response.body)) {
      if (event === 'complete') return;
      const payload = JSON.parse(data) as { data?: TResult; errors?: GraphqlErrorBody[] };
      if (payload.errors?.length || !payload.data) throw errorFromGraphql(payload.errors ?? [], response.status, requestId);
      yield payload.data;
    }
    throw new TidelineError({ code: 'SUBSCRIPTION_CLOSED', message: 'the gateway closed the subscription', requestId });
  } catch (err) {
    if (aborter.signal.aborted && options.signal?.aborted) return;
    if (err instanceof TidelineError) throw err;
    // The stream broke mid-way (connection reset, server gone): one error for every way a subscription ends early.
    throw new TidelineError({ code: 'SUBSCRIPTION_CLOSED', message: `the subscription's connection broke: ${(err as Error)?.message ?? String(err)}` }, { cause: err });
  } finally {
    options.signal?.removeEventListener('abort', stop);
    aborter.abort();
  }
}
