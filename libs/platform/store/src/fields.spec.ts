import { describe, expect, it } from 'vitest';
import { fieldSql, parseField, type Field } from './fields.ts';

const bound: string[] = [];
const bind = (name: string) => {
  bound.push(name);
  return `{k${bound.length - 1}:String}`;
};
const sqlOf = (path: string, task?: 'BINARY' | 'MULTICLASS' | 'REGRESSION') => fieldSql(parseField(path)!, bind, task);

describe('parseField', () => {
  it('knows the fixed paths and the columns behind them', () => {
    expect(parseField('modelVersion')).toEqual({ path: 'modelVersion', source: 'column', column: 'model_version', kind: 'String' });
    expect(parseField('output.score')).toMatchObject({ column: 'score', kind: 'Float64' });
    expect(parseField('output.value')).toMatchObject({ column: 'value', kind: 'Float64' });
    expect(parseField('output.predictedClass')).toMatchObject({ column: 'predicted_class', kind: 'String' });
    expect(parseField('label')).toEqual({ path: 'label', source: 'label' });
  });

  it('splits tags and features at the first dot, so names may hold dots', () => {
    expect(parseField('tags.country')).toEqual({ path: 'tags.country', source: 'tags', name: 'country' });
    expect(parseField('features.a.b')).toEqual({ path: 'features.a.b', source: 'features', name: 'a.b' });
  });

  it.each(['', 'tags', 'tags.', 'features.', 'output', 'output.probabilities', 'labels', 'constructor', '__proto__', 'tags.a\u0000b', `features.${'x'.repeat(257)}`, 'x; DROP'])(
    'names no field with %j',
    (path) => expect(parseField(path)).toBeUndefined(),
  );
});

describe('fieldSql', () => {
  it('reads a tag as a String, present when the map holds the bound name', () => {
    const tag = sqlOf('tags.country');
    expect(bound.at(-1)).toBe('country');
    expect(tag.kinds).toEqual(['String']);
    expect(tag.value('String')).toMatch(/^tags\[\{k\d+:String\}\]$/);
    expect(tag.absent).toMatch(/^\(NOT mapContains\(tags, \{k\d+:String\}\)\)$/);
    expect(tag.has('Float64')).toBe('0');
  });

  it('reads a feature from the map of each type; its category is strings and booleans as text', () => {
    const feature = sqlOf('features.x');
    const key = `{k${bound.length - 1}:String}`;
    expect(feature.kinds).toEqual(['Float64', 'String', 'Bool']);
    expect(feature.value('Float64')).toBe(`features_num[${key}]`);
    expect(feature.has('Bool')).toBe(`mapContains(features_bool, ${key})`);
    expect(feature.sentNull).toBe(`has(features_null, ${key})`);
    expect(feature.category).toEqual({
      value: `if(mapContains(features_str, ${key}), features_str[${key}], toString(features_bool[${key}]))`,
      has: `(mapContains(features_str, ${key}) OR mapContains(features_bool, ${key}))`,
    });
  });

  it('reads the label from the column of the model task, and needs the task', () => {
    expect(sqlOf('label', 'BINARY')).toMatchObject({ kinds: ['Bool'], absent: '(label_positive IS NULL)' });
    expect(sqlOf('label', 'MULTICLASS').value('String')).toBe('label_class');
    expect(sqlOf('label', 'REGRESSION').value('Float64')).toBe('label_value');
    expect(() => fieldSql({ path: 'label', source: 'label' } as Field, bind)).toThrow(/needs the model's task/);
  });

  it('gives numeric columns no category, and binds nothing for columns', () => {
    const before = bound.length;
    expect(sqlOf('output.score').category).toBeUndefined();
    expect(sqlOf('modelVersion').category).toEqual({ value: 'model_version', has: '(model_version IS NOT NULL)' });
    expect(bound.length).toBe(before);
  });
});
