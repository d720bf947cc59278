/**
 * Property-based tests of the slice-filter compiler (fast-check, fixed seed;
 * FUZZ_SEED overrides it). Trees come as the API takes them (JSON), with
 * hostile field names and values; a sample of valid trees also runs on chDB
 * against an in-memory evaluator of the same filter.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@tideline/contracts';
import { createClickHouseClient, type ClickHouseClient } from '@tideline/clickhouse';
import { tempDir, type TempDir } from '@tideline/testing';
import { SliceFilterError, sliceFilterToSql, type FilterOp, type SliceFilter } from './slice-filter.ts';
import { columns, evaluate, ROW_COLUMNS_SQL, rowArbitrary, validTree, type Row } from './slice-filter.fuzz-model.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const tasks = fc.constantFrom<Task | undefined>(undefined, 'BINARY', 'MULTICLASS', 'REGRESSION');

// ---- Hostile trees: and / or / not / leaves, odd shapes, any JSON values.
const hostileText = fc.oneof(
  fc.string({ unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom("'", '"', '`', '\\', '{', '}', ':', ';', '\n', '\u0000', '\ud800')) }),
  fc.constantFrom("x' OR 1=1 --", '{sf0:String}', '}{', 'a:b', 'SELECT', 'DROP TABLE evalstore_predictions', 'tags', 'mapContains', 'NOT', 'AND', '😀', 'é\u0301'),
);
const field = fc.oneof(
  fc.constantFrom('modelVersion', 'output.score', 'output.value', 'output.predictedClass', 'label', 'tags', 'features.', 'tags.'),
  hostileText.map((name) => `tags.${name}`),
  hostileText.map((name) => `features.${name}`),
  hostileText,
);
const op = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('EQ', 'NE', 'IN', 'NOT_IN', 'LT', 'LTE', 'GT', 'GTE', 'IS_NULL') }, { weight: 1, arbitrary: hostileText });
const scalar = fc.oneof(hostileText, fc.double(), fc.integer(), fc.boolean());
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.array(fc.string(), { minLength: 1, maxLength: 3 }), fc.jsonValue({ maxDepth: 2 }), fc.constant(null));
const { hostileTree } = fc.letrec<{ hostileTree: unknown; leaf: unknown; odd: unknown }>((tie) => ({
  hostileTree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.record({ and: fc.array(tie('hostileTree'), { maxLength: 4 }) }),
    fc.record({ or: fc.array(tie('hostileTree'), { maxLength: 4 }) }),
    fc.record({ not: tie('hostileTree') }),
    tie('odd'),
  ),
  leaf: fc.record({ field, op, value }, { requiredKeys: ['field', 'op'] }),
  odd: fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.record({ and: tie('leaf'), field }, { requiredKeys: [] }), fc.record({ not: fc.constantFrom(false, 0, '', []) })),
}));
const anyFilter = hostileTree.map((t) => asJson(t) as SliceFilter);

function compileOutcome(filter: SliceFilter, task: Task | undefined) {
  try {
    return sliceFilterToSql(filter, { task });
  } catch (err) {
    if (err instanceof SliceFilterError) return err;
    throw err;
  }
}

type Leaf = { field: string; op: string; value?: unknown };
const isLeaf = (node: unknown): node is Leaf => typeof node === 'object' && node !== null && typeof (node as Leaf).field === 'string';
function leavesOf(node: unknown): Leaf[] {
  if (typeof node !== 'object' || node === null) return [];
  if (isLeaf(node)) return [node];
  const n = node as SliceFilter;
  return [...(n.and ?? []), ...(n.or ?? []), ...(n.not ? [n.not] : [])].flatMap(leavesOf);
}
/** The user's text in a leaf: the name after `tags.` / `features.`, and string values. */
function userText(leaf: Leaf): string[] {
  const name = /^(tags|features)\.(.*)$/s.exec(leaf.field)?.[2];
  const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
  return [...(name === undefined ? [] : [name]), ...values.filter((v): v is string => typeof v === 'string')];
}
/** The same tree with every user name and value replaced by a neutral one of the same type. */
function anonymized(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(anonymized);
  if (typeof node !== 'object' || node === null) return node;
  if (!isLeaf(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, anonymized(v)]));
  const neutral = (v: unknown) => (typeof v === 'string' ? 'v' : typeof v === 'number' ? 0 : v);
  const prefix = /^(tags|features)\./.exec(node.field)?.[0];
  return { ...node, field: prefix ? `${prefix}n` : node.field, value: Array.isArray(node.value) ? node.value.map(neutral) : neutral(node.value) };
}

const PLACEHOLDER = /\{(sf\d+):([A-Za-z0-9()]+)\}/g;
const SQL_WORDS = new Set(['NOT', 'AND', 'OR', 'IN', 'IS', 'NULL', 'mapContains', 'tags', 'features_num', 'features_str', 'features_bool', 'model_version', 'score', 'value', 'predicted_class', 'label_positive', 'label_class', 'label_value']);

