/**
 * Drift's type probe from the hours' key-list summary (evalstore migration
 * 010): the same counts and the same uniform key list as probing every row,
 * whatever the windows (whole hours, hours cut, overlapping, the whole
 * history), and no row read where the summary answers. Model 'dense': hours
 * 0–5, 10 rows an hour, features a and b numbers and s a string; hour 3
 * also holds rows with a third number c (two lists of a map); in hour 4, b
 * is a string.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fieldSql, parseField, type Field, type Params } from '@tideline/store';
import { kindCounts } from '../src/drift-kinds.ts';
import { startHarness, type Harness } from './harness.ts';

const P = 'kl-p';
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const NAMES = ['a', 'b', 'c', 's', 'nope'];

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.clickhouse.command({
    query: `INSERT INTO evalstore_predictions (project, model, model_version, id, task, ts, received_at, features_num, features_str, score, version)
      SELECT {p:String}, 'dense', 'v1', toString(number), 'BINARY', fromUnixTimestamp64Milli(toInt64(${T0} + number * ${HOUR / 10})), now64(3),
        multiIf(intDiv(number, 10) = 3 AND number % 2 = 0, map('a', 1., 'b', 2., 'c', 3.), intDiv(number, 10) = 4, map('a', 1.), map('a', 1., 'b', 2.)),
        if(intDiv(number, 10) = 4, map('s', 'x', 'b', 'y'), map('s', 'x')), 0.5, 1
      FROM numbers(60)`,
    query_params: { p: P },
  });
}, 60_000);
afterAll(async () => h?.stop());

/** The probe's statements that read the predictions' rows, with their parameters. */
let rowReads: Params[] = [];
const probe = (windows: { fromMs: number; toMs: number }[] | null, summary: boolean) => {
  const params: Params = {};
  const parsed = NAMES.map((n) => parseField(`features.${n}`)!) as Field[];
  const fields = parsed.map((f, i) => fieldSql(f, (n) => ((params[`fk${i}`] = n), `{fk${i}:String}`)));
  const query: typeof h.clickhouse.query = (args) => {
    if (args.query.includes('FROM evalstore_predictions')) rowReads.push(args.query_params as Params);
    return h.clickhouse.query(args);
  };
  const counting = Object.create(h.clickhouse, { query: { value: query } }) as typeof h.clickhouse;
  return kindCounts(counting, { project: P, model: 'dense', windows, params }, parsed, fields, { summary });
};

/** Both probes of the windows; the summary's row reads are left in `rowReads`. */
async function both(windows: { fromMs: number; toMs: number }[] | null) {
  const fromRows = await probe(windows, false);
  rowReads = [];
  const fromSummary = await probe(windows, true);
  expect(fromSummary).toEqual(fromRows);
  return fromSummary;
}

const span = (fromH: number, toH: number) => ({ fromMs: T0 + fromH * HOUR, toMs: T0 + toH * HOUR });

it('answers whole hours of one list a map from the summary alone, as the rows do', async () => {
  const got = await both([span(0, 1), span(1, 3)]);
  expect(rowReads).toEqual([]);
  // a, b, c, s, nope: [numbers, strings, booleans, nulls].
  expect(got.counts).toEqual([[30, 0, 0, 0], [30, 0, 0, 0], [0, 0, 0, 0], [0, 30, 0, 0], [0, 0, 0, 0]]);
  expect(got.numericKeys).toEqual(['a', 'b']);
});

it('reads the rows of an hour holding two lists, and of no other hour', async () => {
  const got = await both([span(0, 6)]);
  expect(rowReads.length).toBeGreaterThan(0);
  for (const p of rowReads) expect([p.kr0a, p.kr0b, p.kr1a]).toEqual([T0 + 3 * HOUR, T0 + 4 * HOUR, undefined]);
  expect(got.counts.slice(0, 4)).toEqual([[60, 0, 0, 0], [50, 10, 0, 0], [5, 0, 0, 0], [0, 60, 0, 0]]);
  expect(got.numericKeys).toBeNull();
});

it('reads the rows of the parts of hours a window cuts, and agrees when windows overlap and over the whole history', async () => {
  const cut = await both([
    { fromMs: T0 + HOUR / 2, toMs: T0 + 2 * HOUR + HOUR / 4 },
    { fromMs: T0 + 4 * HOUR + HOUR / 6, toMs: T0 + 5 * HOUR + (5 * HOUR) / 6 },
  ]);
  expect(rowReads.length).toBeGreaterThan(0);
  for (const p of rowReads) expect(p.kr0a).toBe(T0 + HOUR / 2);
  // Rows every 6 minutes. a: 5 + 10 + 3 in the first window, 8 + 9 in the second; b a string in hour 4's 8.
  expect(cut.counts.slice(0, 2)).toEqual([[35, 0, 0, 0], [27, 8, 0, 0]]);
  expect((await both([span(0, 4), span(2, 6)])).counts[2]).toEqual([5, 0, 0, 0]);
  expect((await both(null)).counts[1]).toEqual([50, 10, 0, 0]);
});
