import { describe, expect, it } from 'vitest';
import { eventually } from '@tideline/testing';
import { json, useGatewayFixture } from './gateway-fixture.ts';

const f = useGatewayFixture();

interface MaskedAnswer {
  status: number;
  text: string;
  headerId: string | null;
  error: { message: string; path?: string[]; extensions: Record<string, unknown> };
}

async function ask(query: string): Promise<MaskedAnswer> {
  const res = await f.gql(query, f.tenants.a.key);
  const text = await res.clone().text();
  const body = await json(res);
  expect(body.errors).toHaveLength(1);
  return { status: res.status, text, headerId: res.headers.get('x-request-id'), error: body.errors[0] };
}

/** The error entry logged under `requestId`, once written. */
const loggedUnder = (requestId: unknown) =>
  eventually(async () => f.logs.find((entry) => entry.requestId === requestId && entry.err) as { err: Record<string, unknown> } | undefined, 5_000);

describe("errors of the client's own request", () => {
  it('keep their message, with a code of the catalog and status 400 where Yoga gives none', async () => {
    const answers: [string, Record<string, unknown>, number, string][] = [
      ['{ nope }', {}, 200, 'GRAPHQL_VALIDATION_FAILED'],
      ['{ whoami', {}, 200, 'GRAPHQL_PARSE_FAILED'],
      ['query($k: String!) { failing(kind: $k) }', { k: 5 }, 400, 'BAD_REQUEST'],
      ['query($k: String!) { failing(kind: $k) }', {}, 400, 'BAD_REQUEST'],
    ];
    for (const [query, variables, status, code] of answers) {
      const res = await f.gql(query, f.tenants.a.key, variables);
      const error = (await json(res)).errors[0];
      expect([res.status, error.extensions]).toEqual([status, { code }]);
      expect(error.message).not.toBe('Internal server error');
    }
  });
});

describe('errors not meant for clients (acceptance)', () => {
  it.each([
    ['an error with code ECONNREFUSED', 'refused', 'ECONNREFUSED', 'nats://127.0.0.1:4222'],
    ['an error with an upper-snake code and an internal URL', 'unreachable', 'SUBGRAPH_UNREACHABLE', 'http://127.0.0.1:4000/internal/metrics/graphql'],
  ])('%s reaches the client only as INTERNAL_SERVER_ERROR with a request id, logged in full under it', async (_what, kind, code, internal) => {
    const answer = await ask(`{ failing(kind: "${kind}") }`);
    expect(answer.error).toEqual({
      message: 'Internal server error',
      path: ['failing'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
    expect(answer.text).not.toContain(code);
    expect(answer.text).not.toContain('127.0.0.1');
    // The id the gateway gave the request: in the response header, passed to the subgraph, which logged the whole error under it.
    const requestId = answer.error.extensions.requestId;
    expect(answer.headerId).toBe(requestId);
    const logged = await loggedUnder(requestId);
    expect(logged.err).toMatchObject({ code, message: expect.stringContaining(internal) });
  });

  it('keeps public errors as they are', async () => {
    const res = await f.gql('{ apiKeys { id } }', f.memberKey);
    expect((await json(res)).errors[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('admin key') });
  });

  /** The gateway's own failures to reach a subgraph: masked there, logged there in full under the request id. */
  const gatewayFailure = async (query: string) => {
    const answer = await ask(query);
    expect(answer.error).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: answer.headerId } });
    expect(Object.keys(answer.error.extensions).sort()).toEqual(['code', 'requestId']);
    const logged = await loggedUnder(answer.headerId);
    return { text: answer.text, logged: JSON.stringify(logged) };
  };

  it('masks a subgraph hanging up (ECONNRESET)', async () => {
    const { text, logged } = await gatewayFailure('{ hangUp }');
    for (const leak of ['hang up', 'ECONNRESET', 'SUBREQUEST_HTTP_ERROR', 'registry', 'hangUp}']) expect(text).not.toContain(leak);
    expect(logged).toContain('"code":"ECONNRESET"');
  });

  // Last of the file: it stops the subgraphs.
  it('masks a subgraph refusing connections (ECONNREFUSED, its internal address)', async () => {
    await f.upstreams.stop();
    const { text, logged } = await gatewayFailure('{ whoami }');
    expect(text).not.toContain('ECONNREFUSED');
    expect(text).not.toContain('127.0.0.1');
    expect(logged).toContain('ECONNREFUSED');
    expect(logged).toContain(new URL(f.upstreams.url).host);

    // The /v1 proxy: 502, naming the service and the request id, not the address.
    const res = await fetch(`${f.base}/v1/predictions`, { method: 'POST', headers: { authorization: `Bearer ${f.tenants.a.key}` }, body: '{}\n' });
    const requestId = res.headers.get('x-request-id');
    expect([res.status, await res.json()]).toEqual([502, { error: { code: 'BAD_GATEWAY', message: 'the ingest service is unreachable; retry later', requestId } }]);
    expect(JSON.stringify(await loggedUnder(requestId))).toContain('ECONNREFUSED');
  });
});