describe('sliceFilterToSql under fuzzing', () => {
  it('compiles any JSON tree or throws the INVALID_SLICE error with a path', () => {
    fc.assert(
      fc.property(anyFilter, tasks, (filter, task) => {
        const result = compileOutcome(filter, task);
        if (result instanceof SliceFilterError) {
          expect(result.code).toBe('INVALID_SLICE');
          expect(result.path).toMatch(/^(\.(and|or|not|field|op|value)(\[\d+\])?)*$/);
        }
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('puts user input in the SQL only as bound parameters, each under one unique placeholder', () => {
    fc.assert(
      fc.property(anyFilter, tasks, (filter, task) => {
        const result = compileOutcome(filter, task);
        if (result instanceof SliceFilterError) return;
        const { sql, params } = result;
        const placeholders = [...sql.matchAll(PLACEHOLDER)];
        const typeOf = new Map<string, string>();
        for (const [, name, type] of placeholders) {
          expect(name! in params, `placeholder ${name} has a parameter`).toBe(true);
          expect(typeOf.get(name!) ?? type, `${name} has one type`).toBe(type);
          typeOf.set(name!, type!);
        }
        expect([...typeOf.keys()].sort()).toEqual(Object.keys(params).sort());
        // What is left besides placeholders is the compiler's own vocabulary.
        const rest = sql.replace(PLACEHOLDER, ' ? ');
        expect(rest).toMatch(/^(\s|[()[\],?=<>!]|\b1\b|[A-Za-z_]+)*$/);
        for (const word of rest.match(/[A-Za-z_]+/g) ?? []) expect(SQL_WORDS, `SQL word '${word}'`).toContain(word);
        // No user text verbatim, and the SQL is the same whatever the user's names and values were.
        for (const text of leavesOf(filter).flatMap(userText)) if (/[^A-Za-z0-9_ ]/.test(text)) expect(rest).not.toContain(text);
        expect(sliceFilterToSql(anonymized(filter) as SliceFilter, { task }).sql).toBe(sql);
        // Every value and name the user gave is bound.
        // Whole numbers past 2^53 are bound as the BigInt of the same value (chDB refuses them as numbers).
        const json = (v: unknown) => JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
        const bound = new Set(Object.values(params).map(json));
        for (const leaf of leavesOf(filter)) {
          const name = /^(tags|features)\.(.*)$/s.exec(leaf.field)?.[2];
          if (name !== undefined) expect(bound).toContain(JSON.stringify(name));
          if (leaf.op !== 'IS_NULL') expect(bound).toContain(JSON.stringify(leaf.value));
        }
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('refuses trees past the depth, size and list bounds with a clear error', () => {
    const leaf: SliceFilter = { field: 'tags.a', op: 'EQ', value: 'x' };
    const wrap = (node: SliceFilter, kinds: ('and' | 'or' | 'not')[]) => kinds.reduce<SliceFilter>((inner, k) => (k === 'not' ? { not: inner } : { [k]: [inner] }), node);
    const wrappers = (min: number, max: number) => fc.array(fc.constantFrom<'and' | 'or' | 'not'>('and', 'or', 'not'), { minLength: min, maxLength: max });
    fc.assert(
      fc.property(wrappers(0, 16), wrappers(17, 80), fc.integer({ min: 201, max: 500 }), fc.integer({ min: 1001, max: 3000 }), (shallow, deep, leaves, values) => {
        expect(sliceFilterToSql(wrap(leaf, shallow)).params).toEqual({ sf0: 'a', sf1: 'x' });
        expect(() => sliceFilterToSql(wrap(leaf, deep))).toThrowError(/nested deeper than 16 levels/);
        expect(() => sliceFilterToSql({ or: Array.from({ length: leaves }, () => leaf) })).toThrowError(/more than 200 conditions/);
        expect(() => sliceFilterToSql({ field: 'tags.a', op: 'IN', value: Array.from({ length: values }, (_, i) => `v${i}`) })).toThrowError(/IN takes at most 1000 values/);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('compiled filters on chDB select what the filter means', () => {
  let dir: TempDir;
  let client: ClickHouseClient;
  let rows: Row[];

  beforeAll(async () => {
    dir = tempDir('tideline-slice-fuzz-');
    client = createClickHouseClient(`chdb://${dir.path}`);
    await client.command({ query: `CREATE TABLE fuzz_rows (${ROW_COLUMNS_SQL}) ENGINE = MergeTree ORDER BY id` });
    rows = fc.sample(rowArbitrary, { seed: SEED, numRuns: 60 }).map((row, id) => ({ ...row, id }));
    await client.insert({ table: 'fuzz_rows', values: rows.map(columns), format: 'JSONEachRow' });
  });
  afterAll(async () => {
    await client?.close();
    dir?.remove();
  });

  const selected = async (filter: SliceFilter, task: Task) => {
    const { sql, params } = sliceFilterToSql(filter, { task });
    const result = await client.query({ query: `SELECT id FROM fuzz_rows WHERE ${sql} ORDER BY id`, query_params: params, format: 'JSONEachRow' });
    return (await result.json<{ id: number }>()).map((r) => Number(r.id));
  };

  it('matches an in-memory evaluator of the same tree', async () => {
    await fc.assert(
      fc.asyncProperty(validTree, async ({ filter, task }) => {
        const expected = rows.filter((row) => evaluate(filter, row, task)).map((row) => row.id);
        expect(await selected(filter, task), JSON.stringify(filter)).toEqual(expected);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('runs with any finite number, however large', async () => {
    await fc.assert(
      fc.asyncProperty(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom<FilterOp>('GT', 'LTE', 'IN', 'NOT_IN'), async (n, op) => {
        const filter: SliceFilter = { field: 'output.value', op, value: op === 'IN' || op === 'NOT_IN' ? [n, 1] : n };
        const expected = rows.filter((row) => evaluate(filter, row, 'REGRESSION')).map((row) => row.id);
        expect(await selected(filter, 'REGRESSION'), JSON.stringify(filter)).toEqual(expected);
      }),
      { seed: SEED, numRuns: 50 },
    );
  });
});
