import { isPublicError } from '@tideline/contracts';
import { describe, expect, it } from 'vitest';
import { parseParams, ParamsError } from './params.ts';

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParamsError) return err.field;
    throw err;
  }
  throw new Error('expected a ParamsError');
}

describe('parseParams', () => {
  it('applies the documented defaults per family', () => {
    expect(parseParams('MLP', 'BINARY', undefined)).toEqual({ epochs: 20, batchSize: 256, learningRate: 0.001, patience: 3, hidden: [64, 32], dropout: 0, l2: 0, topK: 20, classWeights: 'NONE' });
    expect(parseParams('LOGISTIC', 'MULTICLASS', {})).toMatchObject({ learningRate: 0.01, hidden: [] });
    expect(parseParams('MLP', 'MULTICLASS', { hidden: [8, 4], dropout: 0.5, classWeights: { a: 2 } })).toMatchObject({ hidden: [8, 4], dropout: 0.5, classWeights: { a: 2 } });
  });

  it('names the field it refuses', () => {
    expect(fieldOf(() => parseParams('MLP', 'BINARY', { hidden: [8, 0] }))).toBe('params.hidden[1]');
    expect(fieldOf(() => parseParams('MLP', 'BINARY', { hidden: [] }))).toBe('params.hidden');
    expect(fieldOf(() => parseParams('LINEAR', 'BINARY', {}))).toBe('family');
    expect(fieldOf(() => parseParams('LOGISTIC', 'REGRESSION', {}))).toBe('family');
    expect(fieldOf(() => parseParams('TREE' as 'MLP', 'BINARY', {}))).toBe('family');
    expect(fieldOf(() => parseParams('LOGISTIC', 'BINARY', { dropout: 0.1 }))).toBe('params.dropout');
    expect(fieldOf(() => parseParams('MLP', 'BINARY', { epochs: 2.5 }))).toBe('params.epochs');
    expect(fieldOf(() => parseParams('MLP', 'BINARY', { learningRate: 0 }))).toBe('params.learningRate');
    expect(fieldOf(() => parseParams('MLP', 'BINARY', { lr: 0.1 }))).toBe('params.lr');
    expect(fieldOf(() => parseParams('MLP', 'BINARY', { classWeights: { yes: 2 } }))).toBe('params.classWeights.yes');
    expect(fieldOf(() => parseParams('MLP', 'BINARY', { classWeights: { true: -1 } }))).toBe('params.classWeights.true');
    expect(fieldOf(() => parseParams('MLP', 'REGRESSION', { classWeights: 'BALANCED' }))).toBe('params.classWeights');
    expect(fieldOf(() => parseParams('MLP', 'BINARY', [1]))).toBe('params');
  });

  it('says what was expected and what it got', () => {
    expect(() => parseParams('MLP', 'BINARY', { hidden: [8, 'x'] })).toThrow('params.hidden[1]: must be an integer from 1 to 4096; got "x"');
    expect(() => parseParams('LINEAR', 'MULTICLASS', {})).toThrow('family: LINEAR does not fit a MULTICLASS task (it fits REGRESSION)');
    // a client sees it as it is: BAD_USER_INPUT with the field
    const error = (() => {
      try {
        parseParams('MLP', 'BINARY', { dropout: 1 });
      } catch (err) {
        return err;
      }
    })();
    expect(isPublicError(error)).toBe(true);
    expect((error as ParamsError).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'params.dropout' });
  });
});
