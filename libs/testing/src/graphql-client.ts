/**
 * GraphQL over HTTP as the tests speak it: one POST, the whole answer back
 * (status, data and errors), so a test can assert on any of them.
 */
export interface GraphqlError {
  message: string;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export interface GraphqlAnswer<T> {
  status: number;
  data?: T;
  errors?: GraphqlError[];
}

/** One operation against one endpoint; resolves with the whole answer, errors included. */
export type GraphqlRequest = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<GraphqlAnswer<T>>;

/** POSTs an operation to `url`; `headersFor` sees the exact body sent (a signature covers it). */
export async function postGraphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headersFor: (body: string) => Record<string, string> = () => ({}),
): Promise<GraphqlAnswer<T>> {
  const body = JSON.stringify({ query, variables });
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headersFor(body) }, body });
  const text = await res.text();
  try {
    return { status: res.status, ...(JSON.parse(text) as Omit<GraphqlAnswer<T>, 'status'>) };
  } catch {
    throw new Error(`${url} answered ${res.status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
}

/** GraphQL through the gateway (`url` is its /graphql endpoint) with an API key, as a client calls it. */
export const keyGraphql =
  (url: string, key: string): GraphqlRequest =>
  (query, variables) =>
    postGraphql(url, query, variables, () => ({ authorization: `Bearer ${key}` }));

/** The answer's data; throws with its errors (or its status) unless it succeeded. */
export function dataOf<T>(answer: GraphqlAnswer<T>): T {
  if (answer.status !== 200 || answer.errors?.length || answer.data === undefined) {
    throw new Error(`GraphQL answered ${answer.status}: ${JSON.stringify(answer.errors ?? answer).slice(0, 1000)}`);
  }
  return answer.data;
}
