import { describe, expect, it } from 'vitest';
import { RecordError, taskConflict, validateFeedback, validatePrediction, type RecordContext } from './validate.ts';

const ctx = (tasks: Record<string, 'BINARY' | 'MULTICLASS' | 'REGRESSION'> = {}): RecordContext => ({
  project: 'p1',
  receivedAt: Date.UTC(2026, 0, 2),
  taskOf: (m) => tasks[m],
});

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof RecordError) return { field: err.field, message: err.message };
    throw err;
  }
  throw new Error('expected a RecordError');
};

describe('validatePrediction', () => {
  it('normalizes a binary prediction with defaults', () => {
    const record = validatePrediction({ id: 'a', model: 'churn', output: { score: 0.7 }, features: { x: 1, c: 'BR', b: true, n: null } }, ctx());
    expect(record).toMatchObject({ kind: 'prediction', project: 'p1', task: 'BINARY', modelVersion: 'unversioned', timestamp: Date.UTC(2026, 0, 2) });
    expect(record.features).toEqual({ x: 1, c: 'BR', b: true, n: null });
  });

  it('accepts ISO and epoch timestamps and rejects zone-less ones', () => {
    expect(validatePrediction({ id: 'a', model: 'm', output: { value: 1 }, timestamp: '2026-01-01T00:00:00Z' }, ctx()).timestamp).toBe(Date.UTC(2026, 0, 1));
    expect(validatePrediction({ id: 'a', model: 'm', output: { value: 1 }, timestamp: 1767225600000 }, ctx()).timestamp).toBe(1767225600000);
    expect(errorOf(() => validatePrediction({ id: 'a', model: 'm', output: { value: 1 }, timestamp: '2026-01-01T00:00:00' }, ctx())).field).toBe('timestamp');
  });

  it('keeps well-formed text of any script, emoji (surrogate pairs) included', () => {
    const record = validatePrediction({ id: 'ид-😀', model: 'm', output: { value: 1 }, tags: { país: 'São Paulo 😀' }, features: { text: '語\n\t' } }, ctx());
    expect(record.tags).toEqual({ país: 'São Paulo 😀' });
    expect(record.features).toEqual({ text: '語\n\t' });
  });

  it('derives the predicted class of a multiclass output', () => {
    const record = validatePrediction({ id: 'a', model: 'm', output: { probabilities: { cat: 0.2, dog: 0.8 } } }, ctx());
    expect(record.output).toEqual({ probabilities: { cat: 0.2, dog: 0.8 }, predictedClass: 'dog' });
  });

  it.each([
    [{ model: 'm', output: { score: 0.5 } }, 'id', 'non-empty string'],
    [{ id: 'a', model: 'bad name!', output: { score: 0.5 } }, 'model', 'letters, digits'],
    [{ id: 'a', model: 'bad model', output: { score: 0.5 } }, 'model', 'letters, digits'],
    [{ id: 'a', model: '*', output: { score: 0.5 } }, 'model', 'letters, digits'],
    [{ id: 'a', model: '../etc', output: { score: 0.5 } }, 'model', 'start with a letter or digit'],
    [{ id: 'a', model: 'a..b', output: { score: 0.5 } }, 'model', "no '..'"],
    [{ id: 'a', model: 'churn.', output: { score: 0.5 } }, 'model', "trailing '.'"],
    [{ id: 'a', model: 'x'.repeat(129), output: { score: 0.5 } }, 'model', 'at most 128'],
    [{ id: 'a', model: 'm', modelVersion: 'v 1', output: { score: 0.5 } }, 'modelVersion', 'letters, digits'],
    [{ id: 'a', model: 'm', modelVersion: '', output: { score: 0.5 } }, 'modelVersion', 'non-empty'],
    [{ id: 'a\u0000b', model: 'm', output: { score: 0.5 } }, 'id', 'control characters'],
    [{ id: 'x'.repeat(257), model: 'm', output: { score: 0.5 } }, 'id', 'at most 256'],
    [{ id: 'a', model: 'm', output: { value: 1 }, tags: { 'a\nb': 'x' } }, 'tags', 'control characters'],
    [{ id: 'a', model: 'm', output: { value: 1 }, tags: { ['t'.repeat(257)]: 'x' } }, 'tags', 'tag names must be 1 to 256'],
    [{ id: 'a', model: 'm', output: { value: 1 }, features: { '': 1 } }, 'features', 'feature names must be 1 to 256'],
    [{ id: 'a', model: 'm', output: { value: 1 }, tags: { country: 'B\ud800R' } }, 'tags.country', 'well-formed Unicode'],
    [{ id: 'a', model: 'm', output: { value: 1 }, tags: { country: '\udc00' } }, 'tags.country', 'well-formed Unicode'],
    [{ id: 'a', model: 'm', output: { value: 1 }, tags: { ['c\ud800']: 'BR' } }, 'tags', 'well-formed Unicode'],
    [{ id: 'a', model: 'm', output: { value: 1 }, features: { plan: 'pro\ud83d' } }, 'features.plan', 'well-formed Unicode'],
    [{ id: 'a\ud800', model: 'm', output: { value: 1 } }, 'id', 'well-formed Unicode'],
    [{ id: 'a', model: 'm', output: { predictedClass: 'cat\udfff' } }, 'output.predictedClass', 'well-formed Unicode'],
    [{ id: 'a', model: 'm', output: { probabilities: { 'c\ud800': 1 } } }, 'output.probabilities', 'well-formed Unicode'],
    [{ id: 'a', model: 'm', output: { predictedClass: 'cat' }, label: { class: '\ud800' } }, 'label.class', 'well-formed Unicode'],
    [{ id: 'a', model: 'm', output: { score: 1.5 } }, 'output.score', 'between 0 and 1'],
    [{ id: 'a', model: 'm', output: { score: 0.5 }, timestamp: '2100-01-01T00:00:00Z' }, 'timestamp', 'between 2000-01-01 and 2100-01-01'],
    [{ id: 'a', model: 'm', output: { score: 0.5 }, timestamp: Date.UTC(1999, 11, 31) }, 'timestamp', 'between 2000-01-01 and 2100-01-01'],
    [{ id: 'a', model: 'm', output: { score: 0.5, value: 2 } }, 'output', 'mixes binary and regression'],
    [{ id: 'a', model: 'm', output: { probabilities: { a: 0.5, b: 0.2 } } }, 'output.probabilities', 'sum to 1'],
    [{ id: 'a', model: 'm', output: { value: 1 }, features: { x: [1] } }, 'features.x', 'finite number'],
    [{ id: 'a', model: 'm', output: { value: 1 }, tags: { country: 3 } }, 'tags.country', 'must be a string'],
    [{ id: 'a', model: 'm', output: { score: 0.2 }, label: { value: 3 } }, 'label', 'REGRESSION label but the model is BINARY'],
  ])('rejects %j at %s', (input, field, reason) => {
    const error = errorOf(() => validatePrediction(input, ctx()));
    expect(error.field).toBe(field);
    expect(error.message).toContain(reason);
  });

  it('rejects an output that does not fit the task fixed by the first record', () => {
    const error = errorOf(() => validatePrediction({ id: 'a', model: 'churn', output: { value: 3 } }, ctx({ churn: 'BINARY' })));
    expect(error).toEqual({ field: 'output', message: expect.stringContaining("'churn' is a BINARY model") });
  });
});

