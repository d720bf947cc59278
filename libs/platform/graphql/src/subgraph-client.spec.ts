import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createSubgraphClient, SubgraphRequestError } from './subgraph-client.ts';
import { TIME_BUDGET_HEADER, withDeadline } from '@tideline/runtime';

const QUERY = parse('{ ping }') as TypedDocumentNode<{ ping: string }, Record<string, never>>;
// A subgraph that never answers: the client's timeout is what ends the request.
const silent = createServer(() => undefined);
await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
afterAll(() => {
  silent.closeAllConnections();
  silent.close();
});

describe('subgraph client errors', () => {
  it('tells a subgraph that timed out from one that is unreachable', async () => {
    const port = (silent.address() as AddressInfo).port;
    const slow = createSubgraphClient({ url: `http://127.0.0.1:${port}/graphql`, secret: 's'.repeat(32), timeoutMs: 200 });
    await expect(slow.request('p', QUERY, {})).rejects.toMatchObject({ code: 'SUBGRAPH_TIMEOUT' });
    const gone = createSubgraphClient({ url: 'http://127.0.0.1:9/graphql', secret: 's'.repeat(32) });
    const error = await gone.request('p', QUERY, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubgraphRequestError);
    expect(error).toMatchObject({ code: 'SUBGRAPH_UNREACHABLE' });
  });
});

describe('subgraph client time budget', () => {
  it('sends the budget it is given, else what is left of the request being served, else none', async () => {
    const seen: (string | undefined)[] = [];
    const echo = createServer((req, res) => {
      seen.push(req.headers[TIME_BUDGET_HEADER] as string | undefined);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { ping: 'pong' } }));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    try {
      const client = createSubgraphClient({ url: `http://127.0.0.1:${(echo.address() as AddressInfo).port}/graphql`, secret: 's'.repeat(32) });
      await client.request('p', QUERY, {});
      await client.request('p', QUERY, {}, { timeBudgetMs: 1234.2 });
      await withDeadline(Date.now() + 60_000, () => client.request('p', QUERY, {}));
      await withDeadline(Date.now() - 5, () => client.request('p', QUERY, {}));
      expect(seen[0]).toBeUndefined();
      expect(seen[1]).toBe('1235');
      expect(Number(seen[2])).toBeGreaterThan(0);
      expect(Number(seen[2])).toBeLessThanOrEqual(60_000);
      expect(seen[3]).toBe('0');
    } finally {
      echo.close();
    }
  });
});

describe('subgraph client, a connection closed under it', () => {
  it('sends a query again once on a new connection; never a mutation', async () => {
    // A callee that closes the first connection of each pair without an answer, as a stale keep-alive connection fails.
    let requests = 0;
    const closing = createServer((req, res) => {
      requests += 1;
      if (requests % 2 === 1) return void req.socket.destroy();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { ping: 'pong' } }));
    });
    await new Promise<void>((resolve) => closing.listen(0, '127.0.0.1', resolve));
    try {
      const client = createSubgraphClient({ url: `http://127.0.0.1:${(closing.address() as AddressInfo).port}/graphql`, secret: 's'.repeat(32) });
      expect(await client.request('p', QUERY, {})).toEqual({ ping: 'pong' });
      expect(requests).toBe(2);
      const MUTATION = parse('mutation { ping }') as TypedDocumentNode<{ ping: string }, Record<string, never>>;
      await expect(client.request('p', MUTATION, {})).rejects.toMatchObject({ code: 'SUBGRAPH_UNREACHABLE' });
      expect(requests).toBe(3);
    } finally {
      closing.closeAllConnections();
      closing.close();
    }
  });
});
