import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { captureLogs, withRequestId } from '@tideline/runtime';
import { PublicError, maskErrors, maskGatewayError } from './errors.ts';

const formatted = (message: string, code?: string) => ({ message, path: ['q'], ...(code && { extensions: { code } }) });
const thrown = (error: Error) => new GraphQLError(error.message, { originalError: error, path: ['q'] });
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4222'), { code: 'ECONNREFUSED' });
// An upper-snake code of our own, with an internal URL in the message: exactly what the old mask let through.
const unreachable = Object.assign(new Error('subgraph http://127.0.0.1:4000/internal/metrics/graphql unreachable'), { code: 'SUBGRAPH_UNREACHABLE' });

describe('maskErrors (subgraphs)', () => {
  it('passes public errors with their code, message and details', () => {
    const { logger, entries } = captureLogs();
    const mask = maskErrors(logger);
    const error = new PublicError('MODEL_NOT_FOUND', 'no such model', { field: 'model' });
    expect(mask(formatted('no such model', 'INTERNAL_SERVER_ERROR'), thrown(error))).toEqual({
      message: 'no such model',
      path: ['q'],
      extensions: { code: 'MODEL_NOT_FOUND', field: 'model' },
    });
    // graphql's own errors about the client's request: parse, validation, variables.
    expect(mask(formatted('Cannot query field "x"', 'GRAPHQL_VALIDATION_FAILED'), new GraphQLError('Cannot query field "x"'))).toMatchObject({
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(entries).toEqual([]);
  });

  it.each([
    ['ECONNREFUSED', refused],
    ['an upper-snake code with an internal URL', unreachable],
    ['a ClickHouse error (numeric code, SQL in the message)', Object.assign(new Error('Code: 62. Syntax error: SELECT secret FROM t'), { code: '62' })],
    ['a catalog code on an error that is not a PublicError', Object.assign(new Error('ingest at nats://10.0.0.7:4222 is down'), { code: 'INGEST_UNAVAILABLE' })],
  ])('masks %s as INTERNAL_SERVER_ERROR with the request id, logged in full under it', async (_what, error) => {
    const { logger, entries } = captureLogs();
    const mask = maskErrors(logger);
    let answer: unknown;
    const handler = withRequestId(() => void (answer = mask(formatted(error.message, 'INTERNAL_SERVER_ERROR'), thrown(error))));
    const headers: Record<string, string> = { 'x-request-id': 'req-42' };
    await handler({ headers } as never, { setHeader: () => undefined } as never);
    expect(answer).toEqual({ message: 'Internal server error', path: ['q'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42' } });
    expect(JSON.stringify(answer)).not.toContain(error.message);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ requestId: 'req-42', err: { message: error.message, code: (error as { code: string }).code } });
  });

  it('gives a masked error a new id outside a request, the same in the answer and the log', () => {
    const { logger, entries } = captureLogs();
    const answer = maskErrors(logger)(formatted('boom'), thrown(new Error('boom')));
    const requestId = answer.extensions?.requestId;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(entries[0]).toMatchObject({ requestId, err: { message: 'boom' } });
  });
});

describe('maskGatewayError', () => {
  it("passes a subgraph's public errors and keeps only the request id of its internal ones", () => {
    const { logger, entries } = captureLogs();
    const mask = maskGatewayError(logger);
    const fromSubgraph = new GraphQLError('no such model', { path: ['q'], extensions: { code: 'MODEL_NOT_FOUND', field: 'model' } });
    expect(mask(fromSubgraph)).toBe(fromSubgraph);
    const internal = new GraphQLError('Internal server error (and whatever else)', { path: ['q'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-7', detail: 'x' } });
    const masked = mask(internal) as GraphQLError;
    expect(masked.toJSON()).toEqual({ message: 'Internal server error', path: ['q'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-7' } });
    expect(entries).toEqual([]);
  });

  it.each([
    ['ECONNREFUSED thrown at the gateway', thrown(refused)],
    ['a subgraph error with an unknown code and an internal URL', new GraphQLError(unreachable.message, { path: ['q'], extensions: { code: 'SUBGRAPH_UNREACHABLE' } })],
    ['a subgraph error without a code', new GraphQLError('fetch failed: http://127.0.0.1:4000/internal/ingest/graphql', { path: ['q'] })],
    ['a plain Error', refused],
  ])('masks %s, logged in full under the request id', (_what, error) => {
    const { logger, entries } = captureLogs();
    const masked = maskGatewayError(logger)(error) as GraphQLError;
    const json = masked.toJSON();
    expect(json).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(json)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    expect(entries[0]).toMatchObject({ requestId: json.extensions!.requestId, err: { message: error.message } });
  });
});
