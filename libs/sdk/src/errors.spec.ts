import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import { networkError } from './errors.ts';

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

it('networkError names why fetch failed (its cause), not only "fetch failed"', async () => {
  const url = `http://127.0.0.1:${await closedPort()}/graphql`;
  const cause = await fetch(url).then(
    () => null,
    (err: unknown) => err,
  );
  const error = networkError(url, cause);
  expect([error.code, error.cause]).toEqual(['NETWORK_ERROR', cause]);
  expect(error.message).toMatch(new RegExp(`^no answer from ${url.replace(/[.]/g, '\\.')}: fetch failed: connect ECONNREFUSED`));
});

it('networkError keeps a plain error’s message', () => {
  expect(networkError('http://h/graphql', new Error('socket hang up')).message).toBe('no answer from http://h/graphql: socket hang up');
});
