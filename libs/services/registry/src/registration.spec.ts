import { describe, expect, it } from 'vitest';
import { modelConfigOf } from './registration.ts';

const config = (protectedSlices: string[]) => modelConfigOf({ name: 'churn', primaryMetric: 'ACCURACY', protectedSlices });

describe('protected slices', () => {
  it.each(['tags.country', 'tags.country=BR', 'features.plan=a=b', 'features.x.y', 'output.predictedClass', 'output.predictedClass=cat', 'tags.country='])('accepts %j', (slice) => {
    expect(config([slice]).protectedSlices).toEqual([slice]);
  });

  it.each(['country', 'tags.', 'modelVersion', 'output.score', 'label', 'tags.a,tags.b', 'tags.a=x,y', 'tags.my tag', 'tags.a\u0001'])('rejects %j, naming the argument', (slice) => {
    expect(() => config([slice])).toThrowError(
      expect.objectContaining({ message: expect.stringContaining('must be tags.<name>, features.<name> or output.predictedClass'), extensions: { code: 'BAD_USER_INPUT', field: 'input.protectedSlices' } }),
    );
  });
});