describe('taskConflict', () => {
  it('names the output of a prediction and the label of feedback that do not fit the model', () => {
    const p = validatePrediction({ id: 'a', model: 'churn', output: { value: 3 } }, ctx());
    expect(taskConflict(p, 'REGRESSION')).toBeUndefined();
    expect(taskConflict(p, 'BINARY')).toMatchObject({ field: 'output', message: expect.stringContaining("'churn' is a BINARY model") });
    const f = validateFeedback({ predictionId: 'a', model: 'churn', label: { class: 'x' } }, ctx());
    expect(taskConflict(f, 'BINARY')).toMatchObject({ field: 'label', message: 'is a MULTICLASS label but the model is BINARY' });
  });
});

describe('validateFeedback', () => {
  it('accepts a label that fits the model', () => {
    expect(validateFeedback({ predictionId: 'a', model: 'churn', label: { positive: true } }, ctx({ churn: 'BINARY' }))).toMatchObject({
      kind: 'feedback',
      predictionId: 'a',
      task: 'BINARY',
      label: { positive: true },
    });
  });

  it('rejects a label of another task, naming the field', () => {
    expect(errorOf(() => validateFeedback({ predictionId: 'a', model: 'churn', label: { class: 'x' } }, ctx({ churn: 'BINARY' }))).field).toBe('label');
    expect(errorOf(() => validateFeedback({ predictionId: 'a', model: 'churn', label: { positive: 'yes' } }, ctx({ churn: 'BINARY' }))).field).toBe('label.positive');
    expect(errorOf(() => validateFeedback({ predictionId: 'a', model: '../etc', label: { positive: true } }, ctx())).field).toBe('model');
    expect(errorOf(() => validateFeedback({ predictionId: 'a\u007f', model: 'churn', label: { positive: true } }, ctx())).field).toBe('predictionId');
  });
});
