import { describe, expect, it } from 'vitest';
import { ERROR_CODES, PublicError, badInput, isClientErrorCode, isErrorCode, isPublicError } from './errors.ts';

class WidgetMissingError extends PublicError {
  constructor(options?: ErrorOptions) {
    super('MODEL_NOT_FOUND', 'no widget', { field: 'widget' }, options);
  }
}

describe('PublicError', () => {
  it('carries its code, status, details and cause, and is named after its class', () => {
    const cause = new Error('KV said no');
    const error = new WidgetMissingError({ cause });
    expect(error).toMatchObject({ name: 'WidgetMissingError', code: 'MODEL_NOT_FOUND', status: 404, message: 'no widget', cause });
    expect(error.extensions).toEqual({ code: 'MODEL_NOT_FOUND', field: 'widget' });
    expect(badInput('first must be positive', 'first')).toMatchObject({ name: 'PublicError', status: 400, extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
  });

  it('is told apart from errors that merely carry a code', () => {
    expect(isPublicError(new WidgetMissingError())).toBe(true);
    expect(isPublicError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:4222'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isPublicError(Object.assign(new Error('no model'), { code: 'MODEL_NOT_FOUND' }))).toBe(false);
    expect(isPublicError(null)).toBe(false);
  });
});

describe('the catalog', () => {
  it("knows its codes, and which are the caller's mistakes", () => {
    expect(isErrorCode('INVALID_SLICE')).toBe(true);
    expect(isErrorCode('SUBGRAPH_UNREACHABLE')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
    expect(isClientErrorCode('REFERENCE_REQUIRED')).toBe(true);
    expect(isClientErrorCode('INTERNAL_SERVER_ERROR')).toBe(false);
    for (const [code, spec] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z_]+$/);
      expect(spec.doc.length, code).toBeGreaterThan(10);
    }
  });
});
