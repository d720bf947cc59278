import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@tideline/runtime';
import { PublicError, maskErrors } from './errors.ts';

const mask = maskErrors(createLogger({ LOG_LEVEL: 'silent' }));
const formatted = (message: string) => ({ message, path: ['q'] });

describe('maskErrors', () => {
  it('passes public errors and errors with a stable code through', () => {
    const pub = new PublicError('MODEL_NOT_FOUND', 'no such model');
    expect(mask({ ...formatted('no such model'), extensions: { code: 'MODEL_NOT_FOUND' } }, pub)).toMatchObject({ extensions: { code: 'MODEL_NOT_FOUND' } });
    const own = Object.assign(new Error('slice.field: unknown field'), { code: 'INVALID_SLICE' });
    expect(mask(formatted('x'), new GraphQLError('x', { originalError: own }))).toEqual({ message: 'slice.field: unknown field', path: ['q'], extensions: { code: 'INVALID_SLICE' } });
  });

  it('masks anything else, ClickHouse errors (numeric codes, SQL in the message) included', () => {
    const clickhouse = Object.assign(new Error('Code: 62. Syntax error: SELECT secret FROM t'), { code: '62' });
    expect(mask(formatted('Code: 62 …'), new GraphQLError('x', { originalError: clickhouse }))).toEqual({
      message: 'Internal server error',
      path: ['q'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(mask(formatted('boom'), new GraphQLError('boom', { originalError: new Error('boom') })).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
