import { describe, expect, it } from 'vitest';
import { TidelineError } from './errors.ts';
import { QUERY_ATTEMPTS, isQueryOnly, retryQuery } from './query-retry.ts';

describe('isQueryOnly', () => {
  it('takes queries, the shorthand and fragments; refuses mutations and subscriptions wherever they sit', () => {
    expect(isQueryOnly('{ models { name } }')).toBe(true);
    expect(isQueryOnly('query Q($m: String!) { model(name: $m) { name } }')).toBe(true);
    expect(isQueryOnly('fragment F on Model { name } query { models { ...F } }')).toBe(true);
    expect(isQueryOnly('# a mutation comes later\n{ models(filter: "mutation") { name } }')).toBe(true);
    expect(isQueryOnly('mutation { deleteMonitor(id: "x") }')).toBe(false);
    expect(isQueryOnly('  mutation M { deleteMonitor(id: "x") }')).toBe(false);
    expect(isQueryOnly('query A { models { name } } mutation B { deleteMonitor(id: "x") }')).toBe(false);
    expect(isQueryOnly('subscription { alertEvents { id } }')).toBe(false);
  });
});

describe('retryQuery', () => {
  const failing = (codes: string[]) => {
    let calls = 0;
    const attempt = async () => {
      const code = codes[calls++];
      if (code) throw new TidelineError({ code, message: code });
      return 'answer';
    };
    return { attempt, calls: () => calls };
  };
  const backoff = { baseMs: 1, maxMs: 2 };

  it('answers after transient failures, up to the last attempt', async () => {
    const run = failing(['NETWORK_ERROR', 'INTERNAL_SERVER_ERROR']);
    expect(await retryQuery(run.attempt, backoff)).toBe('answer');
    expect(run.calls()).toBe(QUERY_ATTEMPTS);
  });

  it('gives up after its attempts, with the last error', async () => {
    const run = failing(Array(QUERY_ATTEMPTS).fill('HTTP_503'));
    await expect(retryQuery(run.attempt, backoff)).rejects.toMatchObject({ code: 'HTTP_503' });
    expect(run.calls()).toBe(QUERY_ATTEMPTS);
  });

  it('never asks again after an answer that would not change', async () => {
    const run = failing(['BAD_USER_INPUT']);
    await expect(retryQuery(run.attempt, backoff)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(run.calls()).toBe(1);
  });
});
