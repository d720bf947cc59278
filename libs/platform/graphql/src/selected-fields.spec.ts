import { describe, expect, it } from 'vitest';
import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { selectedFieldNames } from './selected-fields.ts';

describe('selectedFieldNames', () => {
  const schema = buildSchema('type Query { models: [Model!]! } type Model { name: String! count: Int! task: String last: String }');
  const namesOf = (query: string) => {
    let seen: Set<string> | undefined;
    const rootValue = { models: (_: unknown, __: unknown, info: GraphQLResolveInfo) => ((seen = selectedFieldNames(info)), []) };
    execute({ schema, document: parse(query), rootValue });
    return [...seen!].sort();
  };

  it('collects the fields under the resolved field, through inline and named fragments', () => {
    expect(namesOf('{ models { name count } }')).toEqual(['count', 'name']);
    expect(namesOf('{ models { name ... on Model { task } ...F } } fragment F on Model { last ...G } fragment G on Model { count ...F }')).toEqual([
      'count',
      'last',
      'name',
      'task',
    ]);
    expect(namesOf('{ models { __typename } }')).toEqual(['__typename']);
  });

  it('collects the fields at every depth with deep', () => {
    const deepSchema = buildSchema('type Query { slices: [Slice!]! } type Slice { key: String buckets: [Bucket!]! } type Bucket { from: String values: [Int!]! }');
    let seen: Set<string> | undefined;
    const rootValue = { slices: (_: unknown, __: unknown, info: GraphQLResolveInfo) => ((seen = selectedFieldNames(info, { deep: true })), []) };
    execute({ schema: deepSchema, document: parse('{ slices { key ...B } } fragment B on Slice { buckets { from ... on Bucket { values } } }'), rootValue });
    expect([...seen!].sort()).toEqual(['buckets', 'from', 'key', 'values']);
  });
});
