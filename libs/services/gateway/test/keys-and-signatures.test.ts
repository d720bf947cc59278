import { describe, expect, it } from 'vitest';
import { json, useGatewayFixture } from './gateway-fixture.ts';

/** What the gateway signs for subgraphs, and the API keys it manages (the keys subgraph it hosts). */
const f = useGatewayFixture();

describe('request signatures', () => {
  it('cover the request: a captured subgraph signature carries no other query and reaches no other subgraph', async () => {
    expect((await f.gql('{ whoami }', f.tenants.a.key)).status).toBe(200);
    const captured = f.upstreams.lastSubgraphRequest.get('/ingest/graphql')!;
    expect(captured.headers).toMatchObject({ 'x-tideline-project': f.tenants.a.id, 'x-tideline-actor': 'test', 'x-tideline-role': 'admin' });
    const replay = (path: string, body: string) => fetch(`${f.upstreams.url}${path}`, { method: 'POST', headers: { ...captured.headers, 'content-type': 'application/json' }, body });
    // The same request again (within the five minutes) is what was signed.
    expect((await replay('/ingest/graphql', captured.body)).status).toBe(200);
    const other = JSON.stringify({ query: '{ whoami }', variables: { replayed: true } });
    const refused = await replay('/ingest/graphql', other);
    expect(refused.status).toBe(401);
    expect(await json(refused)).toMatchObject({ errors: [{ message: 'request signature is invalid', extensions: { code: 'UNAUTHENTICATED' } }] });
    expect((await replay('/registry/graphql', captured.body)).status).toBe(401);
  });

  it('name the authenticated key as the actor; what the client sends cannot change it', async () => {
    const res = await fetch(`${f.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${f.memberKey}`, 'x-tideline-actor': 'mallory', 'x-tideline-role': 'admin' },
      body: JSON.stringify({ query: '{ caller { project actor admin } }' }),
    });
    expect(await json(res)).toEqual({ data: { caller: { project: f.tenants.a.id, actor: 'member', admin: false } } });
  });
});

describe('API keys over GraphQL', () => {
  const KEYS = '{ apiKeys { id name admin createdAt } }';
  const CREATE = 'mutation($name: String!, $admin: Boolean) { createApiKey(name: $name, admin: $admin) { key apiKey { id name admin } } }';
  const REVOKE = 'mutation($id: ID!) { revokeApiKey(id: $id) { id name admin } }';

  it("lists the project's keys, creates one and revokes it: it stops working at once", async () => {
    const listed = await json(await f.gql(KEYS, f.tenants.a.key));
    expect(listed.data.apiKeys.map((k: { name: string; admin: boolean }) => [k.name, k.admin])).toEqual([
      ['test', true],
      ['member', false],
    ]);
    const created = (await json(await f.gql(CREATE, f.tenants.a.key, { name: 'ci' }))).data.createApiKey;
    expect(created.apiKey).toMatchObject({ name: 'ci', admin: false });
    expect(created.key).toMatch(/^tl_/);
    expect((await f.gql('{ whoami }', created.key)).status).toBe(200); // now in the authentication cache
    expect((await json(await f.gql(KEYS, f.tenants.b.key))).data.apiKeys.map((k: { name: string }) => k.name)).toEqual(['test']);

    const revoked = await json(await f.gql(REVOKE, f.tenants.a.key, { id: created.apiKey.id }));
    expect(revoked.data.revokeApiKey).toEqual({ id: created.apiKey.id, name: 'ci', admin: false });
    expect((await f.gql('{ whoami }', created.key)).status).toBe(401);
    expect((await json(await f.gql(KEYS, f.tenants.a.key))).data.apiKeys.map((k: { name: string }) => k.name)).toEqual(['test', 'member']);
  });

  it('answers FORBIDDEN to a key that is not admin', async () => {
    for (const [query, variables] of [[KEYS, {}], [CREATE, { name: 'x', admin: true }], [REVOKE, { id: 'a'.repeat(64) }]] as const) {
      const body = await json(await f.gql(query, f.memberKey, variables));
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it("refuses another project's key, the last admin key and a bad name, with codes", async () => {
    const b = (await json(await f.gql(KEYS, f.tenants.b.key))).data.apiKeys[0];
    expect((await json(await f.gql(REVOKE, f.tenants.a.key, { id: b.id }))).errors[0].extensions).toMatchObject({ code: 'KEY_NOT_FOUND', field: 'id' });
    expect((await json(await f.gql(REVOKE, f.tenants.b.key, { id: b.id }))).errors[0].extensions.code).toBe('LAST_ADMIN_KEY');
    expect((await f.gql('{ whoami }', f.tenants.b.key)).status).toBe(200);
    expect((await json(await f.gql(CREATE, f.tenants.a.key, { name: ' ' }))).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });
});
