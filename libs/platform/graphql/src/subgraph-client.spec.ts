import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createSubgraphClient, SubgraphRequestError } from './subgraph-client.ts';

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
