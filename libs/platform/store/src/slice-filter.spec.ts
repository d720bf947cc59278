import { describe, expect, it } from 'vitest';
import { SliceFilterError, sliceFilterToSql, type SliceFilter } from './slice-filter.ts';

describe('sliceFilterToSql', () => {
  it('means every row without a filter', () => {
    expect(sliceFilterToSql(null)).toEqual({ sql: '1', params: {} });
  });

  it('binds tag names and values as parameters', () => {
    const { sql, params } = sliceFilterToSql({ field: 'tags.country', op: 'EQ', value: 'BR' });
    expect(sql).toBe('(mapContains(tags, {sf0:String}) AND tags[{sf0:String}] = {sf1:String})');
    expect(params).toEqual({ sf0: 'country', sf1: 'BR' });
  });

  it('names its parameters with the prefix it is given, so several filters share one statement', () => {
    const { sql, params } = sliceFilterToSql({ field: 'tags.country', op: 'EQ', value: 'BR' }, { paramPrefix: 'c1_sf' });
    expect(sql).toBe('(mapContains(tags, {c1_sf0:String}) AND tags[{c1_sf0:String}] = {c1_sf1:String})');
    expect(params).toEqual({ c1_sf0: 'country', c1_sf1: 'BR' });
  });

  it('compiles and / or / not trees and lists', () => {
    const filter: SliceFilter = {
      and: [
        { or: [{ field: 'tags.device', op: 'IN', value: ['ios', 'web'] }, { field: 'features.x1', op: 'GT', value: 0.5 }] },
        { not: { field: 'modelVersion', op: 'EQ', value: 'v1' } },
      ],
    };
    const { sql, params } = sliceFilterToSql(filter);
    expect(sql).toContain('tags[{sf0:String}] IN {sf1:Array(String)}');
    // A feature compares only where it has a value of the compared kind (a string 'x1' is never > 0.5).
    expect(sql).toContain('(mapContains(features_num, {sf2:String}) AND features_num[{sf2:String}] > {sf3:Float64})');
    expect(sql).toContain('(NOT ((model_version IS NOT NULL) AND model_version = {sf4:String}))');
    expect(params).toMatchObject({ sf1: ['ios', 'web'], sf3: 0.5, sf4: 'v1' });
  });

  it('maps label to the column of the model task', () => {
    expect(sliceFilterToSql({ field: 'label', op: 'EQ', value: true }, { task: 'BINARY' }).sql).toContain('label_positive = {sf0:Bool}');
    expect(sliceFilterToSql({ field: 'label', op: 'GT', value: 3 }, { task: 'REGRESSION' }).sql).toContain('label_value > {sf0:Float64}');
  });

  it('keeps hostile values and names out of the SQL text', () => {
    const hostile = "x' OR 1=1; DROP TABLE predictions; --";
    const { sql, params } = sliceFilterToSql({ and: [{ field: `tags.${hostile}`, op: 'EQ', value: hostile }, { field: 'features.a`b', op: 'IN', value: ['SELECT', 'FROM'] }] });
    expect(sql).not.toContain('DROP');
    expect(sql).not.toContain("'");
    expect(sql).not.toContain('`');
    expect(Object.values(params)).toContain(hostile);
  });

  it.each<[string, SliceFilter, string]>([
    ['unknown field', { field: 'predictions; DROP', op: 'EQ', value: 1 }, 'unknown field'],
    ['unknown op', { field: 'tags.a', op: 'LIKE' as never, value: 'x' }, "unknown operator 'LIKE'"],
    ['two kinds in one node', { field: 'tags.a', op: 'EQ', value: 'x', and: [] }, 'exactly one of'],
    ['empty and', { and: [] }, 'non-empty list'],
    ['list for EQ', { field: 'tags.a', op: 'EQ', value: ['x'] }, 'single value'],
    ['mixed list', { field: 'features.a', op: 'IN', value: [1, 'x'] }, 'same type'],
    ['number for a tag', { field: 'tags.a', op: 'EQ', value: 3 }, 'String values'],
    ['object value', { field: 'tags.a', op: 'EQ', value: { $gt: 1 } as never }, 'string, a finite number or a boolean'],
    ['NaN', { field: 'output.score', op: 'LT', value: Number.NaN }, 'finite number'],
  ])('rejects %s with a path', (_name, filter, message) => {
    expect(() => sliceFilterToSql(filter)).toThrowError(SliceFilterError);
    expect(() => sliceFilterToSql(filter)).toThrowError(message);
  });

  it('rejects deep nesting and names the path', () => {
    let filter: SliceFilter = { field: 'tags.a', op: 'EQ', value: 'x' };
    for (let i = 0; i < 40; i++) filter = { not: filter };
    expect(() => sliceFilterToSql(filter)).toThrowError(/nested deeper than 16/);
    try {
      sliceFilterToSql({ and: [{ field: 'tags.a', op: 'EQ', value: 'x' }, { field: 'nope', op: 'EQ', value: 'x' }] });
    } catch (err) {
      expect((err as SliceFilterError).path).toBe('.and[1].field');
      expect((err as SliceFilterError).code).toBe('INVALID_SLICE');
    }
  });
});
